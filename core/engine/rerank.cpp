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
  if (options.providerFairness != 0.0)
    add("provider fairness " + num(options.providerFairness) + " on " + options.providerField +
        (options.providerTarget == ProviderTarget::Equal ? " (equal shares)" : " (catalog shares)"));
  if (options.userAwarePenalty != 0.0) add("user-aware penalty " + num(options.userAwarePenalty));
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

// The distance between the list's exposure shares of the provider groups and their targets as items
// are added, in O(groups in the list) per step and O(1) per candidate: a group the
// list does not hold yet contributes exactly its target, whatever the list's total exposure.
class ProviderExposure {
 public:
  ProviderExposure(const std::vector<std::int32_t>& provider, const std::vector<double>& target)
      : m_provider(provider), m_target(target) {
    double sum = 0.0;
    for (auto& t : m_target) {
      t = std::max(t, 0.0);
      sum += t;
    }
    if (sum > 1.0)
      for (auto& t : m_target) t /= sum;
    m_target.push_back(std::max(0.0, 1.0 - sum));  // the items without a group
    m_exposure.assign(m_target.size(), 0.0);
  }
  // Before each step: the next position's weight and the distance sum over every group for a list
  // whose total exposure has grown by it.
  void prepare() {
    m_weight = 1.0 / std::log2(double(m_taken) + 2.0);
    m_nextTotal = m_total + m_weight;
    double held = 0.0;
    m_sum = 0.0;
    for (const auto s : m_held) {
      held += m_target[s];
      m_sum += std::abs(m_exposure[s] / m_nextTotal - m_target[s]);
    }
    m_sum += std::max(0.0, 1.0 - held);
  }
  // The misplaced exposure W·TV(x, t) once `item` takes the next position, W the list's total exposure:
  // in units of the first position's exposure, so that one knob weighs it against relevance in [0, 1].
  double with(std::int32_t item) const {
    const auto s = slot(item);
    const double before = std::abs(m_exposure[s] / m_nextTotal - m_target[s]);
    const double after = std::abs((m_exposure[s] + m_weight) / m_nextTotal - m_target[s]);
    return 0.5 * (m_sum - before + after) * m_nextTotal;
  }
  void take(std::int32_t item) {
    const auto s = slot(item);
    if (m_exposure[s] == 0.0) m_held.push_back(s);
    m_exposure[s] += m_weight;
    m_total = m_nextTotal;
    ++m_taken;
  }

 private:
  std::size_t slot(std::int32_t item) const {
    const auto i = static_cast<std::size_t>(item);
    const auto g = item >= 0 && i < m_provider.size() ? m_provider[i] : -1;
    const auto groups = m_target.size() - 1;
    return g >= 0 && static_cast<std::size_t>(g) < groups ? static_cast<std::size_t>(g) : groups;
  }
  const std::vector<std::int32_t>& m_provider;
  std::vector<double> m_target;    // per group, then the items without a group
  std::vector<double> m_exposure;  // the list's exposure per group
  std::vector<std::size_t> m_held;
  std::size_t m_taken = 0;
  double m_total = 0.0, m_weight = 0.0, m_nextTotal = 0.0, m_sum = 0.0;
};

// The user-aware penalty's scale: the share of the history's items that are not popular; 0 for an
// empty history (nothing says the user's taste is niche).
double nicheShare(const ReRankContext& context) {
  if (context.history == nullptr || context.popular == nullptr || context.history->empty()) return 0.0;
  double popular = 0.0;
  for (const auto item : *context.history) {
    const auto i = static_cast<std::size_t>(item);
    if (item >= 0 && i < context.popular->size() && (*context.popular)[i] != 0) popular += 1.0;
  }
  return 1.0 - popular / double(context.history->size());
}

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
  const double penalty = options.popularityPenalty + options.userAwarePenalty * nicheShare(context);
  if (penalty != 0.0 && context.popularity != nullptr && !context.popularity->empty()) {
    const auto& pop = *context.popularity;
    const double maxLog =
        std::log1p(double(std::max<std::int64_t>(*std::max_element(pop.begin(), pop.end()), 1)));
    for (std::size_t c = 0; c < n; ++c) {
      const auto item = static_cast<std::size_t>(candidates[c].item);
      const double p =
          item < pop.size() ? std::log1p(double(std::max<std::int64_t>(pop[item], 0))) / maxLog : 0.0;
      base[c] -= penalty * p;
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
  const double phi = std::clamp(options.providerFairness, 0.0, 1.0);
  std::optional<ProviderExposure> provider;
  if (phi > 0.0 && context.provider != nullptr && context.providerTarget != nullptr)
    provider.emplace(*context.provider, *context.providerTarget);

  std::vector<Recommendation> out;
  out.reserve(want);
  while (out.size() < want) {
    std::size_t best = n;
    double bestValue = -std::numeric_limits<double>::infinity();
    if (calibration) calibration->prepare();
    if (provider) provider->prepare();
    for (std::size_t c = 0; c < n; ++c) {
      if (taken[c]) continue;
      const auto cat = categoryOf(c);
      if (options.categoryCap > 0 && cat >= 0 && perCategory[cat] >= options.categoryCap) continue;
      double value = useMmr && !out.empty() ? (1.0 - mu) * base[c] - mu * maxSim[c] : base[c];
      if (calibration) value = (1.0 - kappa) * value - kappa * calibration->with(cat);
      if (provider) value = (1.0 - phi) * value - phi * provider->with(candidates[c].item);
      if (best == n || value > bestValue) {
        best = c;
        bestValue = value;
      }
    }
    if (best == n) break;
    taken[best] = true;
    if (const auto cat = categoryOf(best); cat >= 0) ++perCategory[cat];
    if (calibration) calibration->take(categoryOf(best));
    if (provider) provider->take(candidates[best].item);
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
