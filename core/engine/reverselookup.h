#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "engine/scoringengine.h"
#include "engine/userprofile.h"

namespace reclens {

// A user whose top-K holds the looked-up item.
struct ReverseLookupHit {
  std::int32_t user = -1;  // dataset user row
  int rank = 0;            // 1-based rank of the item in the user's list
  float score = 0.0f;      // the model's score of the item for the user
};

// "Who gets this item recommended": every user whose top-K contains the item.
struct ReverseLookupResult {
  std::int32_t item = -1;
  int k = 0;
  std::size_t usersScored = 0;
  std::size_t usersWithItemInHistory = 0;  // left out of their own lists when seen items are excluded
  std::vector<ReverseLookupHit> users;     // by rank, then by user row
  // Number of those users per rank: rankCounts[r - 1] users have the item at rank r (size k).
  std::vector<std::int64_t> rankCounts;
};

// Scores users 0..users-1 (profileOf(u) gives each profile) with engine.recommendAll (one matrix product
// per batch, exactly recommend() without re-ranking) and keeps the users whose top-`k` holds catalog row
// `item`. Reports progress through `control`; a cancelled control gives ErrorCode::Cancelled.
Result<ReverseLookupResult> reverseLookup(ScoringEngine& engine, std::size_t users,
                                          const std::function<UserProfile(std::size_t)>& profileOf,
                                          std::int32_t item, int k, bool excludeSeen,
                                          const TaskControl& control = {}, int batchSize = 256);

}  // namespace reclens
