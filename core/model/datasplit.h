#pragma once
#include <cstdint>
#include <vector>

#include "data/dataset.h"

namespace reclens {

// Which part of a time-aware split an interaction row belongs to.
enum class SplitPart : std::uint8_t { Train, Validation, Test };

// A leave-last-out split of a dataset's interaction log, made per user along time.
// Every interaction row belongs to exactly one part, and all rows of one (user, item) pair belong
// to the same part, so a repeated purchase never leaks a held-out item into train.
struct TrainTestSplit {
  // One entry per interaction row of the dataset (same indexing as Dataset::interactions).
  std::vector<SplitPart> part;
  // Per user (indexed like Dataset::users, sized to cover every user id in the log): the distinct
  // items of each part, sorted ascending.
  std::vector<std::vector<std::int32_t>> train;
  std::vector<std::vector<std::int32_t>> validation;
  std::vector<std::vector<std::int32_t>> test;
  // Smallest and largest timestamp among train rows (kNoTime when train is empty).
  std::int64_t trainFirst = kNoTime;
  std::int64_t trainLast = kNoTime;

  std::size_t users() const { return train.size(); }
  // Number of interaction rows in `p`.
  std::size_t rowCount(SplitPart p) const;
  // Number of users with at least one item in `p`.
  std::size_t userCount(SplitPart p) const;
};

// Splits per user along time. A user's interactions are ordered by (ts, row order); distinct items
// are ranked by their last occurrence; the last `holdoutPerUser` distinct items (with every row of
// them) are test, the `validationPerUser` before them are validation, everything else is train.
// A user with fewer than holdoutPerUser + validationPerUser + 1 distinct items keeps all rows in
// train, so every user with a held-out item also has train history. Deterministic; never fails
// (negative counts are read as 0).
TrainTestSplit splitByTime(const Dataset& dataset, int holdoutPerUser = 1, int validationPerUser = 1);

}  // namespace reclens
