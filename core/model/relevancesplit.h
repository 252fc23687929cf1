#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/csvreader.h"
#include "data/dataset.h"
#include "model/datasplit.h"

namespace reclens {

// Explicit relevance for an audit (`audit --relevance FILE`, docs/audit.md): a CSV with a header and
// the columns user and item (more columns are ignored), one relevant (user, item) pair per row, instead
// of the held-out items of the time split.

struct RelevanceOptions {
  CsvFormat format;          // delimiter and quote; the header row is required
  bool skipUnknown = false;  // skip rows naming a user or item the project lacks instead of failing
};

struct RelevanceReport {
  std::int64_t rows = 0;                  // data rows read
  std::int64_t duplicates = 0;            // rows repeating a pair already read (counted once)
  std::int64_t skippedUnknownUser = 0;    // rows skipped because of an unknown user (skipUnknown)
  std::int64_t skippedUnknownItem = 0;    // rows skipped because of an unknown item (skipUnknown)
  std::vector<std::string> unknownUsers;  // the first few distinct unknown user ids
  std::vector<std::string> unknownItems;  // the first few distinct unknown item ids
  std::size_t users = 0;                  // users with at least one relevant item
  std::size_t pairs = 0;                  // distinct relevant pairs
  std::size_t pairsInLog = 0;             // ... of them that the interaction log holds too
};

// The split an audit uses with explicit relevance: a user's test items are their relevant items;
// every interaction row of a relevant (user, item) pair is Test, every other row Train (no validation),
// so the history the model sees and the audit counts is everything except the relevant pairs, and a
// relevant item is never in the history it is recommended from. Users without relevant items have no
// test items (audited for the list metrics, not for accuracy). Errors name file, line and field: a
// missing column (Mapping), a ragged row (Parse), an unknown user or item (NotFound, unless
// skipUnknown), no usable rows (Empty).
Result<TrainTestSplit> splitFromRelevance(const std::string& path, const Dataset& dataset,
                                          const RelevanceOptions& options = {},
                                          RelevanceReport* report = nullptr, const TaskControl& control = {});

}  // namespace reclens
