#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "data/popularitytiers.h"
#include "store/appendedrows.h"

namespace reclens {

// An immutable, loaded dataset plus the per-row aggregates the tables show. Built once off the GUI
// thread and shared read-only (std::shared_ptr<const DatasetSnapshot>) by every page, so models
// only index vectors in data().
class DatasetSnapshot {
 public:
  // Aggregates `dataset` (one pass over the interactions plus sorts for the orderings).
  // Item tiers follow popularityTiers() (data/popularitytiers.h).
  // Returns a Cancelled error when `control` is cancelled.
  static Result<std::shared_ptr<const DatasetSnapshot>> build(Dataset dataset, std::string projectPath,
                                                              const TaskControl& control = {});

  // `base` with the rows appended to its project since it was read (live events): the new users,
  // items, kinds and interactions added at the end and the aggregates updated for them. Rows, ids and
  // orderings of `base` stay valid in the result. O(rows of base) for the copy, plus the id orderings
  // again when users or items were created.
  static std::shared_ptr<const DatasetSnapshot> extended(const DatasetSnapshot& base,
                                                         const AppendedRows& rows);

  const Dataset& dataset() const { return m_dataset; }
  const std::string& projectPath() const { return m_projectPath; }
  std::size_t userCount() const { return m_dataset.users.size(); }
  std::size_t itemCount() const { return m_dataset.items.size(); }
  std::size_t interactionCount() const { return m_dataset.interactions.size(); }

  std::int64_t userInteractions(std::size_t user) const { return m_userCount[user]; }
  std::int64_t userFirstTime(std::size_t user) const { return m_userFirst[user]; }  // kNoTime if none
  std::int64_t userLastTime(std::size_t user) const { return m_userLast[user]; }
  // Position of the user's id in natural order (numbers numerically, text case-insensitively).
  std::int32_t userIdRank(std::size_t user) const { return m_userIdRank[user]; }

  std::int64_t itemInteractions(std::size_t item) const { return m_itemCount[item]; }
  // The catalog's first-seen time, or the item's first interaction when the catalog has none.
  std::int64_t itemFirstSeen(std::size_t item) const { return m_itemFirstSeen[item]; }
  PopularityTier itemTier(std::size_t item) const { return m_itemTier[item]; }
  std::int32_t itemIdRank(std::size_t item) const { return m_itemIdRank[item]; }
  std::int32_t itemTitleRank(std::size_t item) const { return m_itemTitleRank[item]; }

  // Position of vocabulary entry `code` of user/item field `field` in natural order; -1 for missing.
  std::int32_t userValueRank(std::size_t field, std::int32_t code) const;
  std::int32_t itemValueRank(std::size_t field, std::int32_t code) const;

  // Number of items in each tier, indexed by PopularityTier.
  std::int64_t tierSize(PopularityTier tier) const { return m_tierSize[static_cast<std::size_t>(tier)]; }

  // Ranks of `values` in natural order: digit-only strings compare as numbers, others
  // case-insensitively (ASCII), ties broken by the raw bytes.
  static std::vector<std::int32_t> naturalRanks(const std::vector<std::string>& values);
  // Case-insensitive (ASCII) substring test; `lowerNeedle` must already be lower case.
  static bool containsIgnoringCase(std::string_view haystack, std::string_view lowerNeedle);

 private:
  DatasetSnapshot() = default;

  Dataset m_dataset;
  std::string m_projectPath;
  std::vector<std::int64_t> m_userCount, m_userFirst, m_userLast;
  std::vector<std::int32_t> m_userIdRank;
  std::vector<std::int64_t> m_itemCount, m_itemFirstSeen;
  std::vector<PopularityTier> m_itemTier;
  std::vector<std::int32_t> m_itemIdRank, m_itemTitleRank;
  std::vector<std::vector<std::int32_t>> m_userValueRanks, m_itemValueRanks;
  std::int64_t m_tierSize[3] = {0, 0, 0};
};

}  // namespace reclens
