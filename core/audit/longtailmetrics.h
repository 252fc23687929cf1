#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/recommendation.h"

namespace reclens {

// The pinned long-tail and exposure metrics (docs/metrics.md) as pure functions over counts and lists.
// Catalog-level functions take one entry per catalog row; list functions take one user's top-K list.

// Item coverage (RecBole ItemCoverage): the share of entries of `exposureCounts` that are above zero;
// 0 for an empty catalog.
double itemCoverage(const std::vector<std::int64_t>& exposureCounts);

// Gini index of exposure (RecBole GiniIndex) over every entry, zeros included:
// Σ_i (2i − n − 1)·c_(i) / (n·Σc) with c sorted ascending and i = 1..n; 0 when nothing is exposed.
double giniIndex(const std::vector<std::int64_t>& exposureCounts);

// Shannon entropy in bits of the distribution c_i / Σc; 0 when nothing is exposed.
double entropyBits(const std::vector<std::int64_t>& exposureCounts);

// RecBole TailPercentage's tail: among the rows with considered[i] != 0 (every row when `considered`
// is empty), the max(⌊n·tailRatio⌋, 1) with the lowest counts, ties to the lower row. One flag per row.
std::vector<std::uint8_t> tailItems(const std::vector<std::int64_t>& trainCounts, double tailRatio,
                                    const std::vector<std::uint8_t>& considered = {});

// Mean train count of the first `k` listed items (RecBole AveragePopularity term; rows outside
// `trainCounts` count 0). Divides by the number of items taken, 0 for an empty list.
double listAveragePopularity(const std::vector<Recommendation>& list,
                             const std::vector<std::int64_t>& trainCounts, std::size_t k);

// Share of the first `k` listed items whose flag is set (APLT term with long-tail flags, RecBole
// TailPercentage term with tailItems()); rows outside `flags` are not flagged; 0 for an empty list.
double listFlaggedShare(const std::vector<Recommendation>& list, const std::vector<std::uint8_t>& flags,
                        std::size_t k);

// Castells' self-information of each item, −log2(count/total) (Microsoft Recommenders
// historical_item_novelty); 0 for items with no train interaction (they are left out of its join).
std::vector<double> itemNovelty(const std::vector<std::int64_t>& trainCounts);

// Novelty of a set of lists (Microsoft Recommenders novelty): Σ_i n_reco(i)·novelty(i) / N_reco over
// the given lists; 0 when they are all empty.
double listsNovelty(const std::vector<std::vector<Recommendation>>& lists,
                    const std::vector<double>& novelty);

// One point of a Lorenz curve: the least-exposed share `items` of the catalog holds share `exposure`.
struct LorenzPoint {
  double items = 0.0;
  double exposure = 0.0;
};

// The Lorenz curve of `values` (sorted ascending internally) from (0, 0) to (1, 1); with maxPoints ≥ 2
// at most that many points, evenly spaced over the items, always keeping both ends. A zero total gives
// the diagonal's ends.
std::vector<LorenzPoint> lorenzCurve(const std::vector<double>& values, std::size_t maxPoints = 0);

}  // namespace reclens
