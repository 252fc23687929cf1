#pragma once
#include <cstdint>
#include <vector>

#include "data/dataset.h"
#include "engine/userprofile.h"
#include "engine/whatif.h"

namespace reclens {

// One interaction of one user, for timelines and replays of the history.
struct HistoryEvent {
  std::int64_t ts = 0;
  std::int32_t item = -1;  // catalog row
  float weight = 1.0f;     // as profiles count it: a NaN or infinite weight counts as 1
};

// The interactions of dataset user row `user`, oldest first (equal times in log order); none for a
// user row outside the log.
std::vector<HistoryEvent> userHistoryEvents(const Dataset& dataset, std::int32_t user);

// The distinct times of `events` in increasing order: the steps of a replay.
std::vector<std::int64_t> replaySteps(const std::vector<HistoryEvent>& events);

// `full` (the profile of the user whose `events` these are) as it stood at time `cutoff`: only the
// items with an event at or before it, in the order of `full`, each weighted by the sum of those
// events; field codes unchanged. A cutoff at or after the last event gives `full` itself.
UserProfile profileAsOf(const UserProfile& full, const std::vector<HistoryEvent>& events,
                        std::int64_t cutoff);

// The edits of `edits`, in order, that can apply to `base` one after the other: removals and
// re-weights of items not in the history at that point and additions of items already in it are left
// out (a replayed history may not hold them yet); field edits always stay.
std::vector<WhatIfEdit> applicableEdits(const UserProfile& base, const std::vector<WhatIfEdit>& edits);

}  // namespace reclens
