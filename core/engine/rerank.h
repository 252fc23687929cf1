#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/recommendation.h"

namespace reclens {

// The exposure shares that provider-fair re-ranking aims at (ReRankOptions::providerFairness).
enum class ProviderTarget {
  CatalogShare,  // each provider group's share of the catalog's items
  Equal,         // the same share for every provider group that has items
};

// Re-ranking knobs applied to a model's top candidates. All zero = the model's own order.
struct ReRankOptions {
  double popularityPenalty = 0.0;  // λ ≥ 0: relevance − λ · log(1+pop)/log(1+max pop)
  double diversity = 0.0;          // MMR λ in [0, 1]: weight of (max cosine to items already listed)
  int categoryCap = 0;             // at most this many items per category in the list; 0 = no cap
  // Calibration λ in [0, 1] (Steck, RecSys 2018): weight of the list's miscalibration, the KL divergence
  // of its category distribution from the history's (smoothed with α = 0.01, as the audit measures it).
  double calibration = 0.0;
  // Provider fairness φ in [0, 1]: weight of the list's misplaced exposure, its total position-discounted
  // exposure times the total variation between the provider groups' exposure shares and their targets.
  double providerFairness = 0.0;
  std::string providerField = "brand";  // the provider groups: "tier" or a catalog field
  ProviderTarget providerTarget = ProviderTarget::CatalogShare;
  // User-aware popularity penalty λ ≥ 0: the popularity penalty scaled for each user by the share of
  // their history outside the popular items (ΔGAP's popular items), so niche users get nearly all of
  // it and blockbuster users little.
  double userAwarePenalty = 0.0;
  int candidates = 0;  // how many model candidates to re-rank; 0 = the default below

  bool active() const {
    return popularityPenalty != 0.0 || diversity != 0.0 || categoryCap > 0 || calibration != 0.0 ||
           providerFairness != 0.0 || userAwarePenalty != 0.0;
  }
  // The same knobs (the provider field and target count only while provider fairness is on).
  bool operator==(const ReRankOptions& o) const {
    return popularityPenalty == o.popularityPenalty && diversity == o.diversity &&
           categoryCap == o.categoryCap && calibration == o.calibration &&
           providerFairness == o.providerFairness && userAwarePenalty == o.userAwarePenalty &&
           candidates == o.candidates &&
           (providerFairness == 0.0 ||
            (providerField == o.providerField && providerTarget == o.providerTarget));
  }
  // Number of candidates to fetch for a list of `k` out of `numItems`: `candidates` when set, else
  // min(numItems, max(10·k, 1000), 5000).
  std::size_t candidateCount(int k, std::size_t numItems) const;
};

// The knobs that are on, in words ("popularity penalty 0.3, MMR 0.2, at most 3 per category,
// calibration 0.5, provider fairness 0.4 on brand (catalog shares), user-aware penalty 1"), or "none"
// when none is.
std::string describeReRank(const ReRankOptions& options);

// What re-ranking needs to know about items; every pointer may be null when its knob is off.
struct ReRankContext {
  const std::vector<std::int64_t>* popularity = nullptr;  // train interactions per catalog row
  const std::vector<std::int32_t>* category = nullptr;    // category code per catalog row, -1 = none
  const float* embeddings = nullptr;                      // [numItems, dim] row-major, for MMR
  int dim = 0;
  // The user's history (catalog rows), for calibration: its items' categories give the target
  // distribution p (each history item counted once; items without a category left out).
  const std::vector<std::int32_t>* history = nullptr;
  // Provider fairness: the provider group of every catalog row (codes 0..G−1 with G the size of
  // providerTarget; any other code: no group) and each group's target exposure share (sum ≤ 1; the
  // rest is the target of the items without a group).
  const std::vector<std::int32_t>* provider = nullptr;
  const std::vector<double>* providerTarget = nullptr;
  // User-aware penalty: 1 for ΔGAP's popular items (audit/beyondaccuracy.h), per catalog row.
  const std::vector<std::uint8_t>* popular = nullptr;
};

// Greedily picks up to `k` of `candidates` (in the model's order, best first): each step takes the
// candidate with the highest (1−μ)·(relevance − λ·popularity) − μ·(max cosine to the items taken),
// where relevance is the score min-max normalised over the candidates, skipping candidates whose
// category is full. With calibration κ > 0 that value v becomes (1−κ)·v − κ·C_KL(p, q(L ∪ {c})): the
// greedy step of Steck's calibrated re-ranking, L the items taken, q the category distribution of a
// list and C_KL the audit's miscalibration (docs/metrics.md); it needs context.category and
// context.history, and does nothing when the history has no categorised item. With provider fairness
// φ > 0 the value becomes (1−φ)·v − φ·W·TV(x(L ∪ {c}), t): x the exposure shares of the provider groups
// in the list (position r weighs 1/log2(r+1)), W that list's total exposure, t the targets
// (context.provider, context.providerTarget).
// The user-aware penalty adds λ·(1 − h)·popularity to λ·popularity, h the share of the history's items
// that are popular (context.popular, context.history). Ties go to the earlier
// candidate, so the result is deterministic. Scores stay the model's; ranks are renumbered 1..n. Returns
// fewer than k items only when the caps leave too few.
std::vector<Recommendation> reRank(const std::vector<Recommendation>& candidates, int k,
                                   const ReRankOptions& options, const ReRankContext& context);

}  // namespace reclens
