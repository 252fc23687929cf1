#include "dashboards/auditmetrics.h"

#include <QCoreApplication>

#include <cmath>

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
  if (metric == "average_popularity") name = "ARP";
  if (metric == "aplt") name = "APLT";
  if (metric == "tail_percentage")
    return QCoreApplication::translate("reclens::AuditMetrics", "Tail share@%1").arg(k);
  if (metric == "novelty") return QCoreApplication::translate("reclens::AuditMetrics", "Novelty@%1").arg(k);
  if (metric == "intra_list_diversity") name = "ILD";
  if (metric == "miscalibration")
    return QCoreApplication::translate("reclens::AuditMetrics", "Miscalibration (KL)@%1").arg(k);
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

std::optional<double> value(const AuditResult& result, const std::string& metric) {
  if (auto v = value(result.accuracy, metric)) return v;
  double v = NAN;
  if (metric == "average_popularity") v = result.averagePopularity;
  if (metric == "aplt") v = result.aplt;
  if (metric == "tail_percentage") v = result.tailPercentage;
  if (metric == "novelty") v = result.novelty;
  if (metric == "intra_list_diversity") v = result.intraListDiversity;
  if (metric == "miscalibration") v = result.miscalibration;
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace reclens::auditmetrics
