#include "audit/auditreportsvg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reclens::report {

const char* reportCss() {
  return R"css(
body{font-family:"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:#1d2430;margin:0;background:#f4f6f9}
main{max-width:1040px;margin:0 auto;padding:24px 32px 48px;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:2px solid #dfe4ec;padding-bottom:4px}
h3{font-size:15px;margin:20px 0 6px}.sub{color:#5a6475;margin:0 0 16px}.note{color:#5a6475;font-size:13px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #dfe4ec;border-radius:6px;padding:8px 12px;min-width:120px}
.card .v{font-size:20px;font-weight:600}.card .k{font-size:12px;color:#5a6475}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}th,td{border:1px solid #dfe4ec;padding:3px 8px;text-align:right}
th{background:#f0f3f7}td.l,th.l{text-align:left}td.mono{font-family:monospace;text-align:left;word-break:break-all}
svg.plot{display:block;margin:8px 0}svg .title{font-size:13px;font-weight:600;fill:#1d2430}
svg .tick{font-size:11px;fill:#5a6475}svg .axis{font-size:12px;fill:#1d2430}svg .grid{stroke:#e4e8ee;stroke-width:1}
svg .whisker{stroke:#1d2430;stroke-width:1.5;fill:none}svg .diagonal{stroke:#9aa3b1;stroke-dasharray:4 3}
.low{color:#a03030;font-weight:600}
)css";
}

namespace {

constexpr const char* kPalette[] = {"#3b6ea8", "#e08a2c", "#5aa469", "#b44c7a"};
constexpr double kWidth = 720.0;
constexpr double kHeight = 300.0;
constexpr double kLeft = 64.0;
constexpr double kRight = 16.0;
constexpr double kTop = 40.0;
constexpr double kBottom = 84.0;

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string px(double v) {
  return fmt("%.1f", v);
}

// A round upper bound and step for an axis from 0 to `maxValue` with about five ticks.
std::pair<double, double> axisRange(double maxValue) {
  if (!(maxValue > 0.0) || !std::isfinite(maxValue)) return {1.0, 0.25};
  const double rough = maxValue / 5.0;
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= rough) break;
  }
  return {std::ceil(maxValue / step - 1e-9) * step, step};
}

std::string tickLabel(double v, double step) {
  return step >= 1.0    ? fmt("%.0f", v)
         : step >= 0.1  ? fmt("%.1f", v)
         : step >= 0.01 ? fmt("%.2f", v)
                        : fmt("%.3g", v);
}

std::string shortLabel(const std::string& label) {
  if (label.size() <= 18) return label;
  std::size_t cut = 17;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return label.substr(0, cut) + "\u2026";
}

// The frame shared by the bar charts: title, horizontal grid with value ticks, and the x labels.
std::string frame(const std::string& title, const std::string& valueLabel, double top, double step,
                  const std::vector<std::string>& labels, double slot) {
  const double plotHeight = kHeight - kTop - kBottom;
  std::string s = "<svg class=\"plot\" viewBox=\"0 0 " + px(kWidth) + " " + px(kHeight) + "\" width=\"" +
                  px(kWidth) + "\" height=\"" + px(kHeight) + "\" role=\"img\" aria-label=\"" +
                  escapeHtml(title) + "\">\n";
  s += "<text x=\"" + px(kLeft) + "\" y=\"20\" class=\"title\">" + escapeHtml(title) + "</text>\n";
  for (double v = 0.0; v <= top + step * 1e-6; v += step) {
    const double y = kTop + plotHeight * (1.0 - v / top);
    s += "<line x1=\"" + px(kLeft) + "\" x2=\"" + px(kWidth - kRight) + "\" y1=\"" + px(y) + "\" y2=\"" +
         px(y) + "\" class=\"grid\"/>\n";
    s += "<text x=\"" + px(kLeft - 6) + "\" y=\"" + px(y + 4) + "\" class=\"tick\" text-anchor=\"end\">" +
         tickLabel(v, step) + "</text>\n";
  }
  s += "<text transform=\"translate(14 " + px(kTop + plotHeight / 2) +
       ") rotate(-90)\" class=\"axis\" text-anchor=\"middle\">" + escapeHtml(valueLabel) + "</text>\n";
  const bool slanted = labels.size() > 6;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double x = kLeft + slot * (static_cast<double>(i) + 0.5);
    const double y = kHeight - kBottom + 16;
    s += "<g><title>" + escapeHtml(labels[i]) + "</title><text x=\"" + px(x) + "\" y=\"" + px(y) +
         "\" class=\"tick\" text-anchor=\"" +
         (slanted ? "end\" transform=\"rotate(-35 " + px(x) + " " + px(y) + ")\"" : std::string("middle\"")) +
         ">" + escapeHtml(shortLabel(labels[i])) + "</text></g>\n";
  }
  return s;
}

}  // namespace

std::string escapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string barChartSvg(const std::string& title, const std::string& valueLabel,
                        const std::vector<Bar>& bars) {
  double maxValue = 0.0;
  std::vector<std::string> labels;
  for (const auto& b : bars) {
    maxValue = std::max({maxValue, std::isfinite(b.value) ? b.value : 0.0,
                         b.low <= b.high && std::isfinite(b.high) ? b.high : 0.0});
    labels.push_back(b.label);
  }
  const auto [top, step] = axisRange(maxValue);
  const double plotHeight = kHeight - kTop - kBottom;
  const double slot = (kWidth - kLeft - kRight) / static_cast<double>(std::max<std::size_t>(1, bars.size()));
  const double width = std::min(56.0, slot * 0.6);
  const auto yOf = [&](double v) { return kTop + plotHeight * (1.0 - std::clamp(v, 0.0, top) / top); };
  std::string s = frame(title, valueLabel, top, step, labels, slot);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const double centre = kLeft + slot * (static_cast<double>(i) + 0.5);
    const double value = std::isfinite(b.value) ? b.value : 0.0;
    s += "<rect x=\"" + px(centre - width / 2) + "\" y=\"" + px(yOf(value)) + "\" width=\"" + px(width) +
         "\" height=\"" + px(yOf(0.0) - yOf(value)) + "\" fill=\"" + kPalette[0] + "\"><title>" +
         escapeHtml(b.label) + ": " + fmt("%.4f", b.value) +
         (b.low <= b.high ? " [" + fmt("%.4f", b.low) + ", " + fmt("%.4f", b.high) + "]" : std::string()) +
         "</title></rect>\n";
    if (b.low <= b.high && std::isfinite(b.low) && std::isfinite(b.high)) {
      const double lo = yOf(b.low), hi = yOf(b.high), cap = width / 4;
      s += "<path d=\"M" + px(centre) + " " + px(lo) + "V" + px(hi) + "M" + px(centre - cap) + " " + px(lo) +
           "H" + px(centre + cap) + "M" + px(centre - cap) + " " + px(hi) + "H" + px(centre + cap) +
           "\" class=\"whisker\"/>\n";
    }
  }
  return s + "</svg>\n";
}

std::string groupedBarChartSvg(const std::string& title, const std::vector<std::string>& series,
                               const std::vector<BarGroup>& groups) {
  double maxValue = 0.0;
  std::vector<std::string> labels;
  for (const auto& g : groups) {
    for (const double v : g.values) maxValue = std::max(maxValue, std::isfinite(v) ? v : 0.0);
    labels.push_back(g.label);
  }
  const auto [top, step] = axisRange(maxValue);
  const double plotHeight = kHeight - kTop - kBottom;
  const double slot =
      (kWidth - kLeft - kRight) / static_cast<double>(std::max<std::size_t>(1, groups.size()));
  const double width =
      std::min(28.0, slot * 0.75 / static_cast<double>(std::max<std::size_t>(1, series.size())));
  const auto yOf = [&](double v) { return kTop + plotHeight * (1.0 - std::clamp(v, 0.0, top) / top); };
  std::string s = frame(title, "share", top, step, labels, slot);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const double start =
        kLeft + slot * (static_cast<double>(i) + 0.5) - width * static_cast<double>(series.size()) / 2;
    for (std::size_t k = 0; k < series.size() && k < groups[i].values.size(); ++k) {
      const double v = std::isfinite(groups[i].values[k]) ? groups[i].values[k] : 0.0;
      s += "<rect x=\"" + px(start + width * static_cast<double>(k)) + "\" y=\"" + px(yOf(v)) +
           "\" width=\"" + px(width - 1) + "\" height=\"" + px(yOf(0.0) - yOf(v)) + "\" fill=\"" +
           kPalette[k % 4] + "\"><title>" + escapeHtml(groups[i].label) + ", " + escapeHtml(series[k]) +
           ": " + fmt("%.4f", v) + "</title></rect>\n";
    }
  }
  double x = kWidth - kRight;
  for (std::size_t k = series.size(); k-- > 0;) {
    x -= 12.0 + 7.0 * static_cast<double>(series[k].size()) + 18.0;
    s += "<rect x=\"" + px(x) + "\" y=\"12\" width=\"12\" height=\"12\" fill=\"" + kPalette[k % 4] + "\"/>";
    s += "<text x=\"" + px(x + 16) + "\" y=\"22\" class=\"tick\">" + escapeHtml(series[k]) + "</text>\n";
  }
  return s + "</svg>\n";
}

std::string lorenzSvg(const std::string& title, const std::vector<LorenzPoint>& points) {
  constexpr double kSize = 300.0, kPad = 48.0, kPlot = kSize - 2 * kPad + 24;
  const auto xOf = [&](double v) { return kPad + kPlot * v; };
  const auto yOf = [&](double v) { return kPad - 16 + kPlot * (1.0 - v); };
  std::string s = "<svg class=\"plot\" viewBox=\"0 0 " + px(kSize + 40) + " " + px(kSize) + "\" width=\"" +
                  px(kSize + 40) + "\" height=\"" + px(kSize) + "\" role=\"img\" aria-label=\"" +
                  escapeHtml(title) + "\">\n<text x=\"" + px(kPad) + "\" y=\"18\" class=\"title\">" +
                  escapeHtml(title) + "</text>\n";
  for (const double v : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    s += "<line x1=\"" + px(xOf(0)) + "\" x2=\"" + px(xOf(1)) + "\" y1=\"" + px(yOf(v)) + "\" y2=\"" +
         px(yOf(v)) + "\" class=\"grid\"/>";
    s += "<text x=\"" + px(xOf(0) - 6) + "\" y=\"" + px(yOf(v) + 4) +
         "\" class=\"tick\" text-anchor=\"end\">" + fmt("%.2f", v) + "</text>";
    s += "<text x=\"" + px(xOf(v)) + "\" y=\"" + px(yOf(0) + 16) +
         "\" class=\"tick\" text-anchor=\"middle\">" + fmt("%.2f", v) + "</text>\n";
  }
  s += "<line x1=\"" + px(xOf(0)) + "\" y1=\"" + px(yOf(0)) + "\" x2=\"" + px(xOf(1)) + "\" y2=\"" +
       px(yOf(1)) + "\" class=\"diagonal\"/>\n<polyline fill=\"none\" stroke=\"" + kPalette[0] +
       "\" stroke-width=\"2\" points=\"";
  for (const auto& p : points) s += px(xOf(p.items)) + "," + px(yOf(p.exposure)) + " ";
  s += "\"/>\n<text x=\"" + px(xOf(0.5)) + "\" y=\"" + px(kSize - 6) +
       "\" class=\"axis\" text-anchor=\"middle\">share of catalog items (least exposed first)</text>\n";
  s += "<text transform=\"translate(12 " + px(yOf(0.5)) +
       ") rotate(-90)\" class=\"axis\" text-anchor=\"middle\">share of exposure</text>\n";
  return s + "</svg>\n";
}

}  // namespace reclens::report
