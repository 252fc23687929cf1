#include "engine/rerank.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <unordered_map>

namespace reclens {

std::size_t ReRankOptions::candidateCount(int k, std::size_t numItems) const {
  if (candidates > 0) return std::min<std::size_t>(numItems, static_cast<std::size_t>(candidates));
  const auto wanted = std::max<std::size_t>(10 * static_cast<std::size_t>(std::max(k, 0)), 1000);
  return std::min({numItems, wanted, std::size_t{5000}});
}

std::string describeReRank(const ReRankOptions& options) {
  const auto num = [](double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", v);
    return std::string(text);
  };
  std::string out;
  const auto add = [&out](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (options.popularityPenalty != 0.0) add("popularity penalty " + num(options.popularityPenalty));
  if (options.diversity != 0.0) add("MMR " + num(options.diversity));
  if (options.categoryCap > 0) add("at most " + std::to_string(options.categoryCap) + " per category");
  if (options.calibration != 0.0) add("calibration " + num(options.calibration));
  if (out.empty()) return "none";
  if (options.candidates > 0) add("from " + std::to_string(options.candidates) + " candidates");
  return out;
}

namespace {

// Unit-length copies of the candidates' embeddings, so that cosine is a dot product.
std::vector<float> normalisedRows(const std::vector<Recommendation>& candidates,
                                  const ReRankContext& context) {
  const auto d = static_cast<std::size_t>(context.dim);
  std::vector<float> rows(candidates.size() * d, 0.0f);
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const float* src = context.embeddings + static_cast<std::size_t>(candidates[c].item) * d;
    double norm = 0.0;
    for (std::size_t j = 0; j < d; ++j) norm += double(src[j]) * src[j];
    const double inv = norm > 0.0 ? 1.0 / std::sqrt(norm) : 0.0;
    for (std::size_t j = 0; j < d; ++j) rows[c * d + j] = static_cast<float>(src[j] * inv);
  }
  return rows;
}

// The smoothing α of Steck's calibration, the same as the audit's (kCalibrationAlpha, docs/metrics.md).
constexpr double kAlpha = 0.01;

// The list's miscalibration C_KL(p, q̃) as items are added one by one, in O(categories of the history)
// per step and O(1) per candidate: only categories with p(g) > 0 enter the sum, and every other one
// only through the list's total.
class Calibration {
 public:
  Calibration(const std::vector<std::int32_t>& history, const std::vector<std::int32_t>& category) {
    std::unordered_map<std::int32_t, double> counts;
    double total = 0.0;
    for (const auto item : history) {
      const auto i = static_cast<std::size_t>(item);
      if (item < 0 || i >= category.size() || category[i] < 0) continue;
      counts[category[i]] += 1.0;
      total += 1.0;
    }
    for (const auto& [g, c] : counts) {
      m_slot[g] = m_p.size();
      m_p.push_back(c / total);
    }
    m_listCounts.assign(m_p.size(), 0.0);
  }
  bool empty() const { return m_p.empty(); }

  // Before each step: the sums for a list of the items taken plus one categorised candidate, and plus
  // an uncategorised one.
  void prepare() {
    m_withOne = sum(m_total + 1.0);
    m_asIs = sum(m_total);
  }
  // C_KL of the items taken plus an item of category `g` (−1: none).
  double with(std::int32_t g) const {
    if (g < 0) return m_asIs;
    const auto it = m_slot.find(g);
    if (it == m_slot.end()) return m_withOne;
    const auto s = it->second;
    const double t = m_total + 1.0;
    return m_withOne - term(s, m_listCounts[s], t) + term(s, m_listCounts[s] + 1.0, t);
  }
  void take(std::int32_t g) {
    if (g < 0) return;
    m_total += 1.0;
    if (const auto it = m_slot.find(g); it != m_slot.end()) m_listCounts[it->second] += 1.0;
  }

 private:
  double term(std::size_t s, double count, double total) const {
    const double p = m_p[s];
    const double q = total > 0.0 ? count / total : 0.0;
    return p * std::log(p / ((1.0 - kAlpha) * q + kAlpha * p));
  }
  double sum(double total) const {
    double out = 0.0;
    for (std::size_t s = 0; s < m_p.size(); ++s) out += term(s, m_listCounts[s], total);
    return out;
  }
  std::unordered_map<std::int32_t, std::size_t> m_slot;  // category code → index into m_p
  std::vector<double> m_p;                               // the history's share of each category
  std::vector<double> m_listCounts;                      // items taken per category of the history
  double m_total = 0.0;                                  // categorised items taken
  double m_withOne = 0.0, m_asIs = 0.0;
};

}  // namespace

std::vector<Recommendation> reRank(const std::vector<Recommendation>& candidates, int k,
                                   const ReRankOptions& options, const ReRankContext& context) {
  const std::size_t n = candidates.size();
  const std::size_t want = std::min(n, static_cast<std::size_t>(std::max(k, 0)));
  std::vector<double> base(n, 0.0);
  if (n > 0) {
    const auto [lo, hi] = std::minmax_element(candidates.begin(), candidates.end(),
                                              [](const auto& a, const auto& b) { return a.score < b.score; });
    const double range = double(hi->score) - double(lo->score);
    for (std::size_t c = 0; c < n; ++c)
      base[c] = range > 0.0 ? (double(candidates[c].score) - lo->score) / range : 1.0;
  }
  if (options.popularityPenalty != 0.0 && context.popularity != nullptr && !context.popularity->empty()) {
    const auto& pop = *context.popularity;
    const double maxLog =
        std::log1p(double(std::max<std::int64_t>(*std::max_element(pop.begin(), pop.end()), 1)));
    for (std::size_t c = 0; c < n; ++c) {
      const auto item = static_cast<std::size_t>(candidates[c].item);
      const double p =
          item < pop.size() ? std::log1p(double(std::max<std::int64_t>(pop[item], 0))) / maxLog : 0.0;
      base[c] -= options.popularityPenalty * p;
    }
  }
  const double mu = std::clamp(options.diversity, 0.0, 1.0);
  const bool useMmr = mu > 0.0 && context.embeddings != nullptr && context.dim > 0;
  const auto d = static_cast<std::size_t>(context.dim);
  const std::vector<float> unit = useMmr ? normalisedRows(candidates, context) : std::vector<float>{};
  std::vector<double> maxSim(n, -1.0);  // cosine is never below -1; unused until one item is taken
  std::vector<bool> taken(n, false);
  std::unordered_map<std::int32_t, int> perCategory;
  const auto categoryOf = [&](std::size_t c) -> std::int32_t {
    if (context.category == nullptr) return -1;
    const auto item = static_cast<std::size_t>(candidates[c].item);
    return item < context.category->size() ? (*context.category)[item] : -1;
  };

  const double kappa = std::clamp(options.calibration, 0.0, 1.0);
  std::optional<Calibration> calibration;
  if (kappa > 0.0 && context.category != nullptr && context.history != nullptr) {
    calibration.emplace(*context.history, *context.category);
    if (calibration->empty()) calibration.reset();
  }

  std::vector<Recommendation> out;
  out.reserve(want);
  while (out.size() < want) {
    std::size_t best = n;
    double bestValue = -std::numeric_limits<double>::infinity();
    if (calibration) calibration->prepare();
    for (std::size_t c = 0; c < n; ++c) {
      if (taken[c]) continue;
      const auto cat = categoryOf(c);
      if (options.categoryCap > 0 && cat >= 0 && perCategory[cat] >= options.categoryCap) continue;
      double value = useMmr && !out.empty() ? (1.0 - mu) * base[c] - mu * maxSim[c] : base[c];
      if (calibration) value = (1.0 - kappa) * value - kappa * calibration->with(cat);
      if (best == n || value > bestValue) {
        best = c;
        bestValue = value;
      }
    }
    if (best == n) break;
    taken[best] = true;
    if (const auto cat = categoryOf(best); cat >= 0) ++perCategory[cat];
    if (calibration) calibration->take(categoryOf(best));
    out.push_back({candidates[best].item, candidates[best].score, static_cast<int>(out.size()) + 1});
    if (useMmr) {
      const float* b = unit.data() + best * d;
      for (std::size_t c = 0; c < n; ++c) {
        if (taken[c]) continue;
        double dot = 0.0;
        for (std::size_t j = 0; j < d; ++j) dot += double(unit[c * d + j]) * b[j];
        maxSim[c] = std::max(maxSim[c], dot);
      }
    }
  }
  return out;
}

}  // namespace reclens
