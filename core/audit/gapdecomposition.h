#pragma once
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "common/result.h"
#include "data/dataset.h"
#include "model/datasplit.h"

namespace reclens {

// Why a group gap (docs/metrics.md, "Why a group gap"): the gap between two user groups' means of one
// per-user metric, split over the groups of an item grouping (category, brand, tier, ...) by the items
// that earn each user's value. Accuracy (NDCG, recall, HR) is earned by the held-out items the list
// hits: NDCG and recall add up over hits, so each hit carries its own term; HR, 1 for any hit, is
// shared equally among the hits. The list metrics (ARP, APLT, tail %) are means over the listed items,
// so each listed item carries its term. An item in several groups (a set-valued attribute) shares its
// credit equally among them. A group's part is its users' credits summed per item group and divided by
// the group's users with a held-out item (the users the fairness means average over), so the parts add
// up to the group mean and the differences to the gap.

struct GapPart {
  std::string itemGroup;  // "(none)" for items outside every group of the grouping
  double high = 0.0;      // the high group's mean credit from items of this group
  double low = 0.0;
  double difference = 0.0;                                       // high − low
  double shareOfGap = std::numeric_limits<double>::quiet_NaN();  // difference / gap; NaN when the gap is 0
};

struct GapDecomposition {
  std::string attribute;     // the user grouping (an attribute, binned attribute, intersection, ...)
  std::string metric;        // a decomposableGapMetrics() name
  std::string itemGrouping;  // "tier" or a catalog attribute
  std::string highGroup;
  std::string lowGroup;
  std::size_t highUsers = 0;  // users with a held-out item in each group
  std::size_t lowUsers = 0;
  double highMean = 0.0;
  double lowMean = 0.0;
  double gap = 0.0;            // highMean − lowMean
  std::vector<GapPart> parts;  // largest |difference| first
};

// The metrics a gap can be decomposed for: ndcg, recall, hit, average_popularity, aplt, tail_percentage.
const std::vector<std::string>& decomposableGapMetrics();

// Decomposes the gap of `metric` between two groups of user grouping `attribute` of a finished audit
// (its per-user records are needed: a run straight from an audit, or a saved run) over `itemGrouping`.
// `highGroup`/`lowGroup` default to the groups with the largest and smallest mean in the audit's
// fairness table. InvalidArgument names an unknown grouping, metric or group, or a run without records.
Result<GapDecomposition> decomposeGap(const AuditResult& result, const Dataset& dataset,
                                      const TrainTestSplit& split, const std::string& attribute,
                                      const std::string& metric, const std::string& itemGrouping,
                                      const std::string& highGroup = {}, const std::string& lowGroup = {});

}  // namespace reclens
