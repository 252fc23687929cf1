#pragma once
#include <cstdint>
#include <vector>

#include "model/trainablemodel.h"

namespace reclens {

// The history entries of a batch of users, flattened so that a model can pool them with one
// gather and one index_add: entry e belongs to batch user owner[e].
struct HistoryBatch {
  std::vector<std::int64_t> item;
  std::vector<float> weight;
  std::vector<std::int64_t> owner;
  std::vector<float> total;  // summed history weight per batch user
  // Per triplet (when positives were given): the batch user, and the weight the positive item has in
  // that user's history (0 when absent), so a model can leave the positive out of its own user vector.
  std::vector<std::int64_t> tripletOwner;
  std::vector<float> positiveWeight;
  std::vector<std::int64_t> users;  // batch users, distinct, in first-seen order
};

// Gathers the histories of `users` (duplicates allowed); `positives` may be null or one item per user.
HistoryBatch gatherHistories(const UserHistories& histories, const std::vector<std::int64_t>& users,
                             const std::vector<std::int64_t>* positives);

}  // namespace reclens
