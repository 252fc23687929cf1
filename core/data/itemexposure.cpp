#include "data/itemexposure.h"

#include <algorithm>
#include <utility>

namespace reclens {

namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kWeek = 7 * kDay;
// 1970-01-05 was the first Monday after the epoch.
constexpr std::int64_t kFirstMonday = 4 * kDay;
// Periods of a series are capped so that a stray timestamp cannot ask for millions of points.
constexpr std::size_t kMaxPoints = 20000;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  const auto q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Days since 1970-01-01 <-> civil date (H. Hinnant's algorithms, proleptic Gregorian).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = floorDiv(y, 400);
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::pair<std::int64_t, unsigned> yearMonthFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = floorDiv(z, 146097);
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  return {y, m};
}

}  // namespace

std::int64_t bucketStart(std::int64_t t, TimeBucket bucket) {
  if (bucket == TimeBucket::Week) return floorDiv(t - kFirstMonday, kWeek) * kWeek + kFirstMonday;
  const auto [y, m] = yearMonthFromDays(floorDiv(t, kDay));
  return daysFromCivil(y, m, 1) * kDay;
}

std::int64_t nextBucketStart(std::int64_t start, TimeBucket bucket) {
  if (bucket == TimeBucket::Week) return start + kWeek;
  const auto [y, m] = yearMonthFromDays(floorDiv(start, kDay));
  return m == 12 ? daysFromCivil(y + 1, 1, 1) * kDay : daysFromCivil(y, m + 1, 1) * kDay;
}

Result<ItemExposure> itemExposureOverTime(const InteractionLog& log, TimeUnit unit, std::int32_t item,
                                          TimeBucket bucket) {
  if (unit == TimeUnit::Sequence) {
    return makeError(
        ErrorCode::InvalidArgument,
        "the project's timestamps are only an order per user, so there is no calendar to count by");
  }
  ItemExposure exposure;
  exposure.item = item;
  exposure.bucket = bucket;
  if (log.size() == 0) return exposure;
  const auto [lo, hi] = std::minmax_element(log.ts.begin(), log.ts.end());
  const std::int64_t first = bucketStart(*lo, bucket);
  std::vector<std::int64_t> starts;
  for (std::int64_t s = first; s <= *hi; s = nextBucketStart(s, bucket)) {
    if (starts.size() == kMaxPoints) {
      return makeError(ErrorCode::InvalidArgument, "the log spans more than " + std::to_string(kMaxPoints) +
                                                       " periods; choose a longer one");
    }
    starts.push_back(s);
  }
  // (period, user) of every row of the item; distinct users per period after sorting.
  std::vector<std::pair<std::size_t, std::int32_t>> rows;
  for (std::size_t r = 0; r < log.size(); ++r) {
    if (log.item[r] != item) continue;
    const auto at = std::upper_bound(starts.begin(), starts.end(), log.ts[r]) - starts.begin() - 1;
    rows.emplace_back(static_cast<std::size_t>(at), log.user[r]);
  }
  std::sort(rows.begin(), rows.end());
  exposure.points.resize(starts.size());
  for (std::size_t p = 0; p < starts.size(); ++p) exposure.points[p].start = starts[p];
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto& point = exposure.points[rows[r].first];
    ++point.interactions;
    if (r == 0 || rows[r] != rows[r - 1]) ++point.users;
  }
  return exposure;
}

}  // namespace reclens
