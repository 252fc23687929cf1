#pragma once
// Do a user's explanations collapse onto one story? (docs/explanations.md, "When explanations
// collapse"). A per-user diagnostic over the explanations of a top-K list and a model-level figure
// over sampled users.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "engine/userprofile.h"
#include "explain/attribution.h"
#include "explain/background.h"
#include "model/modelfile.h"

namespace reclens {

// Above either threshold a user's explanations are called collapsed.
inline constexpr double kCollapseCosine = 0.9;       // mean pairwise cosine of the attribution vectors
inline constexpr double kCollapseCommonShare = 0.6;  // share of the scores that every user gets

struct CollapseDiagnostic {
  std::size_t items = 0;
  // Mean cosine over all pairs of items of their user-side attribution vectors (history rows, then
  // user fields); NaN with fewer than two items or when every vector is zero.
  double meanCosine = 0.0;
  // Σ_k |common_k| / (Σ_k |common_k| + Σ_k |personal_k|) over the items' score splits; NaN without them.
  double commonShare = 0.0;
  // The history row with the largest positive attribution is the same for every item (two or more
  // items, each with a positive history attribution).
  bool sameLead = false;
  bool collapsed = false;  // meanCosine >= kCollapseCosine or commonShare >= kCollapseCommonShare
};

// True when two or more items are explained and each one's largest positive history attribution is
// the same history row.
bool leadsWithSameHistoryItem(const Explanation& explanation);

// What ExplanationContrast::Automatic shows for `whole`, an explanation of whole scores: OtherItems
// when it has two or more items and they all lead with the same history item or their user-side
// attribution vectors have a mean pairwise cosine of at least kCollapseCosine (docs/rankings.md), None
// otherwise.
ExplanationContrast automaticContrast(const Explanation& whole);

// The diagnostic of one user's explanation (of the whole scores: no contrast); `split` (the items' ScoreSplit
// in the same order, or empty) gives the common share.
CollapseDiagnostic diagnoseCollapse(const Explanation& explanation, const std::vector<ScoreSplit>& split);

struct CollapseOptions {
  // The explanations diagnosed (method, baseline, background, ...). The diagnostic is of the whole
  // scores; a contrast only changes ModelCollapse::shownSameLeadShare.
  AttributionOptions attribution;
  int topK = 10;           // each sampled user's top-K, seen items excluded
  std::size_t users = 50;  // users sampled from the profiles given (those with a history); 0: all
  std::uint64_t seed = 1;
};

// The model-level figure: means and shares over the sampled users.
struct ModelCollapse {
  std::size_t users = 0;
  double meanCosine = 0.0;       // over the users with a defined cosine
  double meanCommonShare = 0.0;  // over the users with a defined common share; NaN without a background
  double collapsedShare = 0.0;   // users whose diagnostic says collapsed
  double sameLeadShare = 0.0;    // users whose top-K explanations all lead with the same history item
  // The same share for the explanations as shown, with the options' contrast (equal without one).
  double shownSameLeadShare = 0.0;
  double comparedShare = 0.0;  // users whose explanations as shown are a contrast (Automatic: chosen)
  ExplanationContrast contrast = ExplanationContrast::None;
  std::vector<CollapseDiagnostic> perUser;
};

// Explains the top-K of a seeded sample of `profiles` and diagnoses each; `background` (optional, from
// the same model) gives the common shares. Never throws; no user with a history gives ErrorCode::Empty.
Result<ModelCollapse> measureCollapse(const std::shared_ptr<const ModelFile>& model,
                                      const std::vector<UserProfile>& profiles,
                                      const UserBackground* background, const CollapseOptions& options,
                                      const TaskControl& control = {});

}  // namespace reclens
