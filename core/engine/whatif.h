#pragma once
#include <cstdint>
#include <vector>

#include "common/result.h"
#include "engine/recommendation.h"
#include "engine/scoringengine.h"
#include "engine/userprofile.h"
#include "model/modelcontract.h"

namespace reclens {

// One change to a user's profile in a what-if scenario.
struct WhatIfEdit {
  enum class Kind {
    RemoveItem,    // drop `item` from the history
    AddItem,       // append `item` (newest) with `weight`
    SetWeight,     // give history item `item` the weight `weight`
    SetUserField,  // set model user field `field` to vocabulary code `code` (-1 = missing)
  };
  Kind kind = Kind::RemoveItem;
  std::int32_t item = -1;  // catalog row
  float weight = 1.0f;
  int field = -1;  // index into ModelMetadata::userFields
  std::int32_t code = -1;

  static WhatIfEdit removeItem(std::int32_t item) { return {Kind::RemoveItem, item, 1.0f, -1, -1}; }
  static WhatIfEdit addItem(std::int32_t item, float weight = 1.0f) {
    return {Kind::AddItem, item, weight, -1, -1};
  }
  static WhatIfEdit setWeight(std::int32_t item, float weight) {
    return {Kind::SetWeight, item, weight, -1, -1};
  }
  static WhatIfEdit setUserField(int field, std::int32_t code) {
    return {Kind::SetUserField, -1, 1.0f, field, code};
  }
};

// How an item's place differs between the baseline list and the edited one.
enum class RankChangeKind { Same, Moved, New, Dropped };

struct RankChange {
  std::int32_t item = -1;
  int before = 0;  // 1-based rank in the baseline list, 0 when absent
  int after = 0;   // 1-based rank in the edited list, 0 when absent
  RankChangeKind kind = RankChangeKind::Same;
};

// The comparison of two top-K lists of the same user.
struct RankComparison {
  std::vector<RankChange> changes;  // the edited list in order, then the dropped items in baseline order
  int same = 0;
  int moved = 0;
  int added = 0;         // items new to the list
  int dropped = 0;       // items that left it
  double overlap = 0.0;  // items in both lists / the longer list's length (1 when both are empty)
  double jaccard = 0.0;  // items in both / items in either (1 when both are empty)
};

// Everything a what-if recomputation gives back: an immutable value.
struct WhatIfResult {
  UserProfile profile;                   // the edited profile
  std::vector<float> userVector;         // its user vector
  std::vector<Recommendation> baseline;  // top-K of the unedited profile
  std::vector<Recommendation> list;      // top-K of the edited profile
  RankComparison comparison;             // baseline -> list
};

// Applies `edits` in order to `base`. Errors (InvalidArgument) name the first edit that cannot apply: an
// item outside the model's catalog, removing or re-weighting an item not in the history, adding one
// already there, a weight that is negative or not finite, a field or code outside the model's.
Result<UserProfile> applyWhatIfEdits(const UserProfile& base, const std::vector<WhatIfEdit>& edits,
                                     const ModelMetadata& metadata);

// Compares the `before` and `after` lists of one user: which items are new, dropped, moved or in place.
RankComparison compareRankings(const std::vector<Recommendation>& before,
                               const std::vector<Recommendation>& after);

// The edited profile's top-`k` under `engine` (options as ScoringEngine::recommend; with excludeSeen the
// edited history is left out, so a removed item may come back) against the baseline: `baseline` when
// given (the caller's cached list of `base`), else recomputed. Exact: nothing is approximated.
Result<WhatIfResult> runWhatIf(ScoringEngine& engine, const UserProfile& base,
                               const std::vector<WhatIfEdit>& edits, int k,
                               const ScoringEngine::Options& options = {},
                               const std::vector<Recommendation>* baseline = nullptr);

}  // namespace reclens
