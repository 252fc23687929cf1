#pragma once
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.h"

class QCustomPlot;

namespace reclens {

// Draws one metric's group means for user attribute `attribute` as selectable bars (one per group,
// labelled with its user count) with 95% bootstrap interval whiskers, a dashed line at `overall` (the
// mean over every evaluated user) when given, and the gap and p-value in the title. Groups are drawn
// in the natural order of their names ("19-24" before "100+"); the bars are plottable 0 and the
// returned names are the groups of their data indices.
std::vector<std::string> drawGroupMeans(QCustomPlot* plot, const std::string& attribute,
                                        const MetricFairness& metric, int k, std::optional<double> overall);

}  // namespace reclens
