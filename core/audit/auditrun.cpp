#include "audit/auditrun.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>

#include "audit/auditjson.h"
#include "data/utcformat.h"
#include "engine/computedevice.h"
#include "store/projectstore.h"

namespace reclens {

std::size_t auditedUserCount(const AuditRun& run) {
  return std::max(run.auditedUsers, run.result.partial.users.size());
}

AuditProvenance currentAuditProvenance() {
  AuditProvenance p;
  p.recLensVersion = RECLENS_VERSION;
  p.libraryVersions = computeLibraryVersions() + ", SQLite " + SQLite::getLibVersion();
  p.metricDefinitionsVersion = kMetricDefinitionsVersion;
  p.created =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  p.createdUtc = formatUtcIso(p.created);
  return p;
}

void setAuditSplit(AuditProvenance& provenance, int holdoutPerUser, int validationPerUser) {
  SplitSpec spec;
  spec.holdout = holdoutPerUser;
  spec.validation = validationPerUser;
  provenance.splitSpec = spec.name();
  provenance.holdoutPerUser = holdoutPerUser;
  provenance.validationPerUser = validationPerUser;
  provenance.split = "time-aware leave-last-out: per user the last " + std::to_string(holdoutPerUser) +
                     " distinct item(s) are test (" + std::to_string(validationPerUser) +
                     " before them validation); the history is every interaction before the test items";
}

void setAuditSplit(AuditProvenance& provenance, const SplitSpec& spec) {
  if (spec.kind == SplitSpec::Kind::Time) {
    setAuditSplit(provenance, spec.holdout, spec.validation);
    return;
  }
  provenance.splitSpec = spec.name();
  provenance.holdoutPerUser = 0;
  provenance.validationPerUser = 0;
  provenance.split = spec.name() + ": " + spec.description() +
                     "; the history is the train and validation parts, the test part is held out";
}

Result<TrainTestSplit> rebuildAuditSplit(const Dataset& dataset, const AuditProvenance& provenance) {
  if (provenance.splitSpec.empty())
    return splitByTime(dataset, provenance.holdoutPerUser, provenance.validationPerUser);
  auto spec = SplitSpec::parse(provenance.splitSpec);
  if (!spec) return spec.error();
  return splitDataset(dataset, spec.value());
}

void setRelevanceSplit(AuditProvenance& provenance, const std::string& path, const std::string& sha256,
                       std::size_t users, std::size_t pairs) {
  provenance.splitSpec.clear();
  provenance.holdoutPerUser = 0;
  provenance.validationPerUser = 0;
  provenance.relevancePath = path;
  provenance.relevanceSha256 = sha256;
  provenance.split = "explicit relevance from " + path + ": " + std::to_string(pairs) +
                     " relevant (user, item) "
                     "pair(s) of " +
                     std::to_string(users) +
                     " user(s) are test; the history is every other "
                     "interaction";
}

Result<std::int64_t> saveAuditRun(ProjectStore& store, const AuditRun& run) {
  ProjectStore::AuditRunRecord record;
  record.name = run.name;
  record.created = run.provenance.created;
  record.modelId = run.modelId;
  record.configJson = auditConfigJson(run.result.partial.config);
  record.provenanceJson = auditProvenanceJson(run.provenance);
  record.summaryJson = auditSummaryJson(auditSummary(run));
  // With the per-user records, so that two saved runs can be compared user by user (paired intervals),
  // up to kMaxSavedUserRecords users: beyond that the records would dwarf everything else in the file.
  const bool records = auditedUserCount(run) <= kMaxSavedUserRecords;
  record.resultsJson =
      auditRunToJson(run, records ? AuditJsonDetail::Full : AuditJsonDetail::WithExposure, -1);
  return store.saveAuditRun(record);
}

Result<AuditRun> loadAuditRun(const ProjectStore& store, const std::string& idOrName) {
  auto record = store.auditRun(idOrName);
  if (!record) return record.error();
  auto run = auditRunFromJson(record.value().resultsJson,
                              store.path() + ": audit run " + std::to_string(record.value().id));
  if (!run) return run.error();
  run.value().id = record.value().id;
  run.value().name = record.value().name;
  run.value().modelId = record.value().modelId;
  return run;
}

Result<std::vector<AuditRunInfo>> listAuditRuns(const ProjectStore& store) {
  auto records = store.auditRuns();
  if (!records) return records.error();
  std::vector<AuditRunInfo> out;
  for (const auto& r : records.value()) {
    const auto where = store.path() + ": audit run " + std::to_string(r.id);
    auto config = auditConfigFromJson(r.configJson, where + " config");
    if (!config) return config.error();
    auto provenance = auditProvenanceFromJson(r.provenanceJson, where + " provenance");
    if (!provenance) return provenance.error();
    AuditSummary summary;  // "{}": a row written before runs had summaries
    if (r.summaryJson != "{}") {
      auto read = auditSummaryFromJson(r.summaryJson, where + " summary");
      if (!read) return read.error();
      summary = read.value();
    }
    out.push_back(
        {r.id, r.name, r.modelId, std::move(config.value()), std::move(provenance.value()), summary});
  }
  return out;
}

}  // namespace reclens
