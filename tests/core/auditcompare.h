#pragma once
// Field-by-field exact comparison of audit values for the audit tests: the name of the first field
// that differs, or an empty string when everything is equal (doubles compared with ==); and the
// recommendation logs the hand-worked audit tests are built from.
#include <string>
#include <vector>

#include "audit/audit.h"

namespace reclens::testing {

// A recommendation log of users 0..n-1 listing lists[u] in rank order (every score 1).
inline RecommendationLog logOfLists(const std::vector<std::vector<std::int32_t>>& lists) {
  RecommendationLog log;
  for (std::size_t u = 0; u < lists.size(); ++u) {
    log.users.push_back(static_cast<std::int32_t>(u));
    std::vector<Recommendation> list;
    for (const auto item : lists[u]) list.push_back({item, 1.0f, static_cast<int>(list.size()) + 1});
    log.lists.push_back(list);
  }
  return log;
}

// Equal, or both undefined (NaN).
inline bool same(double a, double b) {
  return a == b || (a != a && b != b);
}

inline std::string compareAccuracy(const AccuracyValues& a, const AccuracyValues& b, const std::string& at) {
  if (a.hit != b.hit) return at + ".hit";
  if (a.precision != b.precision) return at + ".precision";
  if (a.recall != b.recall) return at + ".recall";
  if (a.mrr != b.mrr) return at + ".mrr";
  if (a.map != b.map) return at + ".map";
  if (a.ndcg != b.ndcg) return at + ".ndcg";
  return {};
}

inline std::string compareConfig(const AuditConfig& a, const AuditConfig& b) {
  if (a.k != b.k || a.userAttributes != b.userAttributes || a.itemGroupings != b.itemGroupings ||
      a.flipAttributes != b.flipAttributes || a.intersections != b.intersections ||
      a.numericBins != b.numericBins || a.tailRatio != b.tailRatio ||
      a.bootstrapSamples != b.bootstrapSamples || a.permutations != b.permutations || a.seed != b.seed ||
      a.batchSize != b.batchSize || a.shardIndex != b.shardIndex || a.shardCount != b.shardCount ||
      describeReRank(a.rerank) != describeReRank(b.rerank))
    return "config";
  return {};
}

inline std::string compareRecord(const AuditUserRecord& a, const AuditUserRecord& b, const std::string& at) {
  if (a.user != b.user) return at + ".user";
  if (a.hasTest != b.hasTest) return at + ".hasTest";
  if (a.listLength != b.listLength) return at + ".listLength";
  if (auto d = compareAccuracy(a.accuracy, b.accuracy, at + ".accuracy"); !d.empty()) return d;
  if (a.averagePopularity != b.averagePopularity) return at + ".averagePopularity";
  if (a.longTailShare != b.longTailShare) return at + ".longTailShare";
  if (a.tailPercentage != b.tailPercentage) return at + ".tailPercentage";
  if (a.novelty != b.novelty) return at + ".novelty";
  if (a.intraListDiversity != b.intraListDiversity) return at + ".intraListDiversity";
  if (a.miscalibration != b.miscalibration) return at + ".miscalibration";
  if (a.historyPopularity != b.historyPopularity) return at + ".historyPopularity";
  if (a.historyPopularShare != b.historyPopularShare) return at + ".historyPopularShare";
  if (a.historyLength != b.historyLength) return at + ".historyLength";
  if (a.items != b.items) return at + ".items";
  if (a.groupCodes != b.groupCodes) return at + ".groupCodes";
  if (a.flipped != b.flipped) return at + ".flipped";
  if (a.flipJaccard != b.flipJaccard) return at + ".flipJaccard";
  return {};
}

inline std::string comparePartial(const AuditPartial& a, const AuditPartial& b) {
  if (auto d = compareConfig(a.config, b.config); !d.empty()) return "partial." + d;
  if (a.source != b.source) return "partial.source";
  if (a.modelSha256 != b.modelSha256) return "partial.modelSha256";
  if (a.dataFingerprint != b.dataFingerprint) return "partial.dataFingerprint";
  if (a.numItems != b.numItems) return "partial.numItems";
  if (a.numUsers != b.numUsers) return "partial.numUsers";
  if (a.userAttributes != b.userAttributes) return "partial.userAttributes";
  if (a.userAttributeValues != b.userAttributeValues) return "partial.userAttributeValues";
  if (a.flipAttributes != b.flipAttributes) return "partial.flipAttributes";
  if (a.users.size() != b.users.size()) return "partial.users.size";
  for (std::size_t j = 0; j < a.users.size(); ++j) {
    if (auto d = compareRecord(a.users[j], b.users[j], "partial.users[" + std::to_string(j) + "]");
        !d.empty())
      return d;
  }
  if (a.exposureCount != b.exposureCount) return "partial.exposureCount";
  if (a.exposureWeight != b.exposureWeight) return "partial.exposureWeight";
  if (a.shards != b.shards) return "partial.shards";
  return {};
}

inline std::string compareResult(const AuditResult& a, const AuditResult& b) {
  if (auto d = comparePartial(a.partial, b.partial); !d.empty()) return d;
  if (a.evaluatedUsers != b.evaluatedUsers) return "evaluatedUsers";
  if (auto d = compareAccuracy(a.accuracy, b.accuracy, "accuracy"); !d.empty()) return d;
  if (a.itemCoverage != b.itemCoverage) return "itemCoverage";
  if (a.gini != b.gini) return "gini";
  if (a.averagePopularity != b.averagePopularity) return "averagePopularity";
  if (a.aplt != b.aplt) return "aplt";
  if (a.tailPercentage != b.tailPercentage) return "tailPercentage";
  if (a.novelty != b.novelty) return "novelty";
  if (a.intraListDiversity != b.intraListDiversity) return "intraListDiversity";
  if (a.exposureEntropyBits != b.exposureEntropyBits) return "exposureEntropyBits";
  if (!same(a.miscalibration, b.miscalibration)) return "miscalibration";
  if (!same(a.popularityRankCorrelation, b.popularityRankCorrelation)) return "popularityRankCorrelation";
  if (a.popularityLift.size() != b.popularityLift.size()) return "popularityLift.size";
  for (std::size_t i = 0; i < a.popularityLift.size(); ++i) {
    const auto& x = a.popularityLift[i];
    const auto& y = b.popularityLift[i];
    if (x.group != y.group || x.users != y.users || !same(x.minShare, y.minShare) ||
        !same(x.maxShare, y.maxShare) || !same(x.profilePopularity, y.profilePopularity) ||
        !same(x.listPopularity, y.listPopularity) || !same(x.deltaGap, y.deltaGap))
      return "popularityLift[" + x.group + "]";
  }
  if (a.fairness.size() != b.fairness.size()) return "fairness.size";
  for (std::size_t i = 0; i < a.fairness.size(); ++i) {
    const auto& x = a.fairness[i];
    const auto& y = b.fairness[i];
    const auto at = "fairness[" + x.attribute + "]";
    if (x.attribute != y.attribute || x.kind != y.kind || x.metrics.size() != y.metrics.size()) return at;
    if (x.coverage.size() != y.coverage.size()) return at + ".coverage.size";
    for (std::size_t c = 0; c < x.coverage.size(); ++c) {
      const auto& s = x.coverage[c];
      const auto& t = y.coverage[c];
      if (s.group != t.group || s.users != t.users || s.items != t.items || !same(s.coverage, t.coverage))
        return at + ".coverage[" + s.group + "]";
    }
    for (std::size_t m = 0; m < x.metrics.size(); ++m) {
      const auto& p = x.metrics[m];
      const auto& q = y.metrics[m];
      const auto mat = at + "." + p.metric;
      if (p.metric != q.metric || p.groups.size() != q.groups.size()) return mat;
      if (p.maxMinGap != q.maxMinGap) return mat + ".maxMinGap";
      if (p.meanAbsPairwiseGap != q.meanAbsPairwiseGap) return mat + ".meanAbsPairwiseGap";
      if (p.pValue != q.pValue) return mat + ".pValue";
      if (!same(p.pAdjusted, q.pAdjusted)) return mat + ".pAdjusted";
      if (p.highGroup != q.highGroup || p.lowGroup != q.lowGroup) return mat + ".highLowGroup";
      if (!same(p.gapCiLow, q.gapCiLow) || !same(p.gapCiHigh, q.gapCiHigh)) return mat + ".gapCi";
      if (!same(p.effectSize, q.effectSize)) return mat + ".effectSize";
      for (std::size_t g = 0; g < p.groups.size(); ++g) {
        const auto& s = p.groups[g];
        const auto& t = q.groups[g];
        if (s.group != t.group || s.users != t.users || s.mean != t.mean || s.ciLow != t.ciLow ||
            s.ciHigh != t.ciHigh)
          return mat + ".groups[" + s.group + "]";
      }
    }
  }
  if (a.itemGroups.size() != b.itemGroups.size()) return "itemGroups.size";
  for (std::size_t i = 0; i < a.itemGroups.size(); ++i) {
    const auto& x = a.itemGroups[i];
    const auto& y = b.itemGroups[i];
    if (x.name != y.name || x.groups.size() != y.groups.size() || !same(x.rsp, y.rsp) || !same(x.reo, y.reo))
      return "itemGroups[" + x.name + "]";
    for (std::size_t g = 0; g < x.groups.size(); ++g) {
      const auto& s = x.groups[g];
      const auto& t = y.groups[g];
      if (s.group != t.group || s.items != t.items || s.exposureShare != t.exposureShare ||
          s.catalogShare != t.catalogShare || s.interactionShare != t.interactionShare ||
          s.meanExposure != t.meanExposure || !same(s.meritShare, t.meritShare) ||
          !same(s.exposurePerMerit, t.exposurePerMerit) ||
          !same(s.recommendationRate, t.recommendationRate) || !same(s.hitRate, t.hitRate))
        return "itemGroups[" + x.name + "][" + s.group + "]";
    }
  }
  if (a.flips.size() != b.flips.size()) return "flips.size";
  for (std::size_t i = 0; i < a.flips.size(); ++i) {
    const auto& x = a.flips[i];
    const auto& y = b.flips[i];
    if (x.attribute != y.attribute || x.users != y.users || x.rate != y.rate ||
        x.meanJaccard != y.meanJaccard)
      return "flips[" + x.attribute + "]";
  }
  return {};
}

}  // namespace reclens::testing
