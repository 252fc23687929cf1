// Reading the JSON forms of audits back (auditjson.h).
#include "audit/auditjson.h"
#include "audit/auditjsonutil.h"

#include <limits>

namespace reclens {

using namespace auditjson;

namespace {

AccuracyValues readAccuracy(const In& j, const std::string& where) {
  AccuracyValues v;
  v.hit = getDouble(j, "hit", where);
  v.precision = getDouble(j, "precision", where);
  v.recall = getDouble(j, "recall", where);
  v.mrr = getDouble(j, "mrr", where);
  v.map = getDouble(j, "map", where);
  v.ndcg = getDouble(j, "ndcg", where);
  return v;
}

AuditConfig readConfig(const In& j, const std::string& where) {
  AuditConfig c;
  c.k = getInteger<int>(j, "k", where);
  c.userAttributes = getStrings(j, "user_attributes", where);
  c.itemGroupings = getStrings(j, "item_groupings", where);
  c.flipAttributes = getStrings(j, "flip_attributes", where);
  if (j.contains("intersections")) {
    for (const auto& pair : getArray(j, "intersections", where)) {
      std::vector<std::string> names;
      for (const auto& v : pair) {
        if (!v.is_string())
          throw BadJson("\"" + where + ".intersections\" holds a value that is not a string");
        names.push_back(v.get<std::string>());
      }
      if (names.size() != 2)
        throw BadJson("\"" + where + ".intersections\" holds an entry that is not a pair");
      c.intersections.push_back(std::move(names));
    }
  }
  if (j.contains("numeric_bins")) c.numericBins = getInteger<int>(j, "numeric_bins", where);
  c.tailRatio = getDouble(j, "tail_ratio", where);
  c.bootstrapSamples = getInteger<int>(j, "bootstrap_samples", where);
  c.permutations = getInteger<int>(j, "permutations", where);
  c.seed = getInteger<std::uint64_t>(j, "seed", where);
  c.batchSize = getInteger<int>(j, "batch_size", where);
  c.shardIndex = getInteger<int>(j, "shard_index", where);
  c.shardCount = getInteger<int>(j, "shard_count", where);
  if (j.contains("rerank")) {  // runs saved before re-ranking could be audited have none: off
    const auto& r = field(j, "rerank", where);
    const auto at = where + ".rerank";
    c.rerank.popularityPenalty = getDouble(r, "pop_penalty", at);
    c.rerank.diversity = getDouble(r, "mmr", at);
    c.rerank.categoryCap = getInteger<int>(r, "category_cap", at);
    c.rerank.calibration = getDouble(r, "calibration", at);
    c.rerank.candidates = getInteger<int>(r, "candidates", at);
    if (r.contains("provider_fairness")) {  // runs saved before provider fairness have none: off
      c.rerank.providerFairness = getDouble(r, "provider_fairness", at);
      c.rerank.providerField = getString(r, "provider_field", at);
      const auto target = getString(r, "provider_target", at);
      if (target != "catalog" && target != "equal")
        throw BadJson("\"" + at + ".provider_target\" is \"" + target +
                      "\", expected \"catalog\" or \"equal\"");
      c.rerank.providerTarget = target == "equal" ? ProviderTarget::Equal : ProviderTarget::CatalogShare;
      c.rerank.userAwarePenalty = getDouble(r, "user_aware_penalty", at);
    }
  }
  return c;
}

AuditProvenance readProvenance(const In& j, const std::string& where) {
  AuditProvenance p;
  p.project = getString(j, "project", where);
  p.datasetName = getString(j, "dataset", where);
  p.modelName = getString(j, "model_name", where);
  p.modelPath = getString(j, "model_path", where);
  p.modelKind = getString(j, "model_kind", where);
  p.logPath = getString(j, "log_path", where);
  p.logSha256 = getString(j, "log_sha256", where);
  p.split = getString(j, "split", where);
  p.splitSpec = optionalString(j, "split_spec", where, "");  // runs before it: time:holdout_per_user
  p.holdoutPerUser = getInteger<int>(j, "holdout_per_user", where);
  p.validationPerUser = getInteger<int>(j, "validation_per_user", where);
  p.relevancePath = optionalString(j, "relevance_path", where, "");  // runs before explicit relevance: none
  p.relevanceSha256 = optionalString(j, "relevance_sha256", where, "");
  p.device = getString(j, "device", where);
  p.recLensVersion = getString(j, "reclens_version", where);
  p.libraryVersions = getString(j, "library_versions", where);
  p.metricDefinitionsVersion = getString(j, "metric_definitions_version", where);
  p.created = getInteger<std::int64_t>(j, "created", where);
  p.createdUtc = getString(j, "created_utc", where);
  return p;
}

std::vector<AuditUserRecord> readUsers(const In& j, const std::string& where) {
  const auto user = getIntegers<std::int32_t>(field(j, "user", where), where + ".user");
  const auto hasTest = getIntegers<int>(field(j, "has_test", where), where + ".has_test");
  const auto listLength = getIntegers<std::int32_t>(field(j, "list_length", where), where + ".list_length");
  const auto n = user.size();
  std::vector<double> cols[kUserColumnCount];
  for (int c = 0; c < kUserColumnCount; ++c) {
    if (c >= kUserColumnCount - kNewUserColumns && !j.contains(kUserColumns[c])) {
      cols[c].assign(n, 0.0);  // written before metric definitions version 2
      continue;
    }
    cols[c] = getDoubles(field(j, kUserColumns[c], where), where + "." + kUserColumns[c]);
  }
  const auto historyLength = j.contains("history_length")
                                 ? getIntegers<std::int32_t>(j["history_length"], where + ".history_length")
                                 : std::vector<std::int32_t>(n, 0);
  static const In kNoLists = In::array();
  const auto& items = j.contains("items") ? getArray(j, "items", where) : kNoLists;
  const auto& groups = getArray(j, "group_codes", where);
  const auto& flipped = getArray(j, "flipped", where);
  const auto& jaccard = getArray(j, "flip_jaccard", where);
  bool sizesAgree = hasTest.size() == n && listLength.size() == n && groups.size() == n &&
                    flipped.size() == n && jaccard.size() == n && historyLength.size() == n &&
                    (items.empty() || items.size() == n);
  for (const auto& col : cols) sizesAgree = sizesAgree && col.size() == n;
  if (!sizesAgree) throw BadJson("the columns of \"" + where + "\" differ in length");
  std::vector<AuditUserRecord> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto& r = out[i];
    r.user = user[i];
    r.hasTest = hasTest[i] != 0;
    r.listLength = listLength[i];
    r.accuracy = {cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i], cols[5][i]};
    r.averagePopularity = cols[6][i];
    r.longTailShare = cols[7][i];
    r.tailPercentage = cols[8][i];
    r.novelty = cols[9][i];
    r.intraListDiversity = cols[10][i];
    r.miscalibration = cols[11][i];
    r.historyPopularity = cols[12][i];
    r.historyPopularShare = cols[13][i];
    r.historyLength = historyLength[i];
    if (!items.empty()) r.items = getIntegers<std::int32_t>(items[i], where + ".items");
    r.groupCodes = getIntegers<std::int32_t>(groups[i], where + ".group_codes");
    r.flipped = getIntegers<std::uint8_t>(flipped[i], where + ".flipped");
    r.flipJaccard = getDoubles(jaccard[i], where + ".flip_jaccard");
  }
  return out;
}

AuditPartial readPartial(const In& j, const AuditConfig& config, const std::string& where) {
  AuditPartial p;
  p.config = config;
  p.source = getString(j, "source", where);
  p.modelSha256 = getString(j, "model_sha256", where);
  p.dataFingerprint = getString(j, "data_fingerprint", where);
  p.numItems = getInteger<std::size_t>(j, "num_items", where);
  p.numUsers = getInteger<std::size_t>(j, "num_users", where);
  p.userAttributes = getStrings(j, "user_attributes", where);
  for (const auto& values : getArray(j, "user_attribute_values", where)) {
    std::vector<std::string> vocabulary;
    for (const auto& v : values) {
      if (!v.is_string()) throw BadJson("\"" + where + ".user_attribute_values\" holds a non-string");
      vocabulary.push_back(v.get<std::string>());
    }
    p.userAttributeValues.push_back(std::move(vocabulary));
  }
  p.flipAttributes = getStrings(j, "flip_attributes", where);
  p.shards = getIntegers<int>(field(j, "shards", where), where + ".shards");
  if (j.contains("exposure_count")) {
    p.exposureCount = getIntegers<std::int64_t>(j["exposure_count"], where + ".exposure_count");
    p.exposureWeight = getDoubles(field(j, "exposure_weight", where), where + ".exposure_weight");
  }
  if (j.contains("users")) p.users = readUsers(j["users"], where + ".users");
  return p;
}

void readMetrics(const In& j, AuditResult& r, const std::string& w) {
  r.evaluatedUsers = getInteger<std::size_t>(j, "evaluated_users", w);
  r.accuracy = readAccuracy(field(j, "accuracy", w), w + ".accuracy");
  r.itemCoverage = getDouble(j, "item_coverage", w);
  r.gini = getDouble(j, "gini", w);
  r.averagePopularity = getDouble(j, "average_popularity", w);
  r.aplt = getDouble(j, "aplt", w);
  r.tailPercentage = getDouble(j, "tail_percentage", w);
  r.novelty = getDouble(j, "novelty", w);
  r.intraListDiversity = getDouble(j, "intra_list_diversity", w);
  r.exposureEntropyBits = getDouble(j, "exposure_entropy_bits", w);
  // Keys of metric definitions version 2 are optional: saved runs of version 1 read back without them.
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  r.miscalibration = optionalDouble(j, "miscalibration", w, kNaN);
  r.popularityRankCorrelation = optionalDouble(j, "pru", w, kNaN);
  if (j.contains("popularity_lift")) {
    for (const auto& g : getArray(j, "popularity_lift", w)) {
      const auto wl = w + ".popularity_lift";
      r.popularityLift.push_back({getString(g, "group", wl), getInteger<std::size_t>(g, "users", wl),
                                  getDouble(g, "min_share", wl), getDouble(g, "max_share", wl),
                                  getDouble(g, "profile_popularity", wl), getDouble(g, "list_popularity", wl),
                                  getDouble(g, "delta_gap", wl)});
    }
  }
  for (const auto& a : getArray(j, "fairness", w)) {
    const auto wa = w + ".fairness";
    AttributeFairness af;
    af.attribute = getString(a, "attribute", wa);
    af.kind = optionalString(a, "kind", wa, "attribute");
    if (a.contains("coverage")) {
      for (const auto& c : getArray(a, "coverage", wa)) {
        const auto wc = wa + ".coverage";
        af.coverage.push_back({getString(c, "group", wc), getInteger<std::size_t>(c, "users", wc),
                               getInteger<std::size_t>(c, "items", wc), getDouble(c, "coverage", wc)});
      }
    }
    for (const auto& m : getArray(a, "metrics", wa)) {
      const auto wm = wa + ".metrics";
      MetricFairness mf;
      mf.metric = getString(m, "metric", wm);
      mf.maxMinGap = getDouble(m, "max_min_gap", wm);
      mf.meanAbsPairwiseGap = getDouble(m, "mean_abs_pairwise_gap", wm);
      mf.pValue = getDouble(m, "p_value", wm);
      mf.pAdjusted = optionalDouble(m, "p_adjusted", wm, mf.pValue);
      mf.highGroup = optionalString(m, "high_group", wm);
      mf.lowGroup = optionalString(m, "low_group", wm);
      mf.gapCiLow = optionalDouble(m, "gap_ci_low", wm, kNaN);
      mf.gapCiHigh = optionalDouble(m, "gap_ci_high", wm, kNaN);
      mf.effectSize = optionalDouble(m, "effect_size", wm, kNaN);
      for (const auto& g : getArray(m, "groups", wm)) {
        const auto wg = wm + ".groups";
        mf.groups.push_back({getString(g, "group", wg), getInteger<std::size_t>(g, "users", wg),
                             getDouble(g, "mean", wg), getDouble(g, "ci_low", wg),
                             getDouble(g, "ci_high", wg)});
      }
      af.metrics.push_back(std::move(mf));
    }
    r.fairness.push_back(std::move(af));
  }
  for (const auto& grouping : getArray(j, "item_groups", w)) {
    const auto wi = w + ".item_groups";
    ItemGrouping ig;
    ig.name = getString(grouping, "name", wi);
    ig.rsp = optionalDouble(grouping, "rsp", wi, kNaN);
    ig.reo = optionalDouble(grouping, "reo", wi, kNaN);
    for (const auto& g : getArray(grouping, "groups", wi)) {
      const auto wg = wi + ".groups";
      ig.groups.push_back(
          {getString(g, "group", wg), getInteger<std::size_t>(g, "items", wg),
           getDouble(g, "exposure_share", wg), getDouble(g, "catalog_share", wg),
           getDouble(g, "interaction_share", wg), getDouble(g, "mean_exposure", wg),
           optionalDouble(g, "merit_share", wg, kNaN), optionalDouble(g, "exposure_per_merit", wg, kNaN),
           optionalDouble(g, "recommendation_rate", wg, kNaN), optionalDouble(g, "hit_rate", wg, kNaN)});
    }
    r.itemGroups.push_back(std::move(ig));
  }
  for (const auto& f : getArray(j, "flips", w)) {
    const auto wf = w + ".flips";
    r.flips.push_back({getString(f, "attribute", wf), getInteger<std::size_t>(f, "users", wf),
                       getDouble(f, "rate", wf), getDouble(f, "mean_jaccard", wf)});
  }
}

// Parses `text` and checks its format tag; other errors come from `read`.
template <class T, class Read>
Result<T> parseDocument(const std::string& text, const std::string& source, const char* format,
                        const Read& read) {
  const std::string label = source.empty() ? std::string("audit JSON") : source;
  try {
    const auto j = In::parse(text);
    if (format != nullptr) {
      if (!j.is_object() || !j.contains("format") || j["format"] != format) {
        return makeError(ErrorCode::Parse, label + ": not a RecLens audit file (\"format\" is not \"" +
                                               std::string(format) + "\")");
      }
      if (getInteger<int>(j, "format_version", "document") > kFormatVersion) {
        return makeError(ErrorCode::NewerVersion, label + ": written by a newer RecLens (format_version " +
                                                      std::to_string(j["format_version"].get<int>()) +
                                                      ", this build reads " + std::to_string(kFormatVersion) +
                                                      ")");
      }
    }
    return read(j);
  } catch (const BadJson& e) {
    return makeError(ErrorCode::Parse, label + ": " + e.what());
  } catch (const nlohmann::json::exception& e) {
    return makeError(ErrorCode::Parse, label + ": " + e.what());
  }
}

}  // namespace

Result<AuditRun> auditRunFromJson(const std::string& text, const std::string& source) {
  return parseDocument<AuditRun>(text, source, kRunFormat, [](const In& j) {
    AuditRun run;
    run.name = getString(j, "name", "document");
    run.id = getInteger<std::int64_t>(j, "id", "document");
    run.modelId = getInteger<std::int64_t>(j, "model_id", "document");
    run.auditedUsers = getInteger<std::size_t>(j, "audited_users", "document");
    run.provenance = readProvenance(field(j, "provenance", "document"), "provenance");
    const auto config = readConfig(field(j, "config", "document"), "config");
    run.result.partial = readPartial(field(j, "partial", "document"), config, "partial");
    readMetrics(field(j, "metrics", "document"), run.result, "metrics");
    return Result<AuditRun>(std::move(run));
  });
}

Result<AuditPartial> auditPartialFromJson(const std::string& text, const std::string& source,
                                          AuditProvenance* provenance) {
  return parseDocument<AuditPartial>(text, source, kPartialFormat, [provenance](const In& j) {
    const auto p = readProvenance(field(j, "provenance", "document"), "provenance");
    if (provenance != nullptr) *provenance = p;
    const auto config = readConfig(field(j, "config", "document"), "config");
    return Result<AuditPartial>(readPartial(field(j, "partial", "document"), config, "partial"));
  });
}

Result<AuditConfig> auditConfigFromJson(const std::string& text, const std::string& source) {
  return parseDocument<AuditConfig>(text, source, nullptr,
                                    [](const In& j) { return Result<AuditConfig>(readConfig(j, "config")); });
}

Result<AuditProvenance> auditProvenanceFromJson(const std::string& text, const std::string& source) {
  return parseDocument<AuditProvenance>(text, source, nullptr, [](const In& j) {
    return Result<AuditProvenance>(readProvenance(j, "provenance"));
  });
}

Result<AuditSummary> auditSummaryFromJson(const std::string& text, const std::string& source) {
  return parseDocument<AuditSummary>(text, source, nullptr, [](const In& j) {
    AuditSummary s;
    s.users = getInteger<std::size_t>(j, "users", "summary");
    s.evaluatedUsers = getInteger<std::size_t>(j, "evaluated_users", "summary");
    s.accuracy = readAccuracy(field(j, "accuracy", "summary"), "summary.accuracy");
    s.itemCoverage = getDouble(j, "item_coverage", "summary");
    s.gini = getDouble(j, "gini", "summary");
    s.aplt = getDouble(j, "aplt", "summary");
    return Result<AuditSummary>(s);
  });
}

}  // namespace reclens
