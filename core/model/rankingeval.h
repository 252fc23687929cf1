#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "model/trainablemodel.h"

namespace reclens {

// Mean NDCG@k (binary relevance, ideal DCG over min(|relevant|, k)) of `model` over `users`, scoring the
// full catalog from each user's `history`, never ranking the user's history items, relevant = `relevant`
// lists (ascending). Users with no relevant item are skipped; 0 when none is left. The item matrix is read
// once per call; progress goes to `control` after every chunk of users, and Cancelled ("training was
// cancelled": the trainer is its caller) is returned when it is cancelled.
Result<double> meanNdcg(TrainableModel& model, const std::vector<std::int64_t>& users,
                        const UserHistories& history, const std::vector<std::vector<std::int32_t>>& relevant,
                        int k, const std::string& device, const TaskControl& control = {});

// Scores [N] of `user` from `history`, as the trainer computes them (for the export check).
std::vector<float> trainerScores(TrainableModel& model, std::int64_t user, const UserHistories& history);

}  // namespace reclens
