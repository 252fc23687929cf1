#include "engine/rerank.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace reclens {

std::size_t ReRankOptions::candidateCount(int k, std::size_t numItems) const {
  if (candidates > 0) return std::min<std::size_t>(numItems, static_cast<std::size_t>(candidates));
  const auto wanted = std::max<std::size_t>(10 * static_cast<std::size_t>(std::max(k, 0)), 1000);
  return std::min({numItems, wanted, std::size_t{5000}});
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

  std::vector<Recommendation> out;
  out.reserve(want);
  while (out.size() < want) {
    std::size_t best = n;
    double bestValue = -std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < n; ++c) {
      if (taken[c]) continue;
      const auto cat = categoryOf(c);
      if (options.categoryCap > 0 && cat >= 0 && perCategory[cat] >= options.categoryCap) continue;
      const double value = useMmr && !out.empty() ? (1.0 - mu) * base[c] - mu * maxSim[c] : base[c];
      if (best == n || value > bestValue) {
        best = c;
        bestValue = value;
      }
    }
    if (best == n) break;
    taken[best] = true;
    if (const auto cat = categoryOf(best); cat >= 0) ++perCategory[cat];
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
