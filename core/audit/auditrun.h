#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "common/result.h"
#include "model/datasplit.h"

namespace reclens {

class ProjectStore;

// Where, on what and with which software an audit was computed. Stamped on its JSON, its HTML
// report and its saved run, together with the configuration, model SHA-256 and data fingerprint
// that AuditPartial already carries.
struct AuditProvenance {
  std::string project;      // project file the data came from
  std::string datasetName;  // DatasetInfo::name
  std::string modelName;    // registered name or file stem; empty for a log
  std::string modelPath;    // absolute path of the model file; empty for a log
  std::string modelKind;    // model metadata "kind"
  std::string logPath;      // recommendation log file; empty for a model
  std::string logSha256;    // SHA-256 of the log file
  std::string split;        // how test items were held out, in words
  // The split as a SplitSpec name ("time:1", "global:0.8,0.1", ...), so a merge can rebuild it; empty with
  // explicit relevance, and in runs saved before it was recorded (they used time:holdoutPerUser).
  std::string splitSpec;
  int holdoutPerUser = 1;  // the time split's parameters (0 for the other kinds)
  int validationPerUser = 1;
  // With explicit relevance (audit --relevance): the file the test items came from and its SHA-256
  // (splitFromRelevance); empty for the time split.
  std::string relevancePath;
  std::string relevanceSha256;
  std::string device;  // e.g. "CPU (2 threads)"
  std::string recLensVersion;
  std::string libraryVersions;  // LibTorch, CUDA and SQLite versions
  std::string metricDefinitionsVersion;
  std::int64_t created = 0;  // Unix seconds
  std::string createdUtc;    // the same as ISO 8601
};

// A finished audit with its provenance; as saved in a project it also has an id and a name.
struct AuditRun {
  std::int64_t id = 0;       // 0 until saved
  std::string name;          // unique within a project once saved
  std::int64_t modelId = 0;  // the registered model audited; 0 for a log or an unregistered file
  std::size_t auditedUsers =
      0;  // users audited, kept where the per-user records are not; see auditedUserCount
  AuditProvenance provenance;
  AuditResult result;
};

// Headline numbers of a result for run listings.
struct AuditSummary {
  std::size_t users = 0;           // users audited
  std::size_t evaluatedUsers = 0;  // users with a test item
  AccuracyValues accuracy;
  double itemCoverage = 0.0;
  double gini = 0.0;
  double aplt = 0.0;
};

// A saved run as listed: its identity, configuration, provenance and headline numbers.
struct AuditRunInfo {
  std::int64_t id = 0;
  std::string name;
  std::int64_t modelId = 0;
  AuditConfig config;
  AuditProvenance provenance;
  AuditSummary summary;
};

// The users a run audited: auditedUsers, or the number of per-user records when that is larger (a run
// made in memory may leave auditedUsers at 0).
std::size_t auditedUserCount(const AuditRun& run);

// Provenance with this build's versions, kMetricDefinitionsVersion and the current time filled in;
// the caller adds what it knows about project, model or log, split and device.
AuditProvenance currentAuditProvenance();

// Records the time-aware split (splitByTime with these counts) in `provenance`, with its description.
void setAuditSplit(AuditProvenance& provenance, int holdoutPerUser, int validationPerUser);
// Records `spec` (splitDataset) in `provenance`, with its description.
void setAuditSplit(AuditProvenance& provenance, const SplitSpec& spec);
// The split a run's provenance records, rebuilt on `dataset` (not for explicit relevance): its splitSpec,
// or time:holdoutPerUser for runs saved before the spec was recorded.
Result<TrainTestSplit> rebuildAuditSplit(const Dataset& dataset, const AuditProvenance& provenance);
// Records the explicit relevance of `path` (with its SHA-256) as the split, with its description.
void setRelevanceSplit(AuditProvenance& provenance, const std::string& path, const std::string& sha256,
                       std::size_t users, std::size_t pairs);

// Saved runs keep their per-user records up to this many audited users (about 500 bytes a user at K = 20).
inline constexpr std::size_t kMaxSavedUserRecords = 100000;

// Saves `run` in the project (one transaction; the name must be new) and returns its id. The saved
// result keeps every statistic, the per-item exposure and, up to kMaxSavedUserRecords users, the
// per-user records (for paired comparison).
Result<std::int64_t> saveAuditRun(ProjectStore& store, const AuditRun& run);

// Loads a saved run by id or by name; NotFound names the runs the project has.
Result<AuditRun> loadAuditRun(const ProjectStore& store, const std::string& idOrName);

// Every saved run of the project, newest first, without reading their full results.
Result<std::vector<AuditRunInfo>> listAuditRuns(const ProjectStore& store);

}  // namespace reclens
