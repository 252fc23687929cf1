// Item-side fairness of the finish step: exposure against merit and RSP / REO per item grouping.
#include <algorithm>
#include <limits>

#include "audit/auditgroupings.h"
#include "audit/auditinternal.h"
#include "audit/beyondaccuracy.h"

namespace reclens::audit_detail {

ItemTallies itemTallies(const AuditPartial& partial, const TrainTestSplit& split) {
  ItemTallies t;
  t.users = partial.users.size();
  t.relevant.assign(partial.numItems, 0.0);
  t.history.assign(partial.numItems, 0.0);
  t.hits.assign(partial.numItems, 0.0);
  std::vector<std::int32_t> history;
  const auto count = [&](std::int32_t item, std::vector<double>& into) {
    if (item >= 0 && static_cast<std::size_t>(item) < into.size())
      into[static_cast<std::size_t>(item)] += 1.0;
  };
  for (const auto& r : partial.users) {
    const auto u = static_cast<std::size_t>(r.user);
    historyItemsOf(split, u, history);
    for (const auto item : history) count(item, t.history);
    if (u >= split.test.size()) continue;
    const auto& test = split.test[u];
    for (const auto item : test) count(item, t.relevant);
    for (const auto item : r.items) {
      if (std::binary_search(test.begin(), test.end(), item)) count(item, t.hits);
    }
  }
  return t;
}

void itemGroupFairness(const AuditPartial& partial, const ItemTallies& tallies, const ItemGroupCodes& codes,
                       ItemGrouping& grouping) {
  const auto groups = grouping.groups.size();
  std::vector<double> listed(groups, 0.0), history(groups, 0.0), relevant(groups, 0.0), hits(groups, 0.0);
  double totalRelevant = 0.0;
  const auto add = [&](std::size_t i, std::int32_t g) {
    if (g < 0 || static_cast<std::size_t>(g) >= groups) return;
    const auto gi = static_cast<std::size_t>(g);
    listed[gi] += double(partial.exposureCount[i]);
    history[gi] += tallies.history[i];
    relevant[gi] += tallies.relevant[i];
    hits[gi] += tallies.hits[i];
  };
  for (std::size_t i = 0; i < codes.first.size() && i < partial.numItems; ++i) {
    totalRelevant += tallies.relevant[i];
    add(i, codes.first[i]);
  }
  for (const auto& [i, g] : codes.extra) {
    if (i < codes.first.size() && i < partial.numItems) add(i, g);
  }
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> rates, hitRates;
  for (std::size_t g = 0; g < groups; ++g) {
    auto& o = grouping.groups[g];
    // Every (audited user, item of the group) pair that the user's history does not hold could be listed.
    const double candidates = double(tallies.users) * double(o.items) - history[g];
    o.recommendationRate = candidates > 0.0 ? listed[g] / candidates : 0.0;
    if (candidates > 0.0) rates.push_back(o.recommendationRate);
    o.meritShare = totalRelevant > 0.0 ? relevant[g] / totalRelevant : 0.0;
    o.exposurePerMerit = o.meritShare > 0.0 ? o.exposureShare / o.meritShare : kNaN;
    o.hitRate = relevant[g] > 0.0 ? hits[g] / relevant[g] : kNaN;
    if (relevant[g] > 0.0) hitRates.push_back(o.hitRate);
  }
  grouping.rsp = relativeStd(rates);
  grouping.reo = relativeStd(hitRates);
}

}  // namespace reclens::audit_detail
