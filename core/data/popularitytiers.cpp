#include "data/popularitytiers.h"

#include <algorithm>
#include <numeric>

namespace reclens {

std::vector<PopularityTier> popularityTiers(const std::vector<std::int64_t>& counts) {
  std::vector<std::size_t> order(counts.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&counts](std::size_t a, std::size_t b) { return counts[a] > counts[b]; });
  const auto total = static_cast<double>(std::accumulate(counts.begin(), counts.end(), std::int64_t{0}));
  std::vector<PopularityTier> tiers(counts.size(), PopularityTier::Tail);
  double before = 0.0;
  for (const auto item : order) {
    if (counts[item] <= 0) break;
    if (before < kHeadTierShare * total) {
      tiers[item] = PopularityTier::Head;
    } else if (before < kMidTierShare * total) {
      tiers[item] = PopularityTier::Mid;
    }
    before += static_cast<double>(counts[item]);
  }
  return tiers;
}

}  // namespace reclens
