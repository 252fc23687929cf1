#include "audit/fairnessstats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "data/generatorrng.h"

namespace reclens {

namespace {

// Numpy's default ("linear") percentile of ascending `sorted` at quantile q in [0, 1].
double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0.0;
  const double pos = q * double(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  const double frac = pos - double(lo);
  return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

// Adds `metrics` consecutive values at `row` into `sums` (M fixed at compile time where it is common, so
// the inner loop of the resampling is unrolled).
template <int M>
void addRow(const double* row, double* sums) {
  for (int m = 0; m < M; ++m) sums[m] += row[m];
}

// Draws `n` rows of `values` (with `metrics` columns) with replacement and adds them into `sums`.
template <int M>
void drawRows(const double* values, std::uint32_t n, GeneratorRng& rng, double* sums) {
  for (std::uint32_t t = 0; t < n; ++t) addRow<M>(values + std::size_t{rng.below(n)} * M, sums);
}

void drawRowsAnyWidth(const double* values, std::uint32_t n, int metrics, GeneratorRng& rng, double* sums) {
  switch (metrics) {
    case 1:
      return drawRows<1>(values, n, rng, sums);
    case 3:
      return drawRows<3>(values, n, rng, sums);
    case 8:
      return drawRows<8>(values, n, rng, sums);
    case 9:
      return drawRows<9>(values, n, rng, sums);
    default:
      for (std::uint32_t t = 0; t < n; ++t) {
        const double* row = values + std::size_t{rng.below(n)} * static_cast<std::size_t>(metrics);
        for (int m = 0; m < metrics; ++m) sums[m] += row[m];
      }
  }
}

}  // namespace

std::size_t GroupedValues::users(std::size_t group) const {
  return metrics > 0 ? groups[group].size() / static_cast<std::size_t>(metrics) : 0;
}

double GroupedValues::mean(std::size_t group, int m) const {
  const auto n = users(group);
  if (n == 0) return 0.0;
  double sum = 0.0;
  const auto width = static_cast<std::size_t>(metrics);
  for (std::size_t u = 0; u < n; ++u) sum += groups[group][u * width + static_cast<std::size_t>(m)];
  return sum / double(n);
}

std::vector<std::vector<MeanInterval>> bootstrapGroupMeans(const GroupedValues& values, int samples,
                                                           std::uint64_t seed, double level,
                                                           std::vector<std::vector<double>>* resampledMeans) {
  const int width = std::max(values.metrics, 1);
  const auto w = static_cast<std::size_t>(width);
  std::vector<std::vector<MeanInterval>> out(values.groups.size(), std::vector<MeanInterval>(w));
  const double tail = (1.0 - std::clamp(level, 0.0, 1.0)) / 2.0;
  std::vector<double> resampled;
  std::vector<double> sorted;
  std::vector<double> sums(w);
  if (resampledMeans != nullptr) resampledMeans->assign(values.groups.size(), {});
  for (std::size_t g = 0; g < values.groups.size(); ++g) {
    const auto n = values.users(g);
    for (int m = 0; m < width; ++m) {
      const double mean = values.mean(g, m);
      out[g][static_cast<std::size_t>(m)] = {mean, mean, mean};
    }
    if (n == 0 || samples <= 0) continue;
    GeneratorRng rng(GeneratorRng::derive(seed, g));
    const auto b = static_cast<std::size_t>(samples);
    resampled.assign(b * w, 0.0);
    for (std::size_t s = 0; s < b; ++s) {
      std::fill(sums.begin(), sums.end(), 0.0);
      drawRowsAnyWidth(values.groups[g].data(), static_cast<std::uint32_t>(n), width, rng, sums.data());
      for (std::size_t m = 0; m < w; ++m) resampled[s * w + m] = sums[m] / double(n);
    }
    for (std::size_t m = 0; m < w; ++m) {
      sorted.resize(b);
      for (std::size_t s = 0; s < b; ++s) sorted[s] = resampled[s * w + m];
      std::sort(sorted.begin(), sorted.end());
      out[g][m].low = percentile(sorted, tail);
      out[g][m].high = percentile(sorted, 1.0 - tail);
    }
    if (resampledMeans != nullptr) (*resampledMeans)[g] = resampled;
  }
  return out;
}

MeanInterval bootstrapDifference(const std::vector<double>& resampledA, const std::vector<double>& resampledB,
                                 int metrics, int m, double pointDifference, double level) {
  const auto w = static_cast<std::size_t>(std::max(metrics, 1));
  const std::size_t b = std::min(resampledA.size(), resampledB.size()) / w;
  if (b == 0) return {pointDifference, pointDifference, pointDifference};
  std::vector<double> differences(b);
  for (std::size_t s = 0; s < b; ++s)
    differences[s] =
        resampledA[s * w + static_cast<std::size_t>(m)] - resampledB[s * w + static_cast<std::size_t>(m)];
  std::sort(differences.begin(), differences.end());
  const double tail = (1.0 - std::clamp(level, 0.0, 1.0)) / 2.0;
  return {pointDifference, percentile(differences, tail), percentile(differences, 1.0 - tail)};
}

double groupVariance(const GroupedValues& values, std::size_t group, int m) {
  const auto n = values.users(group);
  if (n < 2) return 0.0;
  const double mean = values.mean(group, m);
  const auto width = static_cast<std::size_t>(values.metrics);
  double ss = 0.0;
  for (std::size_t u = 0; u < n; ++u) {
    const double d = values.groups[group][u * width + static_cast<std::size_t>(m)] - mean;
    ss += d * d;
  }
  return ss / double(n - 1);
}

double maxMinGap(const std::vector<double>& means) {
  if (means.size() < 2) return 0.0;
  const auto [lo, hi] = std::minmax_element(means.begin(), means.end());
  return *hi - *lo;
}

double meanAbsolutePairwiseGap(const std::vector<double>& means) {
  if (means.size() < 2) return 0.0;
  double sum = 0.0;
  for (std::size_t a = 0; a < means.size(); ++a) {
    for (std::size_t b = a + 1; b < means.size(); ++b) sum += std::abs(means[a] - means[b]);
  }
  return sum / (double(means.size()) * double(means.size() - 1) / 2.0);
}

std::vector<double> permutationGapPValues(const GroupedValues& values, int permutations, std::uint64_t seed) {
  const int width = std::max(values.metrics, 1);
  const auto w = static_cast<std::size_t>(width);
  std::vector<std::size_t> groups;  // the non-empty groups
  for (std::size_t g = 0; g < values.groups.size(); ++g) {
    if (values.users(g) > 0) groups.push_back(g);
  }
  std::vector<double> pValues(w, 1.0);
  if (groups.size() < 2 || permutations <= 0) return pValues;

  // Pool every user's values, group after group, with a label per pooled row. A relabelling shuffles
  // the labels (small, so the shuffle stays in cache) and sums the values in pooled order.
  std::vector<double> pooled;
  std::vector<std::uint32_t> labels;
  std::vector<double> sizes;
  for (std::size_t j = 0; j < groups.size(); ++j) {
    pooled.insert(pooled.end(), values.groups[groups[j]].begin(), values.groups[groups[j]].end());
    labels.insert(labels.end(), values.users(groups[j]), static_cast<std::uint32_t>(j));
    sizes.push_back(double(values.users(groups[j])));
  }
  const std::size_t total = labels.size();
  std::vector<double> observed(w);
  std::vector<double> means(groups.size());
  for (std::size_t m = 0; m < w; ++m) {
    for (std::size_t j = 0; j < groups.size(); ++j) means[j] = values.mean(groups[j], static_cast<int>(m));
    observed[m] = maxMinGap(means);
  }

  GeneratorRng rng(seed);
  std::vector<std::size_t> atLeast(w, 0);
  std::vector<double> sums(groups.size() * w);
  for (int p = 0; p < permutations; ++p) {
    for (std::size_t j = total - 1; j > 0; --j)
      std::swap(labels[j], labels[rng.below(static_cast<std::uint32_t>(j + 1))]);
    std::fill(sums.begin(), sums.end(), 0.0);
    for (std::size_t u = 0; u < total; ++u) {
      double* s = sums.data() + std::size_t{labels[u]} * w;
      const double* row = pooled.data() + u * w;
      for (std::size_t m = 0; m < w; ++m) s[m] += row[m];
    }
    for (std::size_t m = 0; m < w; ++m) {
      for (std::size_t j = 0; j < groups.size(); ++j) means[j] = sums[j * w + m] / sizes[j];
      // Equal gaps count as at least as large despite rounding in the sums.
      if (maxMinGap(means) >= observed[m] - 1e-12 * std::max(1.0, std::abs(observed[m]))) ++atLeast[m];
    }
  }
  for (std::size_t m = 0; m < w; ++m) pValues[m] = double(1 + atLeast[m]) / double(1 + permutations);
  return pValues;
}

MeanInterval bootstrapMean(const std::vector<double>& values, int samples, std::uint64_t seed, double level) {
  GroupedValues grouped;
  grouped.groups.push_back(values);
  return bootstrapGroupMeans(grouped, samples, seed, level)[0][0];
}

double permutationGapPValue(const std::vector<std::vector<double>>& groups, int permutations,
                            std::uint64_t seed) {
  GroupedValues grouped;
  grouped.groups = groups;
  return permutationGapPValues(grouped, permutations, seed)[0];
}

}  // namespace reclens
