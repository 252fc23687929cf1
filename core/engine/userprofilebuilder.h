#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "data/dataset.h"
#include "engine/userprofile.h"
#include "model/historyweight.h"
#include "model/modelcontract.h"

namespace reclens {

// Builds UserProfiles for a dataset's users in the vocabulary of one model. The history of a user
// is their distinct items (ordered by first interaction time) among the included rows, each weighted
// by the sum of its interaction weights (a NaN or infinite weight counts as 1) passed through the
// model's history weighting (metadata "history_weight": the sum, or log(1 + sum)), as the trainer
// does. User attributes are matched to the model's fields by name and to its vocabulary by value.
class UserProfileBuilder {
 public:
  // Groups the rows of `dataset` by user once; `includeRows` (same length as the log) limits the
  // history to the rows marked true, e.g. the train part of a split. `dataset` must outlive this.
  UserProfileBuilder(const Dataset& dataset, const ModelMetadata& metadata,
                     const std::vector<bool>* includeRows = nullptr);

  // Number of users (rows of the dataset's user table, or more when the log names more).
  std::size_t users() const { return m_start.empty() ? 0 : m_start.size() - 1; }
  // The profile of user row `user`; an out-of-range user gets an empty history and missing fields.
  UserProfile profile(std::int32_t user) const;
  // How the profiles weight a history item (the model's metadata "history_weight").
  HistoryWeighting weighting() const { return m_weighting; }
  // Leaves catalog rows from `items` on out of every profile: items appended to the catalog after the
  // model was trained, which it has no vector for (the default keeps every item).
  void setItemLimit(std::size_t items) { m_itemLimit = items; }
  // The codes of the model's user fields for user row `user` (-1 where missing or unknown).
  std::vector<std::int32_t> fieldCodes(std::int32_t user) const;

 private:
  const Dataset& m_dataset;
  HistoryWeighting m_weighting;
  std::size_t m_itemLimit = static_cast<std::size_t>(-1);
  std::vector<std::size_t> m_start;  // rows of user u are m_rows[m_start[u] .. m_start[u+1])
  std::vector<std::size_t> m_rows;   // sorted by (user, time, row)
  // Per model field: the dataset field index (-1 if the dataset lacks it) and dataset code -> model code.
  std::vector<int> m_datasetField;
  std::vector<std::vector<std::int32_t>> m_codeMap;
};

// Interaction rows per catalog item (the popularity used by re-ranking and popularity tiers),
// counting only the rows marked true in `includeRows` when given.
std::vector<std::int64_t> itemPopularity(const InteractionLog& log, std::size_t numItems,
                                         const std::vector<bool>* includeRows = nullptr);

// The short head: true exactly for the items of the head popularity tier (data/popularitytiers.h),
// false for the rest (never-seen items included).
std::vector<bool> shortHeadItems(const std::vector<std::int64_t>& popularity);

}  // namespace reclens
