#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "data/importmapping.h"

namespace reclens {

// How to read a recommendation log: a CSV file with a header naming the columns "user", "item" and
// "rank" (any order, other columns ignored; "score" is read when present), one row per listed item.
struct RecommendationLogOptions {
  CsvFormat format;          // delimiter and quote; the header row is required
  bool skipUnknown = false;  // skip rows naming a user or item the project lacks instead of failing
};

// What reading a log found.
struct RecommendationLogReport {
  std::int64_t rows = 0;                  // data rows read
  std::int64_t skippedUnknownUser = 0;    // rows skipped because of an unknown user (skipUnknown)
  std::int64_t skippedUnknownItem = 0;    // rows skipped because of an unknown item (skipUnknown)
  std::vector<std::string> unknownUsers;  // the first few distinct unknown user ids
  std::vector<std::string> unknownItems;  // the first few distinct unknown item ids
  std::size_t users = 0;                  // users with a list
  std::size_t longestList = 0;
  std::size_t renumberedLists = 0;  // lists whose ranks had gaps (renumbered 1..n in rank order)
};

// Reads a recommendation log into dataset rows: each user's rows ordered by rank and renumbered
// 1..n, users ascending. Errors name file, line and field: a missing column (Mapping), a ragged row,
// a rank that is not a positive whole number or a bad score (Parse), a user or item the project lacks
// (NotFound, unless skipUnknown), a user listing a rank or an item twice (Duplicate), no rows (Empty).
Result<RecommendationLog> readRecommendationLog(const std::string& path, const Dataset& dataset,
                                                const RecommendationLogOptions& options = {},
                                                RecommendationLogReport* report = nullptr,
                                                const TaskControl& control = {});

}  // namespace reclens
