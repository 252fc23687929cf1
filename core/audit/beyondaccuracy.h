#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/recommendation.h"

namespace reclens {

// Beyond-accuracy measures of docs/metrics.md as pure functions: calibration (Steck 2018), the
// popularity–rank correlation of a list, the relative standard deviation behind RSP and REO (Zhu et
// al. 2020), the popularity lift ΔGAP (Abdollahpouri et al.) and the user-popularity profile split.

// The smoothing weight α of Steck's calibration: q̃ = (1 − α)·q + α·p.
inline constexpr double kCalibrationAlpha = 0.01;

// Steck's miscalibration C_KL(p, q) = Σ_g p(g) · ln(p(g) / q̃(g)) with q̃ = (1 − α)·q + α·p, from the
// category counts of the history (`history`) and of the list (`list`), each normalised to a
// distribution. Categories with p(g) = 0 add nothing; 0 when the history has no counted item; a list
// with no counted item gives ln(1/α).
double miscalibrationKl(const std::vector<double>& history, const std::vector<double>& list,
                        double alpha = kCalibrationAlpha);

// miscalibrationKl() of the first `depth` items of `list` against the items of `history`, counted by
// their category (category[item] in [0, categories), −1 or out of range: not counted), with
// `historyCounts` and `listCounts` as scratch space.
double listMiscalibration(const std::vector<std::int32_t>& history, const std::vector<Recommendation>& list,
                          std::size_t depth, const std::vector<std::int32_t>& category,
                          std::size_t categories, std::vector<double>& historyCounts,
                          std::vector<double>& listCounts);

// Spearman's rank correlation of `x` against the positions 1..n (tied x share their average rank);
// NaN when n < 2 or every x is equal.
double spearmanWithPosition(const std::vector<double>& x);

// Population standard deviation over the mean of `values` (numpy's std / mean); 0 for an empty
// input or a zero mean.
double relativeStd(const std::vector<double>& values);

// (listPopularity − profilePopularity) / profilePopularity; NaN when profilePopularity is 0.
double deltaGap(double profilePopularity, double listPopularity);

// Shares of a user-popularity split: the lowest kNicheShare of users (by their share of popular
// history items) are niche, the highest kBlockbusterShare blockbuster, the rest diverse.
inline constexpr double kPopularItemShare = 0.2;  // popular items: the top 20% of items seen in train
inline constexpr double kNicheShare = 0.2;
inline constexpr double kBlockbusterShare = 0.2;

// The popularity profile of each user: 0 niche, 1 diverse, 2 blockbuster, −1 not placed (eligible[u]
// is 0). Users are ordered by (share, index); the first ⌊0.2·n⌋ are niche and the last ⌊0.2·n⌋
// blockbuster, n being the number of eligible users.
std::vector<std::int32_t> popularityProfiles(const std::vector<double>& popularShare,
                                             const std::vector<std::uint8_t>& eligible);

// Benjamini–Hochberg adjusted p-values (step-up false discovery rate), in the order given:
// q_(i) = min_{j ≥ i} min(1, m·p_(j) / j) over the p-values sorted ascending.
std::vector<double> benjaminiHochberg(const std::vector<double>& pValues);

// Cohen's d of two samples: (mean(a) − mean(b)) / pooled SD, the pooled variance being
// ((n_a − 1)·s_a² + (n_b − 1)·s_b²) / (n_a + n_b − 2); NaN when that is 0 or undefined.
double cohensD(double meanA, double varianceA, std::size_t nA, double meanB, double varianceB,
               std::size_t nB);

}  // namespace reclens
