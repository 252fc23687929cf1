#include "model/historybatch.h"

#include <algorithm>
#include <unordered_map>

namespace reclens {

HistoryBatch gatherHistories(const UserHistories& histories, const std::vector<std::int64_t>& users,
                             const std::vector<std::int64_t>* positives) {
  HistoryBatch b;
  std::unordered_map<std::int64_t, std::int64_t> local;
  b.tripletOwner.reserve(users.size());
  for (const auto u : users) {
    auto [it, added] = local.emplace(u, static_cast<std::int64_t>(b.users.size()));
    if (added) {
      b.users.push_back(u);
      float total = 0.0f;
      for (auto e = histories.start[static_cast<std::size_t>(u)];
           e < histories.start[static_cast<std::size_t>(u) + 1]; ++e) {
        b.item.push_back(histories.item[static_cast<std::size_t>(e)]);
        b.weight.push_back(histories.weight[static_cast<std::size_t>(e)]);
        b.owner.push_back(it->second);
        total += histories.weight[static_cast<std::size_t>(e)];
      }
      b.total.push_back(total);
    }
    b.tripletOwner.push_back(it->second);
  }
  if (positives != nullptr) {
    b.positiveWeight.resize(users.size(), 0.0f);
    for (std::size_t t = 0; t < users.size(); ++t) {
      const auto u = static_cast<std::size_t>(users[t]);
      const auto begin = histories.item.begin() + histories.start[u];
      const auto end = histories.item.begin() + histories.start[u + 1];
      const auto found = std::lower_bound(begin, end, (*positives)[t]);
      if (found != end && *found == (*positives)[t]) {
        b.positiveWeight[t] = histories.weight[static_cast<std::size_t>(found - histories.item.begin())];
      }
    }
  }
  return b;
}

}  // namespace reclens
