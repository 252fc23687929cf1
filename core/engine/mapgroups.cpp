#include "engine/mapgroups.h"

#include <algorithm>
#include <numeric>

namespace reclens {

ClusterTailSummary clusterTailShares(const std::vector<std::int32_t>& labels, int k,
                                     const std::vector<PopularityTier>& tiers,
                                     const std::vector<std::int64_t>& interactions) {
  ClusterTailSummary summary;
  const auto clusters = static_cast<std::size_t>(std::max(k, 0));
  summary.clusters.assign(clusters, {});
  std::vector<std::int64_t> tail(clusters, 0), sum(clusters, 0);
  std::int64_t catalogTail = 0, catalogSum = 0;
  const std::size_t items = std::min({labels.size(), tiers.size(), interactions.size()});
  for (std::size_t i = 0; i < items; ++i) {
    const bool isTail = tiers[i] == PopularityTier::Tail;
    catalogTail += isTail ? 1 : 0;
    catalogSum += interactions[i];
    const auto label = labels[i];
    if (label < 0 || static_cast<std::size_t>(label) >= clusters) continue;
    auto& c = summary.clusters[std::size_t(label)];
    ++c.items;
    tail[std::size_t(label)] += isTail ? 1 : 0;
    sum[std::size_t(label)] += interactions[i];
  }
  if (items > 0) {
    summary.catalogTailShare = double(catalogTail) / double(items);
    summary.catalogMeanInteractions = double(catalogSum) / double(items);
  }
  for (std::size_t c = 0; c < clusters; ++c) {
    auto& cluster = summary.clusters[c];
    if (cluster.items == 0) continue;
    cluster.tailShare = double(tail[c]) / double(cluster.items);
    cluster.meanInteractions = double(sum[c]) / double(cluster.items);
    // A small tolerance so that a share exactly at the margin counts despite rounding.
    cluster.tailHeavy = cluster.tailShare >= summary.catalogTailShare + kTailHeavyMargin - 1e-12;
  }
  return summary;
}

FieldGroups fieldGrouping(const CategoricalField& field, std::size_t items, int maxValues) {
  const std::size_t vocabulary = field.vocabulary().size();
  std::vector<std::int64_t> counts(vocabulary, 0);
  std::int64_t missing = 0;
  for (std::size_t i = 0; i < items; ++i) {
    const auto code = field.codeAt(i);
    if (code < 0 || static_cast<std::size_t>(code) >= vocabulary)
      ++missing;
    else
      ++counts[std::size_t(code)];
  }
  std::vector<std::int32_t> order(vocabulary);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::int32_t x, std::int32_t y) {
    return counts[std::size_t(x)] > counts[std::size_t(y)];
  });
  // Values that no item of the first `items` rows holds get no group.
  while (!order.empty() && counts[std::size_t(order.back())] == 0) order.pop_back();
  const std::size_t shown = std::min(order.size(), static_cast<std::size_t>(std::max(maxValues, 1)));

  FieldGroups grouping;
  std::vector<std::int32_t> groupOfCode(vocabulary, -1);
  for (std::size_t g = 0; g < shown; ++g) {
    groupOfCode[std::size_t(order[g])] = std::int32_t(g);
    grouping.names.push_back(field.vocabulary()[std::size_t(order[g])]);
    grouping.sizes.push_back(counts[std::size_t(order[g])]);
  }
  if (order.size() > shown) {
    grouping.otherGroup = int(grouping.names.size());
    std::int64_t other = 0;
    for (std::size_t g = shown; g < order.size(); ++g) {
      groupOfCode[std::size_t(order[g])] = grouping.otherGroup;
      other += counts[std::size_t(order[g])];
    }
    grouping.names.emplace_back();
    grouping.sizes.push_back(other);
  }
  if (missing > 0) {
    grouping.missingGroup = int(grouping.names.size());
    grouping.names.emplace_back();
    grouping.sizes.push_back(missing);
  }
  grouping.groups.resize(items);
  for (std::size_t i = 0; i < items; ++i) {
    const auto code = field.codeAt(i);
    grouping.groups[i] = code < 0 || static_cast<std::size_t>(code) >= vocabulary
                             ? grouping.missingGroup
                             : groupOfCode[std::size_t(code)];
  }
  return grouping;
}

}  // namespace reclens
