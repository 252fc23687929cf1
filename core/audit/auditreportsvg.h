#pragma once
// The inline SVG plots, style sheet and HTML escaping of the HTML reports (core/audit, core/sim).
#include <string>
#include <string_view>
#include <vector>

#include "audit/longtailmetrics.h"

namespace reclens::report {

// The style sheet of the HTML reports (audit, simulation).
const char* reportCss();

// `text` with &, <, >, " and ' replaced by entities.
std::string escapeHtml(std::string_view text);

// One bar with an optional interval (whiskers are drawn when low <= high).
struct Bar {
  std::string label;
  double value = 0.0;
  double low = 1.0;
  double high = 0.0;
};

// Vertical bars with 95% interval whiskers, one per group.
std::string barChartSvg(const std::string& title, const std::string& valueLabel,
                        const std::vector<Bar>& bars);

// Groups of side-by-side bars, one bar per series in each group (e.g. exposure share vs catalog share).
struct BarGroup {
  std::string label;
  std::vector<double> values;  // one per series
};
std::string groupedBarChartSvg(const std::string& title, const std::vector<std::string>& series,
                               const std::vector<BarGroup>& groups);

// The Lorenz curve of exposure with the line of perfect equality.
std::string lorenzSvg(const std::string& title, const std::vector<LorenzPoint>& points);

}  // namespace reclens::report
