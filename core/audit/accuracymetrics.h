#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/recommendation.h"

namespace reclens {

// The pinned top-K accuracy metrics of one user (binary relevance, as RecBole defines them), or their
// mean over users. See docs/metrics.md.
struct AccuracyValues {
  double hit = 0.0;        // HR@K: 1 when any of the first K is relevant
  double precision = 0.0;  // hits in the first K / K
  double recall = 0.0;     // hits in the first K / |relevant|
  double mrr = 0.0;        // 1 / rank of the first relevant item within K, else 0
  double map = 0.0;        // Σ_{r≤K, rel(r)} precision@r / min(|relevant|, K)
  double ndcg = 0.0;       // DCG@K / ideal DCG over min(|relevant|, K) relevant items
};

// The metrics of one ranked list given as relevance flags (hits[j] != 0: the item at rank j+1 is
// relevant), cut at `k`, for a user with `relevantCount` relevant items. A list shorter than k counts
// its missing ranks as not relevant; relevantCount 0 or k <= 0 gives all zeros.
AccuracyValues userAccuracy(const std::vector<std::uint8_t>& hits, std::size_t relevantCount, int k);

// Relevance flags of `ranked` against `relevantSorted` (ascending catalog rows).
std::vector<std::uint8_t> relevanceFlags(const std::vector<Recommendation>& ranked,
                                         const std::vector<std::int32_t>& relevantSorted);

// Running mean of AccuracyValues over users (only users with at least one relevant item are added).
struct AccuracyMean {
  AccuracyValues sum;
  std::size_t users = 0;

  void add(const AccuracyValues& v);
  // The mean over the users added; all zeros when none was.
  AccuracyValues mean() const;
};

}  // namespace reclens
