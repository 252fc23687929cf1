#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "audit/rerankinputs.h"
#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "engine/recommendation.h"
#include "engine/scoringengine.h"
#include "model/datasplit.h"

namespace reclens {

// Trade-offs of one re-ranking knob (docs/metrics.md, "Trade-off sweeps"): a sample of users with
// their model candidates is taken once, then any list of values of any knob is swept over it cheaply,
// and every point carries every metric, so the GUI can plot any pair of them without sweeping again.

// The knob a sweep varies; every other knob stays off.
enum class TradeoffKnob {
  PopularityPenalty,  // ReRankOptions::popularityPenalty
  UserAwarePenalty,   // ReRankOptions::userAwarePenalty
  Diversity,          // ReRankOptions::diversity (MMR)
  Calibration,        // ReRankOptions::calibration
  ProviderFairness,   // ReRankOptions::providerFairness on the sample's provider groups
};

// Sampled users with a held-out item, each with the model's candidates for re-ranking.
struct TradeoffSample {
  int k = 20;
  std::size_t numItems = 0;
  std::vector<std::int32_t> users;                      // dataset user rows, ascending
  std::vector<std::vector<Recommendation>> candidates;  // per user, the model's order
  std::vector<std::vector<std::int32_t>> relevant;      // per user, test items (ascending)
  std::vector<std::vector<std::int32_t>> history;       // per user, history items (before the test part)
  std::vector<std::int64_t> trainCounts;                // per catalog row: history interactions
  std::vector<std::uint8_t> longTail;                   // per catalog row: outside the short head
  ReRankInputs inputs;                                  // from trainCounts; provider groups of providerField
  std::string providerField;                            // "brand" when the catalog has it, else "tier"
  std::size_t categories = 0;                           // size of the "category" vocabulary (0: none)
  std::vector<float> embeddings;                        // [numItems, dim] for MMR
  int dim = 0;
  // The user attributes with 2 to kMaxGapGroups values, and each sampled user's group (-1: none).
  std::vector<std::string> attributes;
  std::vector<std::vector<std::int32_t>> userGroups;
};

// Groups of one attribute that a group gap compares at most, and users a group needs to count.
inline constexpr std::size_t kMaxGapGroups = 20;
inline constexpr std::size_t kMinGapGroupUsers = 5;

// One value of the sweep; every value @k over the re-ranked lists of the sample.
struct TradeoffPoint {
  double lambda = 0.0;    // the knob's value
  double ndcg = 0.0;      // mean over the sampled users
  double recall = 0.0;    // mean over the sampled users
  double hit = 0.0;       // HR: mean over the sampled users
  double coverage = 0.0;  // distinct listed items / catalog items
  double gini = 0.0;      // Gini of the sample's exposure counts over the whole catalog
  double aplt = 0.0;      // mean share of long-tail items per list
  double arp = 0.0;       // mean over lists of the listed items' mean train count
  // Mean miscalibration (Steck's KL, α = 0.01) over the sampled users, as the audit averages it; NaN
  // without categories.
  double miscalibration = 0.0;
  // Mean over lists of the total variation between the provider groups' position-weighted exposure
  // shares and their catalog shares (the provider-fair re-ranker's distance).
  double providerDistance = 0.0;
  // Per sample attribute: the NDCG of its best group minus its worst, over groups of at least
  // kMinGapGroupUsers sampled users; NaN with fewer than two such groups.
  std::vector<double> ndcgGap;
};

// Draws up to `users` users with a test item (seeded; all of them when fewer) and fetches each one's
// re-ranking candidates (ReRankOptions::candidateCount) from the history before the test part, never
// listing it. Cancelled when `control` is; InvalidArgument for k < 1 or a split of other data.
Result<TradeoffSample> sampleTradeoff(ScoringEngine& engine, const Dataset& dataset,
                                      const TrainTestSplit& split, int k, std::size_t users,
                                      std::uint64_t seed, const TaskControl& control = {});

// For each value in `values`, in order: re-ranks every sampled user's candidates with `knob` at that
// value (engine/rerank.h, nothing else active) and measures the resulting top-k lists.
std::vector<TradeoffPoint> tradeoffSweep(const TradeoffSample& sample, TradeoffKnob knob,
                                         const std::vector<double>& values);

// The popularity-penalty sweep (tradeoffSweep with TradeoffKnob::PopularityPenalty).
std::vector<TradeoffPoint> popularityTradeoff(const TradeoffSample& sample,
                                              const std::vector<double>& lambdas);

// The options that set `knob` to `value` with every other knob off (the sample's provider field).
ReRankOptions tradeoffOptions(const TradeoffSample& sample, TradeoffKnob knob, double value);

// Total variation between the position-weighted (1/log2(r+1)) exposure shares of `list`'s provider
// groups and `target` (codes outside it: one more group whose target is the rest of 1).
double providerExposureDistance(const std::vector<Recommendation>& list,
                                const std::vector<std::int32_t>& provider, const std::vector<double>& target);

}  // namespace reclens
