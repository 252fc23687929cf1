#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "audit/accuracymetrics.h"
#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "engine/scoringengine.h"
#include "model/datasplit.h"

namespace reclens {

struct EvaluationOptions {
  std::vector<int> ks{10, 20};  // cut-offs, each >= 1
  int batchSize = 256;          // users per scoring batch
  // Also the metrics per item-history group (itemHistoryGroups below): cold-start analysis.
  bool byItemHistory = false;
};

// Test items grouped by how many train-part rows the item has (what a model trained on the split saw of
// it): 0 (cold: the model never trained on the item), 1-4, 5-19, 20 and more.
struct ItemHistoryGroup {
  std::string name;        // "0", "1-4", "5-19", "20+"
  std::int64_t low = 0;    // train rows, inclusive
  std::int64_t high = -1;  // inclusive; -1: no upper edge
};
const std::vector<ItemHistoryGroup>& itemHistoryGroups();
// The index in itemHistoryGroups() of a count (also the audit's activity bands of users' history items).
std::int32_t historyBand(std::int64_t count);
// The group index of each catalog item under `split` (train-part rows of the item).
std::vector<std::uint8_t> itemHistoryGroupOf(const Dataset& dataset, const TrainTestSplit& split);

// The metrics of one item-history group: every user with at least one test item in the group, the
// relevant set cut to the group's items (the full catalog is still ranked, as for the overall figures).
struct GroupEvaluation {
  std::string name;
  std::vector<AccuracyValues> atK;
  std::size_t users = 0;
  std::size_t testItems = 0;
  std::size_t catalogItems = 0;  // catalog items in the group
  // Of the users' top-max(K) lists: the share of listed slots that hold items of the group.
  double listShare = 0.0;
};

// Accuracy of one model on the test part of a split.
struct EvaluationResult {
  std::vector<int> ks;
  std::vector<AccuracyValues> atK;          // one per ks entry, mean over the evaluated users
  std::size_t users = 0;                    // users with at least one test item
  std::size_t testItems = 0;                // (user, item) test pairs
  std::vector<GroupEvaluation> itemGroups;  // with EvaluationOptions::byItemHistory, one per group
};

// Ranks the full catalog for every user with a test item, from the user's history before the test
// part (train and validation rows), never listing those history items, and averages the metrics at
// each cut-off over those users. Reports progress; Cancelled when `control` is cancelled.
Result<EvaluationResult> evaluateModel(ScoringEngine& engine, const Dataset& dataset,
                                       const TrainTestSplit& split, const EvaluationOptions& options,
                                       const TaskControl& control = {});

}  // namespace reclens
