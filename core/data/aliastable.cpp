#include "data/aliastable.h"

namespace reclens {

AliasTable::AliasTable(const std::vector<double>& weights) {
  double sum = 0.0;
  for (double w : weights) sum += w > 0.0 ? w : 0.0;
  if (weights.empty() || !(sum > 0.0)) return;
  const std::size_t n = weights.size();
  m_prob.assign(n, 0.0);
  m_alias.assign(n, 0);
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small;
  std::vector<std::uint32_t> large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = (weights[i] > 0.0 ? weights[i] : 0.0) * static_cast<double>(n) / sum;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const auto s = small.back();
    small.pop_back();
    const auto l = large.back();
    m_prob[s] = scaled[s];
    m_alias[s] = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // What is left is 1 up to rounding error.
  for (auto l : large) {
    m_prob[l] = 1.0;
    m_alias[l] = l;
  }
  for (auto s : small) {
    m_prob[s] = 1.0;
    m_alias[s] = s;
  }
}

}  // namespace reclens
