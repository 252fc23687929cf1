#pragma once
#include <QString>

#include <optional>
#include <string>

#include "audit/accuracymetrics.h"
#include "audit/audit.h"

namespace reclens {

// Display names and overall values of the metrics an audit reports by name: accuracy ("ndcg",
// "recall", "hit", "precision", "mrr", "map") and beyond accuracy ("average_popularity", "aplt",
// "tail_percentage", "novelty", "intra_list_diversity", "miscalibration").
namespace auditmetrics {

// "NDCG@20" for ("ndcg", 20); the raw name for a metric it does not know.
QString title(const std::string& metric, int k);
// The metric's value in `values`, or nothing for a name it does not know.
std::optional<double> value(const AccuracyValues& values, const std::string& metric);
// The metric's value over all users of `result` (accuracy or beyond), or nothing for a name it does
// not know or a value that is not a number (miscalibration without categories).
std::optional<double> value(const AuditResult& result, const std::string& metric);

}  // namespace auditmetrics
}  // namespace reclens
