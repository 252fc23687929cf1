#pragma once
#include <cstddef>
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
};

// Accuracy of one model on the test part of a split.
struct EvaluationResult {
  std::vector<int> ks;
  std::vector<AccuracyValues> atK;  // one per ks entry, mean over the evaluated users
  std::size_t users = 0;            // users with at least one test item
  std::size_t testItems = 0;        // (user, item) test pairs
};

// Ranks the full catalog for every user with a test item, from the user's history before the test
// part (train and validation rows), never listing those history items, and averages the metrics at
// each cut-off over those users. Reports progress; Cancelled when `control` is cancelled.
Result<EvaluationResult> evaluateModel(ScoringEngine& engine, const Dataset& dataset,
                                       const TrainTestSplit& split, const EvaluationOptions& options,
                                       const TaskControl& control = {});

}  // namespace reclens
