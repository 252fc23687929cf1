#include "simulation/simulationlabels.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

#include "widgets/displayformat.h"

namespace reclens::simlabels {

namespace {

constexpr const char* kContext = "reclens::SimulationLabels";

// The core's metric labels (core/sim/simresult.cpp), listed here so that the translation tools see
// them; metricText() translates whatever metricLabel() returns, so a label missing here stays English.
[[maybe_unused]] const char* const kLabels[] = {
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Items taken per user"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Cumulative takes per user"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Expected takes per user"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Regret per user"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Cumulative regret per user"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Coverage (round)"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Coverage (so far)"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Exposure Gini"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "APLT"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Long-tail exposure share"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Novelty (bits)"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Intra-list diversity"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Homogenisation (Jaccard)"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Planted brand exposure share"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "Interest drift (total variation)"),
    QT_TRANSLATE_NOOP("reclens::SimulationLabels", "NDCG against the truth"),
};

}  // namespace

int Series::code() const {
  return isGap() ? sim::kMetricCount + 2 * static_cast<int>(attribute) + (ndcg ? 1 : 0) : metric;
}

Series Series::fromCode(int code) {
  if (code < sim::kMetricCount) return ofMetric(code);
  const int rest = code - sim::kMetricCount;
  return ofGap(static_cast<std::size_t>(rest / 2), rest % 2 == 1);
}

QString metricText(int metric) {
  return QCoreApplication::translate(kContext, sim::metricLabel(metric));
}

QString seriesText(const Series& series, const sim::SimResult& result) {
  if (!series.isGap()) return metricText(series.metric);
  const QString name = series.attribute < result.attributes.size()
                           ? display::text(result.attributes[series.attribute].name)
                           : QString::number(series.attribute);
  return series.ndcg ? QCoreApplication::translate("reclens::SimulationLabels", "Gap in NDCG by %1").arg(name)
                     : QCoreApplication::translate("reclens::SimulationLabels", "Gap in takes per user by %1")
                           .arg(name);
}

sim::Interval seriesInterval(const sim::PolicyRun& run, const Series& series, int round) {
  return series.isGap() ? sim::groupGapInterval(run, series.attribute, series.ndcg, round)
                        : sim::metricInterval(run, series.metric, round);
}

QString intervalText(const sim::Interval& interval, int decimals) {
  if (interval.n == 0 || !std::isfinite(interval.mean)) return QStringLiteral("–");
  const QString mean = QLocale().toString(interval.mean, 'f', decimals);
  if (interval.n < 2) return mean;
  return QStringLiteral("%1 ± %2").arg(
      mean, QLocale().toString(0.5 * (interval.high - interval.low), 'f', decimals));
}

int metricDecimals(int metric) {
  switch (metric) {
    case sim::kCumulativeTakes:
    case sim::kCumulativeRegret:
    case sim::kNovelty:
      return 2;
    case sim::kPlantedBrandShare:
      return 4;
    default:
      return 3;
  }
}

}  // namespace reclens::simlabels
