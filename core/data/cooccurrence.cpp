#include "data/cooccurrence.h"

#include <algorithm>
#include <numeric>

namespace reclens {

CooccurrenceIndex::CooccurrenceIndex(const InteractionLog& log, std::size_t numUsers, std::size_t numItems,
                                     const std::vector<bool>* includeRows) {
  const auto included = [&](std::size_t r) {
    const auto u = log.user[r];
    const auto i = log.item[r];
    return (includeRows == nullptr || (r < includeRows->size() && (*includeRows)[r])) && u >= 0 &&
           static_cast<std::size_t>(u) < numUsers && i >= 0 && static_cast<std::size_t>(i) < numItems;
  };
  // Rows by user (counting sort), then each user's rows by time.
  m_userStart.assign(numUsers + 1, 0);
  for (std::size_t r = 0; r < log.size(); ++r) {
    if (included(r)) ++m_userStart[static_cast<std::size_t>(log.user[r]) + 1];
  }
  std::partial_sum(m_userStart.begin(), m_userStart.end(), m_userStart.begin());
  std::vector<std::size_t> rows(m_userStart.back());
  {
    std::vector<std::size_t> next(m_userStart.begin(), m_userStart.end() - 1);
    for (std::size_t r = 0; r < log.size(); ++r) {
      if (included(r)) rows[next[static_cast<std::size_t>(log.user[r])]++] = r;
    }
  }
  m_rowItem.resize(rows.size());
  m_rowTime.resize(rows.size());
  for (std::size_t u = 0; u < numUsers; ++u) {
    const auto b = rows.begin() + static_cast<std::ptrdiff_t>(m_userStart[u]);
    const auto e = rows.begin() + static_cast<std::ptrdiff_t>(m_userStart[u + 1]);
    if (b != e) ++m_activeUsers;
    std::stable_sort(b, e, [&log](std::size_t a, std::size_t c) { return log.ts[a] < log.ts[c]; });
    for (auto p = m_userStart[u]; p < m_userStart[u + 1]; ++p) {
      m_rowItem[p] = log.item[rows[p]];
      m_rowTime[p] = log.ts[rows[p]];
    }
  }
  // Distinct users by item: walking users in order keeps each item's list ascending.
  std::vector<std::int32_t> lastUser(numItems, -1);
  m_itemStart.assign(numItems + 1, 0);
  for (std::size_t u = 0; u < numUsers; ++u) {
    for (auto p = m_userStart[u]; p < m_userStart[u + 1]; ++p) {
      const auto i = static_cast<std::size_t>(m_rowItem[p]);
      if (lastUser[i] == static_cast<std::int32_t>(u)) continue;
      lastUser[i] = static_cast<std::int32_t>(u);
      ++m_itemStart[i + 1];
    }
  }
  std::partial_sum(m_itemStart.begin(), m_itemStart.end(), m_itemStart.begin());
  m_itemUsers.resize(m_itemStart.back());
  std::vector<std::size_t> next(m_itemStart.begin(), m_itemStart.end() - 1);
  std::fill(lastUser.begin(), lastUser.end(), -1);
  for (std::size_t u = 0; u < numUsers; ++u) {
    for (auto p = m_userStart[u]; p < m_userStart[u + 1]; ++p) {
      const auto i = static_cast<std::size_t>(m_rowItem[p]);
      if (lastUser[i] == static_cast<std::int32_t>(u)) continue;
      lastUser[i] = static_cast<std::int32_t>(u);
      m_itemUsers[next[i]++] = static_cast<std::int32_t>(u);
    }
  }
}

std::int64_t CooccurrenceIndex::usersOf(std::int32_t item) const {
  if (item < 0 || static_cast<std::size_t>(item) >= numItems()) return 0;
  const auto i = static_cast<std::size_t>(item);
  return static_cast<std::int64_t>(m_itemStart[i + 1] - m_itemStart[i]);
}

std::vector<CooccurringItem> CooccurrenceIndex::together(std::int32_t item, int k, std::int64_t window,
                                                         std::int64_t minTogether) const {
  std::vector<CooccurringItem> out;
  const auto base = usersOf(item);
  if (base == 0 || k <= 0) return out;
  const auto i = static_cast<std::size_t>(item);
  std::vector<std::int64_t> count(numItems(), 0);
  std::vector<std::int32_t> seenBy(numItems(), -1);  // the last user counted for each item
  std::vector<std::int32_t> touched;
  std::vector<std::int64_t> queryTimes;
  for (auto q = m_itemStart[i]; q < m_itemStart[i + 1]; ++q) {
    const auto u = static_cast<std::size_t>(m_itemUsers[q]);
    const auto b = m_userStart[u];
    const auto e = m_userStart[u + 1];
    if (window >= 0) {
      queryTimes.clear();
      for (auto p = b; p < e; ++p) {
        if (m_rowItem[p] == item) queryTimes.push_back(m_rowTime[p]);  // ascending: rows are by time
      }
    }
    for (auto p = b; p < e; ++p) {
      const auto j = m_rowItem[p];
      if (j == item || seenBy[static_cast<std::size_t>(j)] == static_cast<std::int32_t>(u)) continue;
      if (window >= 0) {
        // The query item's interaction closest in time decides.
        const auto t = m_rowTime[p];
        const auto at = std::lower_bound(queryTimes.begin(), queryTimes.end(), t - window);
        if (at == queryTimes.end() || *at > t + window) continue;
      }
      seenBy[static_cast<std::size_t>(j)] = static_cast<std::int32_t>(u);
      if (count[static_cast<std::size_t>(j)]++ == 0) touched.push_back(j);
    }
  }
  const double users = static_cast<double>(m_activeUsers);
  for (const auto j : touched) {
    const auto c = count[static_cast<std::size_t>(j)];
    if (c < minTogether) continue;
    const double other = static_cast<double>(usersOf(j));
    out.push_back({j, c, static_cast<double>(c) / static_cast<double>(base),
                   static_cast<double>(c) * users / (static_cast<double>(base) * other)});
  }
  const auto better = [](const CooccurringItem& a, const CooccurringItem& b) {
    if (a.together != b.together) return a.together > b.together;
    if (a.lift != b.lift) return a.lift > b.lift;
    return a.item < b.item;
  };
  const auto shown = std::min(out.size(), static_cast<std::size_t>(k));
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(shown), out.end(), better);
  out.resize(shown);
  return out;
}

}  // namespace reclens
