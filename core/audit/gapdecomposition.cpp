#include "audit/gapdecomposition.h"

#include <algorithm>
#include <cmath>

#include "audit/accuracymetrics.h"
#include "audit/auditgroupings.h"
#include "audit/auditinternal.h"
#include "audit/exposure.h"

namespace reclens {

namespace {

bool isAccuracy(const std::string& metric) {
  return metric == "ndcg" || metric == "recall" || metric == "hit";
}

// Each item's groups under the grouping (empty: none).
std::vector<std::vector<std::int32_t>> membership(const ItemGroupCodes& codes) {
  std::vector<std::vector<std::int32_t>> groups(codes.first.size());
  for (std::size_t i = 0; i < codes.first.size(); ++i) {
    if (codes.first[i] >= 0) groups[i].push_back(codes.first[i]);
  }
  for (const auto& [row, group] : codes.extra) groups[row].push_back(group);
  return groups;
}

}  // namespace

const std::vector<std::string>& decomposableGapMetrics() {
  static const std::vector<std::string> kMetrics = {"ndcg", "recall",         "hit", "average_popularity",
                                                    "aplt", "tail_percentage"};
  return kMetrics;
}

Result<GapDecomposition> decomposeGap(const AuditResult& result, const Dataset& dataset,
                                      const TrainTestSplit& split, const std::string& attribute,
                                      const std::string& metric, const std::string& itemGrouping,
                                      const std::string& highGroup, const std::string& lowGroup) {
  const auto bad = [](const std::string& what) { return makeError(ErrorCode::InvalidArgument, what); };
  const auto& metrics = decomposableGapMetrics();
  if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end())
    return bad("a gap of '" + metric +
               "' cannot be decomposed (ndcg, recall, hit, average_popularity, aplt or "
               "tail_percentage can)");
  const auto& partial = result.partial;
  if (partial.users.empty()) return bad("the audit holds no per-user records to decompose a gap with");
  const auto fairness = std::find_if(result.fairness.begin(), result.fairness.end(),
                                     [&](const AttributeFairness& a) { return a.attribute == attribute; });
  if (fairness == result.fairness.end()) return bad("the audit has no user grouping '" + attribute + "'");
  const auto stats = std::find_if(fairness->metrics.begin(), fairness->metrics.end(),
                                  [&](const MetricFairness& m) { return m.metric == metric; });
  if (stats == fairness->metrics.end()) return bad("the audit has no '" + metric + "' by " + attribute);
  auto groupings = audit_detail::resolveItemGroupings(dataset, {itemGrouping});
  if (!groupings) return groupings.error();

  GapDecomposition out;
  out.attribute = attribute;
  out.metric = metric;
  out.itemGrouping = itemGrouping;
  out.highGroup = highGroup.empty() ? stats->highGroup : highGroup;
  out.lowGroup = lowGroup.empty() ? stats->lowGroup : lowGroup;
  const auto users = audit_detail::userGroupings(partial, audit_detail::recordProfiles(partial));
  const auto grouping = std::find_if(
      users.begin(), users.end(), [&](const audit_detail::UserGrouping& g) { return g.name == attribute; });
  if (grouping == users.end()) return bad("the audit has no user grouping '" + attribute + "'");
  const auto codeOf = [&](const std::string& name) {
    const auto it = std::find(grouping->groups.begin(), grouping->groups.end(), name);
    return it == grouping->groups.end() ? -1 : static_cast<int>(it - grouping->groups.begin());
  };
  const int high = codeOf(out.highGroup);
  const int low = codeOf(out.lowGroup);
  if (high < 0 || low < 0)
    return bad("'" + attribute + "' has no group '" + (high < 0 ? out.highGroup : out.lowGroup) + "'");

  const auto context = audit_detail::makeContext(dataset, split, partial);
  ItemGroupCodes codes;
  std::vector<std::string> names;
  audit_detail::itemGroupCodes(dataset, itemGrouping, context.trainCounts, codes, names);
  const auto groupsOf = membership(codes);
  const std::size_t none = names.size();  // the "(none)" part
  std::vector<double> credit[2] = {std::vector<double>(none + 1, 0.0), std::vector<double>(none + 1, 0.0)};
  std::size_t counted[2] = {0, 0};
  const auto give = [&](int side, std::int32_t item, double value) {
    const auto& g = groupsOf[static_cast<std::size_t>(item)];
    if (g.empty()) {
      credit[side][none] += value;
      return;
    }
    for (const auto code : g) credit[side][static_cast<std::size_t>(code)] += value / double(g.size());
  };
  const int k = partial.config.k;
  std::vector<std::uint8_t> flags, one;
  for (std::size_t r = 0; r < partial.users.size(); ++r) {
    const auto& record = partial.users[r];
    const int code = grouping->codes[r];
    if (!record.hasTest || (code != high && code != low)) continue;
    const int side = code == high ? 0 : 1;
    ++counted[side];
    const auto length = record.items.size();
    if (isAccuracy(metric)) {
      const auto& test = split.test[static_cast<std::size_t>(record.user)];
      flags.assign(length, 0);
      std::size_t hits = 0;
      for (std::size_t j = 0; j < length; ++j) {
        flags[j] = std::binary_search(test.begin(), test.end(), record.items[j]) ? 1 : 0;
        hits += flags[j];
      }
      for (std::size_t j = 0; j < length; ++j) {
        if (flags[j] == 0) continue;
        double value = 1.0 / double(hits);  // HR: shared among the hits
        if (metric != "hit") {
          one.assign(length, 0);
          one[j] = 1;
          const auto alone = userAccuracy(one, test.size(), k);
          value = metric == "ndcg" ? alone.ndcg : alone.recall;
        }
        give(side, record.items[j], value);
      }
      continue;
    }
    for (const auto item : record.items) {
      const auto i = static_cast<std::size_t>(item);
      double value = 0.0;
      if (metric == "average_popularity") value = double(context.trainCounts[i]);
      if (metric == "aplt") value = context.longTail[i] != 0 ? 1.0 : 0.0;
      if (metric == "tail_percentage") value = context.tail[i] != 0 ? 1.0 : 0.0;
      give(side, item, value / double(length));
    }
  }
  out.highUsers = counted[0];
  out.lowUsers = counted[1];
  for (std::size_t g = 0; g <= none; ++g) {
    GapPart part;
    part.itemGroup = g < none ? names[g] : std::string("(none)");
    part.high = counted[0] > 0 ? credit[0][g] / double(counted[0]) : 0.0;
    part.low = counted[1] > 0 ? credit[1][g] / double(counted[1]) : 0.0;
    part.difference = part.high - part.low;
    out.highMean += part.high;
    out.lowMean += part.low;
    if (part.high != 0.0 || part.low != 0.0) out.parts.push_back(part);
  }
  out.gap = out.highMean - out.lowMean;
  for (auto& part : out.parts) {
    if (out.gap != 0.0) part.shareOfGap = part.difference / out.gap;
  }
  std::stable_sort(out.parts.begin(), out.parts.end(), [](const GapPart& a, const GapPart& b) {
    return std::abs(a.difference) > std::abs(b.difference);
  });
  return out;
}

}  // namespace reclens
