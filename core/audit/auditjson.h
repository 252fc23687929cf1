#pragma once
#include <string>

#include "audit/audit.h"
#include "audit/auditrun.h"
#include "common/result.h"

namespace reclens {

// JSON forms of audits (docs/audit.md). Every double is written with the shortest text that reads
// back to the same bits (NaN and infinities as the strings "NaN", "Infinity", "-Infinity"), so a
// value read back equals the value written exactly, and JSON of equal results is equal text.

// How much of a run its JSON holds.
enum class AuditJsonDetail {
  Statistics,    // provenance, configuration, data identity and every statistic
  WithExposure,  // ... plus the per-item exposure counts and weights (saved runs)
  Full,          // ... plus the per-user records: reads back to an equal AuditRun
};

// A finished run as a JSON document ("format": "reclens-audit").
std::string auditRunToJson(const AuditRun& run, AuditJsonDetail detail, int indent = 2);
// Reads any detail of auditRunToJson back (absent parts stay empty); a Parse error names `source`
// and the key that is missing or mistyped.
Result<AuditRun> auditRunFromJson(const std::string& text, const std::string& source = {});

// A shard's partial with the provenance of the run that made it ("format": "reclens-audit-partial").
std::string auditPartialToJson(const AuditPartial& partial, const AuditProvenance& provenance);
// Reads auditPartialToJson back exactly; the provenance is stored in `provenance` when given.
Result<AuditPartial> auditPartialFromJson(const std::string& text, const std::string& source = {},
                                          AuditProvenance* provenance = nullptr);

// The statistics alone ("metrics" of the run document) as compact JSON: equal text for equal results,
// so a merged sharded run and the unsharded run give the same string.
std::string auditMetricsJson(const AuditResult& result);

// Configuration and provenance alone, as stored in a project's audit_runs row.
std::string auditConfigJson(const AuditConfig& config);
Result<AuditConfig> auditConfigFromJson(const std::string& text, const std::string& source = {});
std::string auditProvenanceJson(const AuditProvenance& provenance);
Result<AuditProvenance> auditProvenanceFromJson(const std::string& text, const std::string& source = {});

// Headline numbers of a run for listings.
AuditSummary auditSummary(const AuditRun& run);
std::string auditSummaryJson(const AuditSummary& summary);
Result<AuditSummary> auditSummaryFromJson(const std::string& text, const std::string& source = {});

}  // namespace reclens
