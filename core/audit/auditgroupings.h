#pragma once
// Internal to core/audit: the user groupings and the item-side fairness of the finish step.
#include <cstdint>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "audit/exposure.h"

namespace reclens::audit_detail {

// One way of splitting the audited users into groups; codes has one entry per partial.users record
// (-1: the user belongs to no group).
struct UserGrouping {
  std::string name;
  std::string kind;  // "attribute", "binned", "intersection", "popularity_profile"
  std::vector<std::string> groups;
  std::vector<std::int32_t> codes;
};

// Names of the popularity profiles, in profile code order.
inline const std::vector<std::string>& popularityProfileNames() {
  static const std::vector<std::string> kNames = {"niche", "diverse", "blockbuster"};
  return kNames;
}

// Cold-start groupings (docs/metrics.md, "Cold start"): users by distinct history items, items by their
// interactions before the test part and by launch time.
inline constexpr const char* kActivityGrouping = "activity";
inline constexpr const char* kInteractionsGrouping = "interactions";
inline constexpr const char* kLaunchGrouping = "launch";
// "cold (0)", "light (1-4)", "regular (5-19)", "heavy (20+)": the bands of historyBand (audit/evaluation.h).
const std::vector<std::string>& activityBandNames();
// Whether `name` is an item grouping RecLens derives ("tier", "interactions", "launch") rather than a catalog
// attribute (an attribute of the same name wins over the last two).
bool builtInItemGrouping(const Dataset& dataset, const std::string& name);

// The popularity profile code of every record (popularityProfiles over the users with a history).
std::vector<std::int32_t> recordProfiles(const AuditPartial& partial);

// Every user grouping of the audit, in order: each user attribute (binned into config.numericBins
// equal-frequency bins when all its values are numbers and it has more distinct values than that),
// each configured intersection, then the popularity profile, then the activity band.
std::vector<UserGrouping> userGroupings(const AuditPartial& partial,
                                        const std::vector<std::int32_t>& profiles);

// ΔGAP of each popularity profile (docs/metrics.md).
std::vector<PopularityLiftGroup> popularityLift(const AuditPartial& partial,
                                                const std::vector<std::int32_t>& profiles);

// Per catalog row, over the audited users: how many hold the item out (relevance, the merit of Singh
// & Joachims and REO's denominator), have it in their history (out of RSP's denominator), and have it
// both held out and listed (REO's numerator).
struct ItemTallies {
  std::size_t users = 0;  // audited users
  std::vector<double> relevant;
  std::vector<double> history;
  std::vector<double> hits;
};
ItemTallies itemTallies(const AuditPartial& partial, const TrainTestSplit& split);

// Merit share, exposure per merit, RSP's recommendation rate and REO's hit rate of every group of
// `grouping` (its exposure shares already filled in), and the grouping's RSP and REO; `codes` holds
// the groups of every catalog row.
void itemGroupFairness(const AuditPartial& partial, const ItemTallies& tallies, const ItemGroupCodes& codes,
                       ItemGrouping& grouping);

// Group codes and names of one item grouping ("tier", "interactions", "launch" or a catalog field) over
// the catalog. A set-valued
// attribute's groups are its members, and an item is in the group of each of its members.
void itemGroupCodes(const Dataset& dataset, const std::string& grouping,
                    const std::vector<std::int64_t>& trainCounts, ItemGroupCodes& codes,
                    std::vector<std::string>& names);

// PRU over the audited lists: −mean over lists of Spearman(train count, rank), lists whose counts are
// all equal or that hold fewer than two items left out; NaN when no list counts.
double popularityRankCorrelation(const AuditPartial& partial, const std::vector<std::int64_t>& trainCounts);

}  // namespace reclens::audit_detail
