#include "audit/auditjson.h"

#include "audit/auditjsonutil.h"

namespace reclens {

using namespace auditjson;

namespace {

Out doubles(const std::vector<double>& values) {
  Out a = Out::array();
  for (const double v : values) a.push_back(number(v));
  return a;
}

Out accuracyJson(const AccuracyValues& v) {
  return {{"hit", number(v.hit)},       {"precision", number(v.precision)},
          {"recall", number(v.recall)}, {"mrr", number(v.mrr)},
          {"map", number(v.map)},       {"ndcg", number(v.ndcg)}};
}

Out configJson(const AuditConfig& c) {
  return {{"k", c.k},
          {"user_attributes", c.userAttributes},
          {"item_groupings", c.itemGroupings},
          {"flip_attributes", c.flipAttributes},
          {"intersections", c.intersections},
          {"numeric_bins", c.numericBins},
          {"tail_ratio", number(c.tailRatio)},
          {"bootstrap_samples", c.bootstrapSamples},
          {"permutations", c.permutations},
          {"seed", c.seed},
          {"batch_size", c.batchSize},
          {"shard_index", c.shardIndex},
          {"shard_count", c.shardCount},
          {"rerank",
           {{"pop_penalty", number(c.rerank.popularityPenalty)},
            {"mmr", number(c.rerank.diversity)},
            {"category_cap", c.rerank.categoryCap},
            {"calibration", number(c.rerank.calibration)},
            {"provider_fairness", number(c.rerank.providerFairness)},
            {"provider_field", c.rerank.providerField},
            {"provider_target", c.rerank.providerTarget == ProviderTarget::Equal ? "equal" : "catalog"},
            {"user_aware_penalty", number(c.rerank.userAwarePenalty)},
            {"candidates", c.rerank.candidates}}}};
}

Out provenanceJson(const AuditProvenance& p) {
  return {{"project", p.project},
          {"dataset", p.datasetName},
          {"model_name", p.modelName},
          {"model_path", p.modelPath},
          {"model_kind", p.modelKind},
          {"log_path", p.logPath},
          {"log_sha256", p.logSha256},
          {"split", p.split},
          {"split_spec", p.splitSpec},
          {"holdout_per_user", p.holdoutPerUser},
          {"validation_per_user", p.validationPerUser},
          {"relevance_path", p.relevancePath},
          {"relevance_sha256", p.relevanceSha256},
          {"device", p.device},
          {"reclens_version", p.recLensVersion},
          {"library_versions", p.libraryVersions},
          {"metric_definitions_version", p.metricDefinitionsVersion},
          {"created", p.created},
          {"created_utc", p.createdUtc}};
}

// Per-user records in columns (one array per value), nested arrays for the per-attribute values.
Out usersJson(const std::vector<AuditUserRecord>& users) {
  Out user = Out::array(), hasTest = Out::array(), listLength = Out::array(), groups = Out::array(),
      flipped = Out::array(), jaccard = Out::array(), historyLength = Out::array(), items = Out::array();
  std::vector<double> cols[kUserColumnCount];
  for (const auto& r : users) {
    user.push_back(r.user);
    hasTest.push_back(r.hasTest ? 1 : 0);
    listLength.push_back(r.listLength);
    historyLength.push_back(r.historyLength);
    const double values[kUserColumnCount] = {
        r.accuracy.hit,       r.accuracy.precision, r.accuracy.recall,   r.accuracy.mrr,       r.accuracy.map,
        r.accuracy.ndcg,      r.averagePopularity,  r.longTailShare,     r.tailPercentage,     r.novelty,
        r.intraListDiversity, r.miscalibration,     r.historyPopularity, r.historyPopularShare};
    for (int c = 0; c < kUserColumnCount; ++c) cols[c].push_back(values[c]);
    groups.push_back(r.groupCodes);
    flipped.push_back(r.flipped);
    jaccard.push_back(doubles(r.flipJaccard));
    items.push_back(r.items);
  }
  Out j = {
      {"user", user}, {"has_test", hasTest}, {"list_length", listLength}, {"history_length", historyLength}};
  for (int c = 0; c < kUserColumnCount; ++c) j[kUserColumns[c]] = doubles(cols[c]);
  j["items"] = items;
  j["group_codes"] = groups;
  j["flipped"] = flipped;
  j["flip_jaccard"] = jaccard;
  return j;
}

// The partial without its configuration (written beside it); `detail` decides the bulky parts.
Out partialJson(const AuditPartial& p, AuditJsonDetail detail) {
  Out j = {{"source", p.source},
           {"model_sha256", p.modelSha256},
           {"data_fingerprint", p.dataFingerprint},
           {"num_items", p.numItems},
           {"num_users", p.numUsers},
           {"user_attributes", p.userAttributes},
           {"user_attribute_values", p.userAttributeValues},
           {"flip_attributes", p.flipAttributes},
           {"shards", p.shards}};
  if (detail != AuditJsonDetail::Statistics) {
    j["exposure_count"] = p.exposureCount;
    j["exposure_weight"] = doubles(p.exposureWeight);
  }
  if (detail == AuditJsonDetail::Full) j["users"] = usersJson(p.users);
  return j;
}

Out metricsJson(const AuditResult& r) {
  Out fairness = Out::array();
  for (const auto& a : r.fairness) {
    Out metrics = Out::array();
    for (const auto& m : a.metrics) {
      Out groups = Out::array();
      for (const auto& g : m.groups) {
        groups.push_back({{"group", g.group},
                          {"users", g.users},
                          {"mean", number(g.mean)},
                          {"ci_low", number(g.ciLow)},
                          {"ci_high", number(g.ciHigh)}});
      }
      metrics.push_back({{"metric", m.metric},
                         {"max_min_gap", number(m.maxMinGap)},
                         {"mean_abs_pairwise_gap", number(m.meanAbsPairwiseGap)},
                         {"p_value", number(m.pValue)},
                         {"p_adjusted", number(m.pAdjusted)},
                         {"high_group", m.highGroup},
                         {"low_group", m.lowGroup},
                         {"gap_ci_low", number(m.gapCiLow)},
                         {"gap_ci_high", number(m.gapCiHigh)},
                         {"effect_size", number(m.effectSize)},
                         {"groups", groups}});
    }
    Out coverage = Out::array();
    for (const auto& c : a.coverage) {
      coverage.push_back(
          {{"group", c.group}, {"users", c.users}, {"items", c.items}, {"coverage", number(c.coverage)}});
    }
    fairness.push_back(
        {{"attribute", a.attribute}, {"kind", a.kind}, {"metrics", metrics}, {"coverage", coverage}});
  }
  Out lift = Out::array();
  for (const auto& g : r.popularityLift) {
    lift.push_back({{"group", g.group},
                    {"users", g.users},
                    {"min_share", number(g.minShare)},
                    {"max_share", number(g.maxShare)},
                    {"profile_popularity", number(g.profilePopularity)},
                    {"list_popularity", number(g.listPopularity)},
                    {"delta_gap", number(g.deltaGap)}});
  }
  Out itemGroups = Out::array();
  for (const auto& grouping : r.itemGroups) {
    Out groups = Out::array();
    for (const auto& g : grouping.groups) {
      groups.push_back({{"group", g.group},
                        {"items", g.items},
                        {"exposure_share", number(g.exposureShare)},
                        {"catalog_share", number(g.catalogShare)},
                        {"interaction_share", number(g.interactionShare)},
                        {"mean_exposure", number(g.meanExposure)},
                        {"merit_share", number(g.meritShare)},
                        {"exposure_per_merit", number(g.exposurePerMerit)},
                        {"recommendation_rate", number(g.recommendationRate)},
                        {"hit_rate", number(g.hitRate)}});
    }
    itemGroups.push_back({{"name", grouping.name},
                          {"rsp", number(grouping.rsp)},
                          {"reo", number(grouping.reo)},
                          {"groups", groups}});
  }
  Out flips = Out::array();
  for (const auto& f : r.flips) {
    flips.push_back({{"attribute", f.attribute},
                     {"users", f.users},
                     {"rate", number(f.rate)},
                     {"mean_jaccard", number(f.meanJaccard)}});
  }
  return {{"evaluated_users", r.evaluatedUsers},
          {"accuracy", accuracyJson(r.accuracy)},
          {"item_coverage", number(r.itemCoverage)},
          {"gini", number(r.gini)},
          {"average_popularity", number(r.averagePopularity)},
          {"aplt", number(r.aplt)},
          {"tail_percentage", number(r.tailPercentage)},
          {"novelty", number(r.novelty)},
          {"intra_list_diversity", number(r.intraListDiversity)},
          {"exposure_entropy_bits", number(r.exposureEntropyBits)},
          {"miscalibration", number(r.miscalibration)},
          {"pru", number(r.popularityRankCorrelation)},
          {"popularity_lift", lift},
          {"fairness", fairness},
          {"item_groups", itemGroups},
          {"flips", flips}};
}

}  // namespace

std::string auditRunToJson(const AuditRun& run, AuditJsonDetail detail, int indent) {
  Out j = {{"format", kRunFormat},
           {"format_version", kFormatVersion},
           {"name", run.name},
           {"id", run.id},
           {"model_id", run.modelId},
           {"provenance", provenanceJson(run.provenance)},
           {"config", configJson(run.result.partial.config)},
           {"audited_users", auditedUserCount(run)},
           {"partial", partialJson(run.result.partial, detail)},
           {"metrics", metricsJson(run.result)}};
  return j.dump(indent);
}

std::string auditPartialToJson(const AuditPartial& partial, const AuditProvenance& provenance) {
  Out j = {{"format", kPartialFormat},
           {"format_version", kFormatVersion},
           {"provenance", provenanceJson(provenance)},
           {"config", configJson(partial.config)},
           {"partial", partialJson(partial, AuditJsonDetail::Full)}};
  return j.dump();
}

std::string auditMetricsJson(const AuditResult& result) {
  return metricsJson(result).dump();
}

std::string auditConfigJson(const AuditConfig& config) {
  return configJson(config).dump();
}

std::string auditProvenanceJson(const AuditProvenance& provenance) {
  return provenanceJson(provenance).dump();
}

AuditSummary auditSummary(const AuditRun& run) {
  const auto& result = run.result;
  AuditSummary s;
  s.users = auditedUserCount(run);
  s.evaluatedUsers = result.evaluatedUsers;
  s.accuracy = result.accuracy;
  s.itemCoverage = result.itemCoverage;
  s.gini = result.gini;
  s.aplt = result.aplt;
  return s;
}

std::string auditSummaryJson(const AuditSummary& s) {
  const Out j = {{"users", s.users},
                 {"evaluated_users", s.evaluatedUsers},
                 {"accuracy", accuracyJson(s.accuracy)},
                 {"item_coverage", number(s.itemCoverage)},
                 {"gini", number(s.gini)},
                 {"aplt", number(s.aplt)}};
  return j.dump();
}

}  // namespace reclens
