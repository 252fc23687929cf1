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

namespace {
constexpr int kUserGapBase = 1000;
constexpr int kItemGapBase = 100000;
constexpr int kItemShareBase = 200000;
}  // namespace

int Series::code() const {
  const int a = static_cast<int>(attribute);
  switch (kind) {
    case Kind::Metric:
      return metric;
    case Kind::UserGap:
      return kUserGapBase + 2 * a + (ndcg ? 1 : 0);
    case Kind::ItemGap:
      return kItemGapBase + a;
    case Kind::ItemShare:
      return kItemShareBase + 1000 * a + static_cast<int>(value);
  }
  return metric;
}

Series Series::fromCode(int code) {
  if (code >= kItemShareBase)
    return ofItemShare(static_cast<std::size_t>((code - kItemShareBase) / 1000),
                       static_cast<std::size_t>((code - kItemShareBase) % 1000));
  if (code >= kItemGapBase) return ofItemGap(static_cast<std::size_t>(code - kItemGapBase));
  if (code >= kUserGapBase) {
    const int rest = code - kUserGapBase;
    return ofGap(static_cast<std::size_t>(rest / 2), rest % 2 == 1);
  }
  return ofMetric(code);
}

std::vector<Series> plotSeries(const sim::SimResult& result) {
  std::vector<Series> out;
  for (int m = 0; m < sim::kMetricCount; ++m) out.push_back(Series::ofMetric(m));
  for (std::size_t a = 0; a < result.attributes.size(); ++a) {
    out.push_back(Series::ofGap(a, false));
    out.push_back(Series::ofGap(a, true));
  }
  for (std::size_t a = 0; a < result.itemAttributes.size(); ++a) out.push_back(Series::ofItemGap(a));
  for (std::size_t a = 0; a < result.itemAttributes.size(); ++a) {
    const auto& values = result.itemAttributes[a].values;
    if (values.size() > sim::kItemValuesListed) continue;
    for (std::size_t v = 0; v < values.size(); ++v) out.push_back(Series::ofItemShare(a, v));
  }
  return out;
}

QString metricText(int metric) {
  return QCoreApplication::translate(kContext, sim::metricLabel(metric));
}

QString seriesText(const Series& series, const sim::SimResult& result) {
  if (!series.isGap()) return metricText(series.metric);
  if (series.kind == Series::Kind::ItemGap || series.kind == Series::Kind::ItemShare) {
    const auto* attribute =
        series.attribute < result.itemAttributes.size() ? &result.itemAttributes[series.attribute] : nullptr;
    const QString name = attribute ? display::text(attribute->name) : QString::number(series.attribute);
    if (series.kind == Series::Kind::ItemGap)
      return QCoreApplication::translate("reclens::SimulationLabels", "Exposure gap by %1").arg(name);
    const QString value = attribute && series.value < attribute->values.size()
                              ? display::text(attribute->values[series.value])
                              : QString::number(series.value);
    return QCoreApplication::translate("reclens::SimulationLabels", "Exposure share of %1 %2")
        .arg(name, value);
  }
  const QString name = series.attribute < result.attributes.size()
                           ? display::text(result.attributes[series.attribute].name)
                           : QString::number(series.attribute);
  return series.ndcg ? QCoreApplication::translate("reclens::SimulationLabels", "Gap in NDCG by %1").arg(name)
                     : QCoreApplication::translate("reclens::SimulationLabels", "Gap in takes per user by %1")
                           .arg(name);
}

sim::Interval seriesInterval(const sim::SimResult& result, const sim::PolicyRun& run, const Series& series,
                             int round) {
  switch (series.kind) {
    case Series::Kind::Metric:
      return sim::metricInterval(run, series.metric, round);
    case Series::Kind::UserGap:
      return sim::groupGapInterval(run, series.attribute, series.ndcg, round);
    case Series::Kind::ItemGap:
      return sim::itemExposureGapInterval(result, run, series.attribute, round);
    case Series::Kind::ItemShare:
      return sim::itemExposureShareInterval(run, series.attribute, series.value, round);
  }
  return {};
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
