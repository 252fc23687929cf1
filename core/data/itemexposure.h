#pragma once
#include <cstdint>
#include <vector>

#include "common/result.h"
#include "data/dataset.h"

namespace reclens {

// Calendar periods of an exposure series (UTC).
enum class TimeBucket {
  Week,   // Monday 00:00 to the next Monday
  Month,  // the first of the month 00:00 to the first of the next
};

// One period of an item's exposure.
struct ExposurePoint {
  std::int64_t start = 0;         // Unix seconds at which the period begins
  std::int64_t interactions = 0;  // the item's interaction rows in the period
  std::int64_t users = 0;         // distinct users among them
};

// An item's interactions per calendar period, over the whole log's time range.
struct ItemExposure {
  std::int32_t item = -1;
  TimeBucket bucket = TimeBucket::Week;
  std::vector<ExposurePoint> points;  // every period from the log's first to its last, zeros included
};

// Start (Unix seconds) of the period of `bucket` that holds time `t`.
std::int64_t bucketStart(std::int64_t t, TimeBucket bucket);
// Start of the period after the one starting at `start`.
std::int64_t nextBucketStart(std::int64_t start, TimeBucket bucket);

// Counts the interactions with catalog row `item` per period. Needs real times: a log whose times are
// only an order per user (TimeUnit::Sequence) gives ErrorCode::InvalidArgument. An empty log gives no
// points; an item without interactions gives all-zero points.
Result<ItemExposure> itemExposureOverTime(const InteractionLog& log, TimeUnit unit, std::int32_t item,
                                          TimeBucket bucket);

}  // namespace reclens
