#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "data/dataset.h"

namespace reclens {

// An item bought (or viewed, ...) together with a query item.
struct CooccurringItem {
  std::int32_t item = -1;
  std::int64_t together = 0;  // users who interacted with both (within the window, when one is set)
  double confidence = 0.0;    // together / users of the query item
  double lift = 0.0;          // together * all users / (users of the query item * users of this item)
};

// "Frequently bought together" from the interaction log: for a query item, the items that the same
// users interacted with. Built once as two sparse groupings of the log (rows by user in time order,
// distinct users by item); a query walks only the histories of the query item's users, so nothing
// quadratic in the catalog is ever stored. Immutable once built; queries may run on several threads.
class CooccurrenceIndex {
 public:
  // Groups the rows of `log` (only those marked true in `includeRows` when given, e.g. a train split)
  // by user and by item. Rows naming a user or item outside [0, numUsers) x [0, numItems) are skipped.
  CooccurrenceIndex(const InteractionLog& log, std::size_t numUsers, std::size_t numItems,
                    const std::vector<bool>* includeRows = nullptr);

  std::size_t numItems() const { return m_itemStart.empty() ? 0 : m_itemStart.size() - 1; }
  // Users with at least one included interaction.
  std::int64_t activeUsers() const { return m_activeUsers; }
  // Distinct users who interacted with `item` (0 outside the catalog).
  std::int64_t usersOf(std::int32_t item) const;

  // The `k` items most often together with `item`, most users first, then higher lift, then lower
  // row; never `item` itself, and only items together at least `minTogether` times. With `window` >= 0
  // an interaction counts only when it lies within `window` time units of one with `item` (0 = the
  // same timestamp, e.g. the same invoice); a negative window takes the users' whole histories.
  std::vector<CooccurringItem> together(std::int32_t item, int k, std::int64_t window = -1,
                                        std::int64_t minTogether = 1) const;

 private:
  // Rows of user u: [m_userStart[u], m_userStart[u + 1]) of m_rowItem / m_rowTime, by time.
  std::vector<std::size_t> m_userStart;
  std::vector<std::int32_t> m_rowItem;
  std::vector<std::int64_t> m_rowTime;
  // Distinct users of item i: [m_itemStart[i], m_itemStart[i + 1]) of m_itemUsers, ascending.
  std::vector<std::size_t> m_itemStart;
  std::vector<std::int32_t> m_itemUsers;
  std::int64_t m_activeUsers = 0;
};

}  // namespace reclens
