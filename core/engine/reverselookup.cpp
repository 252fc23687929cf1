#include "engine/reverselookup.h"

#include <algorithm>
#include <string>

namespace reclens {

Result<ReverseLookupResult> reverseLookup(ScoringEngine& engine, std::size_t users,
                                          const std::function<UserProfile(std::size_t)>& profileOf,
                                          std::int32_t item, int k, bool excludeSeen,
                                          const TaskControl& control, int batchSize) {
  if (item < 0 || static_cast<std::size_t>(item) >= engine.numItems()) {
    return makeError(ErrorCode::NotFound, "item row " + std::to_string(item) + " is outside the catalog of " +
                                              std::to_string(engine.numItems()) + " items");
  }
  if (k <= 0) return makeError(ErrorCode::InvalidArgument, "k must be at least 1");
  ReverseLookupResult result;
  result.item = item;
  result.k = k;
  result.rankCounts.assign(static_cast<std::size_t>(k), 0);
  // The profile is built once per user: recommendAll asks for it, and the history test reads it.
  const auto profileWithCount = [&](std::size_t u) {
    auto profile = profileOf(u);
    if (std::find(profile.items.begin(), profile.items.end(), item) != profile.items.end())
      ++result.usersWithItemInHistory;
    return profile;
  };
  const auto sink = [&](std::size_t u, const std::vector<Recommendation>& list) {
    ++result.usersScored;
    for (const auto& r : list) {
      if (r.item != item) continue;
      result.users.push_back({static_cast<std::int32_t>(u), r.rank, r.score});
      ++result.rankCounts[static_cast<std::size_t>(r.rank - 1)];
      break;
    }
  };
  TaskControl scoring = control;
  scoring.progress = [&control](double fraction, std::string_view) {
    control.report(fraction, "finding the users who get the item");
  };
  if (auto st = engine.recommendAll(users, profileWithCount, k, excludeSeen, batchSize, sink, scoring); !st)
    return st.error();
  std::stable_sort(result.users.begin(), result.users.end(),
                   [](const ReverseLookupHit& a, const ReverseLookupHit& b) { return a.rank < b.rank; });
  return result;
}

}  // namespace reclens
