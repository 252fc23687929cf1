#pragma once
#include <vector>

#include "model/datasplit.h"
#include "model/historyweight.h"
#include "model/trainablemodel.h"

namespace reclens {

// Builds the plain training input of the built-in models from the train part of `split`.
// `timeOrder`: histories oldest first (see collectHistories), for sequential models.
TrainingData makeTrainingData(const Dataset& dataset, const TrainTestSplit& split,
                              HistoryWeighting weighting = HistoryWeighting::Sum, bool timeOrder = false);

// Per-user histories made of the rows in `parts` (distinct items, weights summed over repeats and then
// weighted by `weighting`): items ascending, or with `timeOrder` by their first row in time (timestamp,
// then row order), oldest first, as UserProfileBuilder orders the profiles RecLens scores.
UserHistories collectHistories(const Dataset& dataset, const TrainTestSplit& split,
                               const std::vector<SplitPart>& parts,
                               HistoryWeighting weighting = HistoryWeighting::Sum, bool timeOrder = false);

}  // namespace reclens
