#pragma once
#include <QString>

#include <cstddef>
#include <vector>

#include "sim/simulation.h"

namespace reclens::simlabels {

// What the Simulation page can plot against the round: a metric of the core's Metric enum; the gap
// (max − min over groups) of mean takes or NDCG between the groups of one user attribute; the exposure
// gap of one item attribute; or one item group's exposure share.
struct Series {
  enum class Kind { Metric, UserGap, ItemGap, ItemShare };
  Kind kind = Kind::Metric;
  int metric = sim::kTakes;
  std::size_t attribute = 0;  // a user attribute (UserGap) or an item attribute (ItemGap, ItemShare)
  std::size_t value = 0;      // the item attribute's value (ItemShare)
  bool ndcg = false;

  static Series ofMetric(int metric) { return {Kind::Metric, metric, 0, 0, false}; }
  static Series ofGap(std::size_t attribute, bool ndcg) { return {Kind::UserGap, -1, attribute, 0, ndcg}; }
  static Series ofItemGap(std::size_t attribute) { return {Kind::ItemGap, -1, attribute, 0, false}; }
  static Series ofItemShare(std::size_t attribute, std::size_t value) {
    return {Kind::ItemShare, -1, attribute, value, false};
  }
  bool isGap() const { return kind != Kind::Metric; }
  // A number for combo boxes, one per series (attributes below 1000, values below 1000).
  int code() const;
  static Series fromCode(int code);
};

// Every series a result can plot: the metrics, each user attribute's gaps, each item attribute's exposure
// gap and, for item attributes of at most sim::kItemValuesListed values, each value's exposure share.
std::vector<Series> plotSeries(const sim::SimResult& result);

// The core's metricLabel, translated.
QString metricText(int metric);
// "Gap in takes per user by <attribute>", "Gap in NDCG by <attribute>", "Exposure gap by <item attribute>"
// or "Exposure share of <attribute> <value>", translated.
QString seriesText(const Series& series, const sim::SimResult& result);
// Mean and 95% interval over the seeds of `run` of the series at 0-based `round`.
sim::Interval seriesInterval(const sim::SimResult& result, const sim::PolicyRun& run, const Series& series,
                             int round);
// "mean ± half-width" (just the mean with one seed, "–" when there is none) with `decimals` decimals.
QString intervalText(const sim::Interval& interval, int decimals);
// Decimals that suit a metric's scale in tables.
int metricDecimals(int metric);

}  // namespace reclens::simlabels
