#include "dashboards/auditmetrics.h"

#include <QCoreApplication>

#include "widgets/displayformat.h"

namespace reclens::auditmetrics {

QString title(const std::string& metric, int k) {
  const char* name = nullptr;
  if (metric == "ndcg") name = "NDCG";
  if (metric == "recall") name = "Recall";
  if (metric == "hit") name = "HR";
  if (metric == "precision") name = "Precision";
  if (metric == "mrr") name = "MRR";
  if (metric == "map") name = "MAP";
  if (name == nullptr) return display::text(metric);
  return QCoreApplication::translate("reclens::AuditMetrics", "%1@%2").arg(QLatin1String(name)).arg(k);
}

std::optional<double> value(const AccuracyValues& values, const std::string& metric) {
  if (metric == "ndcg") return values.ndcg;
  if (metric == "recall") return values.recall;
  if (metric == "hit") return values.hit;
  if (metric == "precision") return values.precision;
  if (metric == "mrr") return values.mrr;
  if (metric == "map") return values.map;
  return std::nullopt;
}

}  // namespace reclens::auditmetrics
