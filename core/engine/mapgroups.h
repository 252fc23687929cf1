#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/categoricalfield.h"
#include "data/popularitytiers.h"

namespace reclens {

// A cluster is tail-heavy when its share of tail items exceeds the catalog's by at least this much
// (absolute, so 0.10 = ten percentage points).
inline constexpr double kTailHeavyMargin = 0.10;

// One cluster's place on the popularity curve.
struct ClusterTail {
  std::int64_t items = 0;
  double tailShare = 0.0;         // tail items / items (0 for an empty cluster)
  double meanInteractions = 0.0;  // mean interactions per item (0 for an empty cluster)
  bool tailHeavy = false;         // tailShare >= catalog tail share + kTailHeavyMargin
};

struct ClusterTailSummary {
  double catalogTailShare = 0.0;
  double catalogMeanInteractions = 0.0;
  std::vector<ClusterTail> clusters;  // indexed by cluster label
};

// Tail share and mean popularity of every cluster 0..k−1 of `labels` (one per item, parallel to
// `tiers` and `interactions`), and which clusters are tail-heavy. Labels outside [0, k) are ignored
// for the clusters but counted in the catalog figures.
ClusterTailSummary clusterTailShares(const std::vector<std::int32_t>& labels, int k,
                                     const std::vector<PopularityTier>& tiers,
                                     const std::vector<std::int64_t>& interactions);

// Items grouped by the value of a categorical attribute, for colouring.
struct FieldGroups {
  std::vector<std::int32_t> groups;  // per item: its group
  std::vector<std::string> names;    // the value of each value group (empty for the two below)
  std::vector<std::int64_t> sizes;   // items per group
  int otherGroup = -1;               // the rarer values together, or -1 when there are none
  int missingGroup = -1;             // items without a value, or -1 when there are none
};

// Groups the first `items` rows of `field`: the `maxValues` most frequent values each have a group
// (most frequent first, ties by first appearance in the vocabulary), then one group for all other
// values, then one for missing values. maxValues < 1 counts as 1.
FieldGroups fieldGrouping(const CategoricalField& field, std::size_t items, int maxValues);

}  // namespace reclens
