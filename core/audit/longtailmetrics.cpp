#include "audit/longtailmetrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace reclens {

double itemCoverage(const std::vector<std::int64_t>& exposureCounts) {
  if (exposureCounts.empty()) return 0.0;
  const auto seen =
      std::count_if(exposureCounts.begin(), exposureCounts.end(), [](std::int64_t c) { return c > 0; });
  return double(seen) / double(exposureCounts.size());
}

double giniIndex(const std::vector<std::int64_t>& exposureCounts) {
  std::vector<std::int64_t> sorted = exposureCounts;
  std::sort(sorted.begin(), sorted.end());
  const double n = double(sorted.size());
  double total = 0.0;
  double weighted = 0.0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double c = double(sorted[i]);
    total += c;
    weighted += (2.0 * double(i + 1) - n - 1.0) * c;
  }
  return total > 0.0 ? weighted / (n * total) : 0.0;
}

double entropyBits(const std::vector<std::int64_t>& exposureCounts) {
  double total = 0.0;
  for (const auto c : exposureCounts) total += double(std::max<std::int64_t>(c, 0));
  if (total <= 0.0) return 0.0;
  double h = 0.0;
  for (const auto c : exposureCounts) {
    if (c <= 0) continue;
    const double p = double(c) / total;
    h -= p * std::log2(p);
  }
  return h;
}

std::vector<std::uint8_t> tailItems(const std::vector<std::int64_t>& trainCounts, double tailRatio,
                                    const std::vector<std::uint8_t>& considered) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < trainCounts.size(); ++i) {
    if (considered.empty() || (i < considered.size() && considered[i] != 0)) rows.push_back(i);
  }
  std::vector<std::uint8_t> flags(trainCounts.size(), 0);
  if (rows.empty()) return flags;
  // Stable: equal counts keep row order, which is RecBole's tie rule (sorted by (count, id)).
  std::stable_sort(rows.begin(), rows.end(),
                   [&trainCounts](std::size_t a, std::size_t b) { return trainCounts[a] < trainCounts[b]; });
  const auto cut = std::max<std::size_t>(static_cast<std::size_t>(double(rows.size()) * tailRatio), 1);
  for (std::size_t j = 0; j < std::min(cut, rows.size()); ++j) flags[rows[j]] = 1;
  return flags;
}

double listAveragePopularity(const std::vector<Recommendation>& list,
                             const std::vector<std::int64_t>& trainCounts, std::size_t k) {
  const auto depth = std::min(k, list.size());
  if (depth == 0) return 0.0;
  double sum = 0.0;
  for (std::size_t j = 0; j < depth; ++j) {
    const auto item = static_cast<std::size_t>(list[j].item);
    if (list[j].item >= 0 && item < trainCounts.size()) sum += double(trainCounts[item]);
  }
  return sum / double(depth);
}

double listFlaggedShare(const std::vector<Recommendation>& list, const std::vector<std::uint8_t>& flags,
                        std::size_t k) {
  const auto depth = std::min(k, list.size());
  if (depth == 0) return 0.0;
  std::size_t flagged = 0;
  for (std::size_t j = 0; j < depth; ++j) {
    const auto item = static_cast<std::size_t>(list[j].item);
    if (list[j].item >= 0 && item < flags.size() && flags[item] != 0) ++flagged;
  }
  return double(flagged) / double(depth);
}

std::vector<double> itemNovelty(const std::vector<std::int64_t>& trainCounts) {
  double total = 0.0;
  for (const auto c : trainCounts) total += double(std::max<std::int64_t>(c, 0));
  std::vector<double> novelty(trainCounts.size(), 0.0);
  for (std::size_t i = 0; i < trainCounts.size(); ++i) {
    if (trainCounts[i] > 0) novelty[i] = -std::log2(double(trainCounts[i]) / total);
  }
  return novelty;
}

double listsNovelty(const std::vector<std::vector<Recommendation>>& lists,
                    const std::vector<double>& novelty) {
  double sum = 0.0;
  std::size_t count = 0;
  for (const auto& list : lists) {
    for (const auto& r : list) {
      const auto item = static_cast<std::size_t>(r.item);
      if (r.item >= 0 && item < novelty.size()) sum += novelty[item];
      ++count;
    }
  }
  return count > 0 ? sum / double(count) : 0.0;
}

std::vector<LorenzPoint> lorenzCurve(const std::vector<double>& values, std::size_t maxPoints) {
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  const double total = std::accumulate(sorted.begin(), sorted.end(), 0.0);
  const std::size_t n = sorted.size();
  if (n == 0 || !(total > 0.0)) return {{0.0, 0.0}, {1.0, 1.0}};
  // Point j (0..n) has the j least-exposed items; keep every `step`-th, then the end.
  const std::size_t wanted = maxPoints >= 2 ? maxPoints : n + 1;
  const std::size_t step = std::max<std::size_t>(1, (n + wanted - 2) / (wanted - 1));
  std::vector<LorenzPoint> points;
  points.reserve(std::min(wanted, n + 1));
  double cumulative = 0.0;
  for (std::size_t j = 0; j <= n; ++j) {
    if (j > 0) cumulative += sorted[j - 1];
    if (j % step == 0 || j == n) points.push_back({double(j) / double(n), j == n ? 1.0 : cumulative / total});
  }
  return points;
}

}  // namespace reclens
