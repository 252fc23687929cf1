#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
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

// Which split a model is trained and evaluated on (docs/training.md, "Splits"). Every kind works on a
// user's distinct items, so all rows of one (user, item) pair land in one part.
struct SplitSpec {
  enum class Kind {
    Time,           // the last `holdout` distinct items in time test, the `validation` before them validation
    TemporalRatio,  // per user, distinct items by last occurrence: the oldest trainRatio train, then
                    // validationRatio validation, the newest rest test
    RandomRatio,    // per user, distinct items in a seeded random order split by the same ratios (RecBole's
                    // "RO" with group_by user)
    GlobalTime,     // one calendar for everyone: rows before the trainRatio quantile of all timestamps train,
                    // then validationRatio validation, the rest test; a (user, item) pair goes by its last
                    // row (RecBole's "TO" without grouping). Items launched late have no train rows: the
                    // cold-start protocol.
  };
  Kind kind = Kind::Time;
  int holdout = 1;
  int validation = 1;
  double trainRatio = 0.8;
  double validationRatio = 0.1;
  std::uint64_t seed = 42;

  // Reads "time", "time:H" (H test items, one validation; "time:H+V": V validation items), "loo"
  // (leave-one-out by sequence: the last item test, the one before it validation, the same as "time:1"),
  // "temporal[:TRAIN,VALIDATION]", "global[:TRAIN,VALIDATION]" or "random[:TRAIN,VALIDATION[,SEED]]"
  // (ratios default 0.8,0.1; test gets the rest). The error names the part of the text that is wrong.
  static Result<SplitSpec> parse(const std::string& text);
  // The canonical text, which parse() reads back to an equal spec (e.g. "time:1", "random:0.8,0.1,42").
  std::string name() const;
  // A readable sentence, e.g. "per user, random 80/10/10 of the distinct items (seed 42)".
  std::string description() const;
  bool operator==(const SplitSpec& other) const { return name() == other.name(); }
};

// Splits `dataset` as `spec` says. For the ratio kinds a user with n distinct items gets
// floor(n * ratio) test and validation items; a part whose share n * ratio lies in (0, 1) still gets
// one item as long as train keeps at least one (test first, then validation). Deterministic.
TrainTestSplit splitDataset(const Dataset& dataset, const SplitSpec& spec);

// For the global kind: the first validation time and the first test time (pairs whose last row is at or
// after them go to validation / test): the timestamps at the trainRatio and trainRatio + validationRatio
// quantiles of all rows.
std::pair<std::int64_t, std::int64_t> globalCutTimes(const Dataset& dataset, const SplitSpec& spec);

}  // namespace reclens
