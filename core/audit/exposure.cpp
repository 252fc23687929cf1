#include "audit/exposure.h"

#include <cmath>

namespace reclens {

namespace {
constexpr double kExposureGrid = 268435456.0;  // 2^28
}  // namespace

double exposureAtRank(int rank) {
  if (rank < 1) return 0.0;
  return std::nearbyint(kExposureGrid / std::log2(1.0 + double(rank))) / kExposureGrid;
}

std::vector<ItemGroupExposure> groupExposure(const ItemGroupCodes& groupCodes,
                                             const std::vector<std::string>& groupNames,
                                             const std::vector<double>& exposure,
                                             const std::vector<std::int64_t>& trainCounts) {
  std::vector<ItemGroupExposure> out(groupNames.size());
  std::vector<double> exposed(groupNames.size(), 0.0);
  std::vector<double> interactions(groupNames.size(), 0.0);
  double totalExposure = 0.0;
  double totalInteractions = 0.0;
  const std::size_t n = groupCodes.first.size();
  const auto exposureOf = [&](std::size_t i) { return i < exposure.size() ? exposure[i] : 0.0; };
  const auto countOf = [&](std::size_t i) { return i < trainCounts.size() ? double(trainCounts[i]) : 0.0; };
  const auto add = [&](std::size_t i, std::int32_t g) {
    if (g < 0 || static_cast<std::size_t>(g) >= groupNames.size()) return;
    const auto gi = static_cast<std::size_t>(g);
    ++out[gi].items;
    exposed[gi] += exposureOf(i);
    interactions[gi] += countOf(i);
  };
  for (std::size_t i = 0; i < n; ++i) {
    totalExposure += exposureOf(i);
    totalInteractions += countOf(i);
    add(i, groupCodes.first[i]);
  }
  for (const auto& [i, g] : groupCodes.extra) {
    if (i < n) add(i, g);
  }
  for (std::size_t g = 0; g < out.size(); ++g) {
    auto& o = out[g];
    o.group = groupNames[g];
    o.exposureShare = totalExposure > 0.0 ? exposed[g] / totalExposure : 0.0;
    o.catalogShare = n > 0 ? double(o.items) / double(n) : 0.0;
    o.interactionShare = totalInteractions > 0.0 ? interactions[g] / totalInteractions : 0.0;
    o.meanExposure = o.items > 0 ? exposed[g] / double(o.items) : 0.0;
  }
  return out;
}

}  // namespace reclens
