#include "model/datasplit.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace reclens {

std::size_t TrainTestSplit::rowCount(SplitPart p) const {
  return static_cast<std::size_t>(std::count(part.begin(), part.end(), p));
}

std::size_t TrainTestSplit::userCount(SplitPart p) const {
  const auto& lists = p == SplitPart::Train ? train : (p == SplitPart::Validation ? validation : test);
  return static_cast<std::size_t>(
      std::count_if(lists.begin(), lists.end(), [](const auto& items) { return !items.empty(); }));
}

TrainTestSplit splitByTime(const Dataset& dataset, int holdoutPerUser, int validationPerUser) {
  const auto& log = dataset.interactions;
  const std::size_t holdout = static_cast<std::size_t>(std::max(0, holdoutPerUser));
  const std::size_t validation = static_cast<std::size_t>(std::max(0, validationPerUser));

  std::size_t users = dataset.users.size();
  for (const auto u : log.user) users = std::max(users, static_cast<std::size_t>(u) + 1);

  // Rows grouped by user (counting sort keeps the original order inside each user).
  std::vector<std::size_t> start(users + 1, 0);
  for (const auto u : log.user) ++start[static_cast<std::size_t>(u) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::size_t> rows(log.size());
  {
    auto next = start;
    for (std::size_t r = 0; r < log.size(); ++r) rows[next[static_cast<std::size_t>(log.user[r])]++] = r;
  }

  TrainTestSplit split;
  split.part.assign(log.size(), SplitPart::Train);
  split.train.resize(users);
  split.validation.resize(users);
  split.test.resize(users);

  std::unordered_map<std::int32_t, SplitPart> itemPart;
  std::vector<std::int32_t> distinctByRecency;
  for (std::size_t u = 0; u < users; ++u) {
    const auto begin = rows.begin() + static_cast<std::ptrdiff_t>(start[u]);
    const auto end = rows.begin() + static_cast<std::ptrdiff_t>(start[u + 1]);
    // Stable sort by time: ties keep the original row order.
    std::stable_sort(begin, end, [&log](std::size_t a, std::size_t b) { return log.ts[a] < log.ts[b]; });

    itemPart.clear();
    distinctByRecency.clear();
    for (auto it = end; it != begin;) {
      --it;
      const auto item = log.item[*it];
      if (itemPart.emplace(item, SplitPart::Train).second) distinctByRecency.push_back(item);
    }
    if (distinctByRecency.size() >= holdout + validation + 1) {
      for (std::size_t k = 0; k < holdout + validation; ++k) {
        itemPart[distinctByRecency[k]] = k < holdout ? SplitPart::Test : SplitPart::Validation;
      }
    }
    for (auto it = begin; it != end; ++it) split.part[*it] = itemPart[log.item[*it]];
    for (const auto& [item, p] : itemPart) {
      auto& list = p == SplitPart::Train ? split.train[u]
                                         : (p == SplitPart::Validation ? split.validation[u] : split.test[u]);
      list.push_back(item);
    }
    std::sort(split.train[u].begin(), split.train[u].end());
    std::sort(split.validation[u].begin(), split.validation[u].end());
    std::sort(split.test[u].begin(), split.test[u].end());
  }

  for (std::size_t r = 0; r < log.size(); ++r) {
    if (split.part[r] != SplitPart::Train) continue;
    const auto t = log.ts[r];
    if (split.trainFirst == kNoTime || t < split.trainFirst) split.trainFirst = t;
    if (split.trainLast == kNoTime || t > split.trainLast) split.trainLast = t;
  }
  return split;
}

}  // namespace reclens
