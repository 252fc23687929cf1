#include "explain/distinctive.h"

#include <algorithm>
#include <cmath>

#include "explain/rawattribution.h"

namespace reclens {

namespace {

// The shares of the user-side fields (history rows and user fields) of one item's attribution.
std::vector<double> userShares(const ItemExplanation& e) {
  std::vector<double> shares;
  double total = 0.0;
  for (const auto& f : e.fields) {
    if (f.kind == FieldKind::ItemPart) continue;
    shares.push_back(f.attribution);
    if (std::isfinite(f.attribution)) total += std::abs(f.attribution);
  }
  for (auto& s : shares) s = total > 0.0 && std::isfinite(s) ? s / total : 0.0;
  return shares;
}

}  // namespace

void addDistinctiveReasons(Explanation& explanation) {
  auto& items = explanation.items;
  for (auto& e : items) {
    e.reason.distinctiveTitles.clear();
    e.reason.distinctiveText.clear();
  }
  if (items.size() < 2) return;
  std::vector<std::vector<double>> shares;
  for (const auto& e : items) shares.push_back(userShares(e));
  const auto n = shares.front().size();
  for (const auto& s : shares)
    if (s.size() != n) return;  // not explanations of the same user
  std::vector<double> sum(n, 0.0);
  for (const auto& s : shares)
    for (std::size_t l = 0; l < n; ++l) sum[l] += s[l];
  const double others = double(items.size() - 1);
  for (std::size_t k = 0; k < items.size(); ++k) {
    auto& e = items[k];
    std::vector<std::pair<double, std::size_t>> excess;  // (excess share, field position)
    for (std::size_t l = 0; l < n; ++l) {
      const auto& f = e.fields[l];
      if (f.kind != FieldKind::History || !(f.attribution > 0.0)) continue;
      const double d = shares[k][l] - (sum[l] - shares[k][l]) / others;
      if (d > kDistinctiveMargin) excess.emplace_back(d, l);
    }
    std::stable_sort(excess.begin(), excess.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < excess.size() && i < 3; ++i)
      e.reason.distinctiveTitles.push_back(e.fields[excess[i].second].label);
    if (!e.reason.distinctiveTitles.empty()) {
      e.reason.distinctiveText = "Unlike your other recommendations, this one rests on " +
                                 detail::joinTitles(e.reason.distinctiveTitles) + ".";
    }
  }
}

}  // namespace reclens
