#pragma once
#include <QString>

#include <cstddef>

#include "sim/simulation.h"

namespace reclens::simlabels {

// What the Simulation page can plot against the round: a metric of the core's Metric enum, or the gap
// (max − min over groups) of mean takes or NDCG between the groups of one user attribute.
struct Series {
  int metric = sim::kTakes;  // -1 for a group gap
  std::size_t attribute = 0;
  bool ndcg = false;

  static Series ofMetric(int metric) { return {metric, 0, false}; }
  static Series ofGap(std::size_t attribute, bool ndcg) { return {-1, attribute, ndcg}; }
  bool isGap() const { return metric < 0; }
  // A number for combo boxes: the metric, or kMetricCount + 2 * attribute + ndcg.
  int code() const;
  static Series fromCode(int code);
};

// The core's metricLabel, translated.
QString metricText(int metric);
// "Gap in takes per user by <attribute>" or "Gap in NDCG by <attribute>", translated.
QString seriesText(const Series& series, const sim::SimResult& result);
// Mean and 95% interval over the seeds of `run` of the series at 0-based `round`.
sim::Interval seriesInterval(const sim::PolicyRun& run, const Series& series, int round);
// "mean ± half-width" (just the mean with one seed, "–" when there is none) with `decimals` decimals.
QString intervalText(const sim::Interval& interval, int decimals);
// Decimals that suit a metric's scale in tables.
int metricDecimals(int metric);

}  // namespace reclens::simlabels
