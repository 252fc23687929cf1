#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace reclens {

// Statistics of user-group fairness (docs/metrics.md): bootstrap intervals of group means, gaps
// between group means and a permutation test of the max−min gap. All resampling is seeded and
// deterministic (the project's own xoshiro256** source), independent of the standard library.

// A mean with its bootstrap percentile interval.
struct MeanInterval {
  double mean = 0.0;
  double low = 0.0;
  double high = 0.0;
};

// Per-user values of `metrics` metrics for users split into groups: groups[g] holds group g's users,
// `metrics` values per user, row-major (user-major). Every group's size is groups[g].size() / metrics.
struct GroupedValues {
  int metrics = 1;
  std::vector<std::vector<double>> groups;

  std::size_t users(std::size_t group) const;
  // The plain mean of metric m over group g's users; 0 for an empty group.
  double mean(std::size_t group, int m) const;
};

// For every group and metric ([group][metric]): the mean and its 95% percentile bootstrap interval
// from `samples` resamples of the group's users with replacement (all metrics of one resample share
// the same draw). Percentiles interpolate linearly between order statistics (numpy's default). With
// samples == 0 or an empty group the interval is [mean, mean]. With `resampledMeans`, every resample's
// means are kept there too: [group][sample · metrics + metric] (empty for an empty group).
std::vector<std::vector<MeanInterval>> bootstrapGroupMeans(
    const GroupedValues& values, int samples, std::uint64_t seed, double level = 0.95,
    std::vector<std::vector<double>>* resampledMeans = nullptr);

// The percentile interval (as above) of the difference of two groups' resampled means for metric m:
// resampled[a][s] − resampled[b][s] over the samples s (the groups are resampled independently).
// [pointDifference, pointDifference] when there are no samples.
MeanInterval bootstrapDifference(const std::vector<double>& resampledA, const std::vector<double>& resampledB,
                                 int metrics, int m, double pointDifference, double level = 0.95);

// The sample variance (n − 1 denominator) of metric m over group g's users; 0 below two users.
double groupVariance(const GroupedValues& values, std::size_t group, int m);

// Largest minus smallest of `means`; 0 for fewer than two.
double maxMinGap(const std::vector<double>& means);

// Mean absolute difference over all pairs of `means` (Elliot's UserMAD for group means); 0 for fewer
// than two.
double meanAbsolutePairwiseGap(const std::vector<double>& means);

// For every metric: the permutation-test p-value of the max−min gap of the group means, with group
// sizes fixed and users relabelled at random `permutations` times: (1 + #{gap_perm ≥ gap_obs}) /
// (1 + permutations). Only non-empty groups count; fewer than two gives 1.
std::vector<double> permutationGapPValues(const GroupedValues& values, int permutations, std::uint64_t seed);

// Single-metric conveniences of the two above, for one list of values.
MeanInterval bootstrapMean(const std::vector<double>& values, int samples, std::uint64_t seed,
                           double level = 0.95);
double permutationGapPValue(const std::vector<std::vector<double>>& groups, int permutations,
                            std::uint64_t seed);

}  // namespace reclens
