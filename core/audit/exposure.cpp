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

std::vector<ItemGroupExposure> groupExposure(const std::vector<std::int32_t>& groupCodes,
                                             const std::vector<std::string>& groupNames,
                                             const std::vector<double>& exposure,
                                             const std::vector<std::int64_t>& trainCounts) {
  std::vector<ItemGroupExposure> out(groupNames.size());
  std::vector<double> exposed(groupNames.size(), 0.0);
  std::vector<double> interactions(groupNames.size(), 0.0);
  double totalExposure = 0.0;
  double totalInteractions = 0.0;
  const std::size_t n = groupCodes.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double e = i < exposure.size() ? exposure[i] : 0.0;
    const double t = i < trainCounts.size() ? double(trainCounts[i]) : 0.0;
    totalExposure += e;
    totalInteractions += t;
    const auto g = groupCodes[i];
    if (g < 0 || static_cast<std::size_t>(g) >= groupNames.size()) continue;
    const auto gi = static_cast<std::size_t>(g);
    ++out[gi].items;
    exposed[gi] += e;
    interactions[gi] += t;
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
