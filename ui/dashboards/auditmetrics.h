#pragma once
#include <QString>

#include <optional>
#include <string>

#include "audit/accuracymetrics.h"

namespace reclens {

// Display names and per-user values of the accuracy metrics an audit reports by name ("ndcg",
// "recall", "hit", "precision", "mrr", "map").
namespace auditmetrics {

// "NDCG@20" for ("ndcg", 20); the raw name for a metric it does not know.
QString title(const std::string& metric, int k);
// The metric's value in `values`, or nothing for a name it does not know.
std::optional<double> value(const AccuracyValues& values, const std::string& metric);

}  // namespace auditmetrics
}  // namespace reclens
