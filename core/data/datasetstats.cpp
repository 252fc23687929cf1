#include "data/datasetstats.h"

#include <algorithm>

namespace reclens {

namespace {

DatasetStats::FieldDistribution distributionOf(const CategoricalField& field, std::size_t rows) {
  DatasetStats::FieldDistribution d;
  d.field = field.name();
  std::vector<std::int64_t> counts(field.vocabulary().size(), 0);
  for (std::size_t r = 0; r < rows; ++r) {
    const auto code = field.codeAt(r);
    if (code == CategoricalField::kMissing) {
      ++d.missing;
    } else {
      ++counts[static_cast<std::size_t>(code)];
    }
  }
  for (std::size_t v = 0; v < counts.size(); ++v) {
    if (counts[v] > 0) d.counts.emplace_back(field.vocabulary()[v], counts[v]);
  }
  // Most frequent first; equal counts by value, so the order does not depend on the vocabulary order.
  std::sort(d.counts.begin(), d.counts.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return d;
}

}  // namespace

double giniCoefficient(std::vector<std::int64_t> counts) {
  const auto n = static_cast<double>(counts.size());
  if (counts.empty()) return 0.0;
  std::sort(counts.begin(), counts.end());
  double weighted = 0.0;
  double total = 0.0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const auto c = static_cast<double>(counts[i]);
    weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * c;
    total += c;
  }
  return total > 0.0 ? weighted / (n * total) : 0.0;
}

DatasetStats computeDatasetStats(const Dataset& dataset) {
  DatasetStats s;
  const auto& log = dataset.interactions;
  s.users = static_cast<std::int64_t>(dataset.users.size());
  s.items = static_cast<std::int64_t>(dataset.items.size());
  s.interactions = static_cast<std::int64_t>(log.size());
  s.timeUnit = dataset.info.timeUnit;

  // Items per user in one flat array (counting sort by user), then distinct items per user by a
  // small sort of each user's slice: 4 bytes per interaction instead of a hash set of pairs.
  std::vector<std::int64_t> userCount(dataset.users.size(), 0);
  std::vector<std::int64_t> itemCount(dataset.items.size(), 0);
  for (std::size_t r = 0; r < log.size(); ++r) {
    const auto u = static_cast<std::size_t>(log.user[r]);
    const auto i = static_cast<std::size_t>(log.item[r]);
    if (u < userCount.size()) ++userCount[u];
    if (i < itemCount.size()) ++itemCount[i];
    if (s.firstTime == kNoTime || log.ts[r] < s.firstTime) s.firstTime = log.ts[r];
    if (s.lastTime == kNoTime || log.ts[r] > s.lastTime) s.lastTime = log.ts[r];
  }
  std::vector<std::int64_t> offset(userCount.size() + 1, 0);
  for (std::size_t u = 0; u < userCount.size(); ++u) offset[u + 1] = offset[u] + userCount[u];
  std::vector<std::int32_t> items(static_cast<std::size_t>(offset.back()));
  {
    auto fill = offset;
    for (std::size_t r = 0; r < log.size(); ++r) {
      const auto u = static_cast<std::size_t>(log.user[r]);
      if (u < userCount.size()) items[static_cast<std::size_t>(fill[u]++)] = log.item[r];
    }
  }
  for (std::size_t u = 0; u < userCount.size(); ++u) {
    if (userCount[u] == 0) continue;
    ++s.activeUsers;
    const auto begin = items.begin() + offset[u];
    const auto end = items.begin() + offset[u + 1];
    std::sort(begin, end);
    s.distinctPairs += std::unique(begin, end) - begin;
  }
  for (auto c : itemCount) s.interactedItems += c > 0 ? 1 : 0;
  const double cells = static_cast<double>(s.users) * static_cast<double>(s.items);
  s.sparsity = cells > 0.0 ? 1.0 - static_cast<double>(s.distinctPairs) / cells : 1.0;
  s.popularityGini = giniCoefficient(std::move(itemCount));
  s.meanInteractionsPerUser =
      s.users > 0 ? static_cast<double>(s.interactions) / static_cast<double>(s.users) : 0.0;
  for (const auto& f : dataset.users.fields)
    s.userAttributes.push_back(distributionOf(f, dataset.users.size()));
  for (const auto& f : dataset.items.fields)
    s.itemAttributes.push_back(distributionOf(f, dataset.items.size()));
  return s;
}

}  // namespace reclens
