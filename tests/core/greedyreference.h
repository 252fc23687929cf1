#pragma once
// Helpers of the re-ranking tests, and a plain greedy re-ranker for checking engine/rerank.h: every step
// scores every remaining candidate from scratch with `value(list with the candidate, relevance)`, relevance
// being the score min-max normalised over the candidates, and takes the best (ties to the earlier candidate).
#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/recommendation.h"

namespace reclens::testing {

// The catalog rows of a list, in order.
inline std::vector<std::int32_t> itemsOf(const std::vector<Recommendation>& list) {
  std::vector<std::int32_t> out;
  for (const auto& r : list) out.push_back(r.item);
  return out;
}

// Candidates 0..5 in model order with falling scores (1.0 to 0.5): normalised relevance 1, 0.8, …, 0.
inline std::vector<Recommendation> sixCandidates() {
  return {{0, 1.0f, 1}, {1, 0.9f, 2}, {2, 0.8f, 3}, {3, 0.7f, 4}, {4, 0.6f, 5}, {5, 0.5f, 6}};
}

template <class Value>
std::vector<std::int32_t> greedyReference(const std::vector<Recommendation>& cands, int k, Value value) {
  float lo = cands.front().score, hi = cands.front().score;
  for (const auto& c : cands) {
    lo = std::min(lo, c.score);
    hi = std::max(hi, c.score);
  }
  std::vector<std::int32_t> taken;
  std::vector<bool> used(cands.size(), false);
  for (int step = 0; step < k; ++step) {
    std::size_t best = cands.size();
    double bestValue = -std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < cands.size(); ++c) {
      if (used[c]) continue;
      auto list = taken;
      list.push_back(cands[c].item);
      const double v = value(list, (double(cands[c].score) - lo) / (double(hi) - lo));
      if (best == cands.size() || v > bestValue + 1e-12) {
        best = c;
        bestValue = v;
      }
    }
    used[best] = true;
    taken.push_back(cands[best].item);
  }
  return taken;
}

}  // namespace reclens::testing
