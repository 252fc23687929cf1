#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "audit/audit.h"

namespace reclens {

// The exposure an item gets at 1-based rank `rank`: 1/log2(1 + rank), rounded to a multiple of 2^-28
// (at most 2e-9 off). On that grid sums of up to 2^25 terms are exact in double arithmetic, so exposure
// totals do not depend on the order in which lists (or audit shards) are added. 0 for rank < 1.
double exposureAtRank(int rank);

// The groups of every catalog row under one item grouping: `first` holds one group code per row (-1:
// none); a set-valued attribute (an item in several genres) puts a row in several groups, and `extra`
// lists its memberships beyond the first as (row, group). Groups then overlap: their shares may add
// up to more than 1.
struct ItemGroupCodes {
  std::vector<std::int32_t> first;
  std::vector<std::pair<std::size_t, std::int32_t>> extra;
};

// Exposure of the groups of one item grouping against their share of the catalog and of the train
// interactions (docs/metrics.md): one ItemGroupExposure per entry of `groupNames`, in that order, from
// per-row group codes, exposure and train counts (one entry per catalog row). Items with group code -1
// or outside `groupNames` belong to no group; shares are 0 when their total is 0.
std::vector<ItemGroupExposure> groupExposure(const ItemGroupCodes& groupCodes,
                                             const std::vector<std::string>& groupNames,
                                             const std::vector<double>& exposure,
                                             const std::vector<std::int64_t>& trainCounts);

}  // namespace reclens
