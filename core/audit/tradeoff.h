#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "engine/recommendation.h"
#include "engine/scoringengine.h"
#include "model/datasplit.h"

namespace reclens {

// The accuracy-vs-coverage trade-off of the popularity-penalty re-ranking knob (docs/metrics.md): a
// sample of users with their model candidates is taken once, then any list of penalties λ is swept
// over it cheaply (the GUI redraws the curve live).

// Sampled users with a held-out item, each with the model's candidates for re-ranking.
struct TradeoffSample {
  int k = 20;
  std::size_t numItems = 0;
  std::vector<std::int32_t> users;                      // dataset user rows, ascending
  std::vector<std::vector<Recommendation>> candidates;  // per user, the model's order
  std::vector<std::vector<std::int32_t>> relevant;      // per user, test items (ascending)
  std::vector<std::int64_t> trainCounts;                // per catalog row: history interactions
  std::vector<std::uint8_t> longTail;                   // per catalog row: outside the short head
};

// One λ of the sweep; every value @k over the re-ranked lists of the sample.
struct TradeoffPoint {
  double lambda = 0.0;
  double ndcg = 0.0;      // mean over the sampled users
  double coverage = 0.0;  // distinct listed items / catalog items
  double gini = 0.0;      // Gini of the sample's exposure counts over the whole catalog
  double aplt = 0.0;      // mean share of long-tail items per list
};

// Draws up to `users` users with a test item (seeded; all of them when fewer) and fetches each one's
// re-ranking candidates (ReRankOptions::candidateCount) from the history before the test part, never
// listing it. Cancelled when `control` is; InvalidArgument for k < 1 or a split of other data.
Result<TradeoffSample> sampleTradeoff(ScoringEngine& engine, const Dataset& dataset,
                                      const TrainTestSplit& split, int k, std::size_t users,
                                      std::uint64_t seed, const TaskControl& control = {});

// For each λ in `lambdas`, in order: re-ranks every sampled user's candidates with popularity penalty
// λ (engine/rerank.h, nothing else active) and measures the resulting top-k lists.
std::vector<TradeoffPoint> popularityTradeoff(const TradeoffSample& sample,
                                              const std::vector<double>& lambdas);

}  // namespace reclens
