#include "audit/beyondaccuracy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace reclens {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double miscalibrationKl(const std::vector<double>& history, const std::vector<double>& list, double alpha) {
  const double hTotal = std::accumulate(history.begin(), history.end(), 0.0);
  if (!(hTotal > 0.0)) return 0.0;
  const double lTotal = std::accumulate(list.begin(), list.end(), 0.0);
  double kl = 0.0;
  for (std::size_t g = 0; g < history.size(); ++g) {
    if (!(history[g] > 0.0)) continue;
    const double p = history[g] / hTotal;
    const double q = lTotal > 0.0 && g < list.size() ? list[g] / lTotal : 0.0;
    kl += p * std::log(p / ((1.0 - alpha) * q + alpha * p));
  }
  return kl;
}

double listMiscalibration(const std::vector<std::int32_t>& history, const std::vector<Recommendation>& list,
                          std::size_t depth, const std::vector<std::int32_t>& category,
                          std::size_t categories, std::vector<double>& historyCounts,
                          std::vector<double>& listCounts) {
  historyCounts.assign(categories, 0.0);
  listCounts.assign(categories, 0.0);
  const auto add = [&](std::int32_t item, std::vector<double>& counts) {
    const auto i = static_cast<std::size_t>(item);
    if (item < 0 || i >= category.size() || category[i] < 0) return;
    const auto g = static_cast<std::size_t>(category[i]);
    if (g < categories) counts[g] += 1.0;
  };
  for (const auto item : history) add(item, historyCounts);
  for (std::size_t j = 0; j < depth && j < list.size(); ++j) add(list[j].item, listCounts);
  return miscalibrationKl(historyCounts, listCounts);
}

double spearmanWithPosition(const std::vector<double>& x) {
  const std::size_t n = x.size();
  if (n < 2) return kNaN;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&x](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> rank(n);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j + 1 < n && x[order[j + 1]] == x[order[i]]) ++j;
    const double average = (double(i) + double(j)) / 2.0 + 1.0;  // ties share their mean rank
    for (std::size_t t = i; t <= j; ++t) rank[order[t]] = average;
    i = j + 1;
  }
  const double mean = (double(n) + 1.0) / 2.0;  // both rank vectors have this mean
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = rank[i] - mean;
    const double dy = double(i + 1) - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0.0)) return kNaN;
  return sxy / std::sqrt(sxx * syy);
}

double relativeStd(const std::vector<double>& values) {
  if (values.empty()) return 0.0;
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
  if (mean == 0.0) return 0.0;
  double ss = 0.0;
  for (const double v : values) ss += (v - mean) * (v - mean);
  return std::sqrt(ss / double(values.size())) / mean;
}

double deltaGap(double profilePopularity, double listPopularity) {
  if (profilePopularity == 0.0) return kNaN;
  return (listPopularity - profilePopularity) / profilePopularity;
}

std::vector<std::int32_t> popularityProfiles(const std::vector<double>& popularShare,
                                             const std::vector<std::uint8_t>& eligible) {
  std::vector<std::int32_t> out(popularShare.size(), -1);
  std::vector<std::size_t> order;
  for (std::size_t u = 0; u < popularShare.size(); ++u) {
    if (u < eligible.size() && eligible[u] != 0) order.push_back(u);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return popularShare[a] < popularShare[b]; });
  const std::size_t n = order.size();
  const auto niche = static_cast<std::size_t>(std::floor(kNicheShare * double(n)));
  const auto blockbuster = static_cast<std::size_t>(std::floor(kBlockbusterShare * double(n)));
  for (std::size_t i = 0; i < n; ++i) out[order[i]] = i < niche ? 0 : (i >= n - blockbuster ? 2 : 1);
  return out;
}

std::vector<double> benjaminiHochberg(const std::vector<double>& pValues) {
  const std::size_t m = pValues.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return pValues[a] < pValues[b]; });
  std::vector<double> out(m);
  double running = 1.0;
  for (std::size_t i = m; i-- > 0;) {
    // p · (m / j) with m / j ≥ 1, so rounding never takes q below p.
    const double q = std::min(1.0, pValues[order[i]] * (double(m) / double(i + 1)));
    running = std::min(running, q);
    out[order[i]] = running;
  }
  return out;
}

double cohensD(double meanA, double varianceA, std::size_t nA, double meanB, double varianceB,
               std::size_t nB) {
  if (nA + nB < 3) return kNaN;
  const double pooled = (double(nA > 0 ? nA - 1 : 0) * varianceA + double(nB > 0 ? nB - 1 : 0) * varianceB) /
                        double(nA + nB - 2);
  if (!(pooled > 0.0)) return kNaN;
  return (meanA - meanB) / std::sqrt(pooled);
}

}  // namespace reclens
