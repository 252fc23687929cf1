#pragma once
#include <vector>

#include "model/datasplit.h"
#include "model/historyweight.h"
#include "model/trainablemodel.h"

namespace reclens {

// Builds the plain training input of the built-in models from the train part of `split`.
TrainingData makeTrainingData(const Dataset& dataset, const TrainTestSplit& split,
                              HistoryWeighting weighting = HistoryWeighting::Sum);

// Per-user histories made of the rows in `parts` (distinct items ascending, weights summed over repeats
// and then weighted by `weighting`).
UserHistories collectHistories(const Dataset& dataset, const TrainTestSplit& split,
                               const std::vector<SplitPart>& parts,
                               HistoryWeighting weighting = HistoryWeighting::Sum);

}  // namespace reclens
