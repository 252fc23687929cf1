#pragma once
#include <string>

#include "audit/auditrun.h"

namespace reclens {

// A self-contained HTML report of a finished run: headline cards, accuracy, long-tail metrics with the
// Lorenz curve of exposure, per-group fairness with 95% bootstrap intervals (bars with whiskers), gap
// tables with permutation p-values, item-group exposure against catalog and interaction shares, flip
// rates, and a provenance block (model SHA-256, data fingerprint, configuration and seed, metric
// definitions version, device, library versions, time). Plots are inline SVG and styles inline: the
// page refers to no external file, font, script or network address.
std::string auditReportHtml(const AuditRun& run);

// The display name of a fairness metric key ("ndcg" -> "NDCG@20").
std::string auditMetricLabel(const std::string& metric, int k);

}  // namespace reclens
