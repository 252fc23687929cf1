#include "sim/simreport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "audit/auditreportsvg.h"

namespace reclens::sim {

namespace {

using report::escapeHtml;

const char* const kColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

std::string num(double v, const char* format = "%.4f") {
  if (!std::isfinite(v)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string withInterval(const Interval& i, const char* format) {
  if (!std::isfinite(i.mean)) return "n/a";
  if (i.n < 2) return num(i.mean, format);
  return num(i.mean, format) + " ± " + num(0.5 * (i.high - i.low), format);
}

std::string row(const std::vector<std::string>& cells, bool header = false) {
  std::string s = "<tr>";
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const char* tag = header ? "th" : "td";
    s += std::string("<") + tag + (c == 0 ? " class=\"l\"" : "") + ">" + cells[c] + "</" + tag + ">";
  }
  return s + "</tr>\n";
}

// One metric against the round: a line per policy (mean over seeds) in its 95% band.
std::string lineChart(const SimResult& r, int metric) {
  const double w = 640, h = 260, left = 64, right = 16, top = 28, bottom = 40;
  const int rounds = r.config.rounds;
  double lo = INFINITY, hi = -INFINITY;
  std::vector<std::vector<Interval>> series;
  for (const auto& run : r.runs) {
    std::vector<Interval> points;
    for (int t = 0; t < rounds; ++t) {
      const auto i = metricInterval(run, metric, t);
      points.push_back(i);
      if (std::isfinite(i.low)) lo = std::min(lo, i.low);
      if (std::isfinite(i.high)) hi = std::max(hi, i.high);
    }
    series.push_back(std::move(points));
  }
  if (!std::isfinite(lo) || !std::isfinite(hi)) return "";
  if (hi - lo < 1e-12) {
    hi += 0.5;
    lo -= 0.5;
  }
  const double pad = 0.05 * (hi - lo);
  lo -= pad;
  hi += pad;
  auto x = [&](int t) { return left + (w - left - right) * (rounds > 1 ? double(t) / (rounds - 1) : 0.5); };
  auto y = [&](double v) { return top + (h - top - bottom) * (1.0 - (v - lo) / (hi - lo)); };
  std::string s = "<svg class=\"plot\" width=\"" + num(w, "%.0f") + "\" height=\"" + num(h, "%.0f") +
                  "\" xmlns=\"http://www.w3.org/2000/svg\">\n";
  s += "<text class=\"title\" x=\"" + num(left, "%.0f") + "\" y=\"16\">" + escapeHtml(metricLabel(metric)) +
       "</text>\n";
  for (int g = 0; g <= 4; ++g) {
    const double v = lo + (hi - lo) * g / 4.0;
    s += "<line class=\"grid\" x1=\"" + num(left, "%.1f") + "\" x2=\"" + num(w - right, "%.1f") + "\" y1=\"" +
         num(y(v), "%.1f") + "\" y2=\"" + num(y(v), "%.1f") + "\"/>";
    s += "<text class=\"tick\" x=\"" + num(left - 6, "%.1f") + "\" y=\"" + num(y(v) + 4, "%.1f") +
         "\" text-anchor=\"end\">" + num(v, "%.3g") + "</text>\n";
  }
  s += "<text class=\"axis\" x=\"" + num((left + w - right) / 2, "%.1f") + "\" y=\"" + num(h - 8, "%.1f") +
       "\" text-anchor=\"middle\">round (1 to " + std::to_string(rounds) + ")</text>\n";
  for (std::size_t p = 0; p < series.size(); ++p) {
    const char* colour = kColours[p % std::size(kColours)];
    std::string band, line;
    for (int t = 0; t < rounds; ++t) {
      const auto& i = series[p][static_cast<std::size_t>(t)];
      if (!std::isfinite(i.mean)) continue;
      line += (line.empty() ? "M" : "L") + num(x(t), "%.1f") + "," + num(y(i.mean), "%.1f");
    }
    for (int t = 0; t < rounds; ++t) {
      const auto& i = series[p][static_cast<std::size_t>(t)];
      if (std::isfinite(i.high))
        band += (band.empty() ? "M" : "L") + num(x(t), "%.1f") + "," + num(y(i.high), "%.1f");
    }
    for (int t = rounds - 1; t >= 0; --t) {
      const auto& i = series[p][static_cast<std::size_t>(t)];
      if (std::isfinite(i.low)) band += "L" + num(x(t), "%.1f") + "," + num(y(i.low), "%.1f");
    }
    if (!band.empty())
      s += "<path d=\"" + band + "Z\" fill=\"" + colour + "\" fill-opacity=\"0.15\" stroke=\"none\"/>\n";
    if (!line.empty())
      s += "<path d=\"" + line + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"/>\n";
    s += "<text class=\"tick\" x=\"" + num(w - right - 4, "%.1f") + "\" y=\"" +
         num(top + 14.0 * (p + 1), "%.1f") + "\" text-anchor=\"end\" fill=\"" + colour + "\">" +
         escapeHtml(r.runs[p].policy) + "</text>\n";
  }
  return s + "</svg>\n";
}

}  // namespace

std::string simulationReportHtml(const SimResult& r, const AuditProvenance& stamp) {
  const auto& c = r.config;
  const int last = c.rounds - 1;
  std::string s =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>RecLens simulation: " +
      escapeHtml(stamp.datasetName) + "</title>\n<style>" + report::reportCss() +
      "</style>\n</head>\n<body><main>\n";
  s += "<h1>Simulation report</h1>\n<p class=\"sub\">" + escapeHtml(stamp.datasetName) + " &middot; model " +
       escapeHtml(stamp.modelName) + " &middot; " + escapeHtml(stamp.createdUtc) + "</p>\n";
  s += "<h2>Provenance</h2>\n<table>\n";
  s += row({"project", escapeHtml(stamp.project)});
  s += row({"dataset", escapeHtml(stamp.datasetName)});
  s += row({"model", escapeHtml(stamp.modelName) + " (" + escapeHtml(stamp.modelKind) + ")"});
  s += row({"model file", "<span class=\"mono\">" + escapeHtml(stamp.modelPath) + "</span>"});
  s += row({"device", escapeHtml(stamp.device)});
  s += row({"RecLens", escapeHtml(stamp.recLensVersion) + "; " + escapeHtml(stamp.libraryVersions)});
  s += row({"created", escapeHtml(stamp.createdUtc)});
  s += row({"run time", num(r.seconds, "%.1f") + " s"});
  s += "</table>\n";
  std::string policies;
  for (const auto& p : c.policies) policies += (policies.empty() ? "" : ", ") + p.name;
  s += "<h2>Configuration</h2>\n<table>\n";
  s += row({"policies", escapeHtml(policies)});
  s += row({"rounds", std::to_string(c.rounds)});
  s += row({"users per round",
            c.usersPerRound > 0 ? std::to_string(c.usersPerRound) : "all (" + std::to_string(r.users) + ")"});
  s += row({"slate length K", std::to_string(c.k)});
  s += row({"examination", escapeHtml(c.examination.name())});
  s += row({"updates", c.retrainEvery > 0
                           ? "user vectors every round; warm-started re-training every " +
                                 std::to_string(c.retrainEvery) + " rounds (" +
                                 std::to_string(c.retrainEpochs) + " epochs) on " + retrainDataText(c)
                           : "user vectors every round; the model is frozen"});
  s += row({"seeds", std::to_string(c.seeds) + " (from " + std::to_string(c.seed) + ")"});
  s += row({"truth", escapeHtml(r.oracle)});
  s += "</table>\n<p class=\"note\">Every draw is a hash of (seed, round, user, slot or item): all policies "
       "meet "
       "the same random numbers, and a run is reproducible from its seed. Definitions: "
       "docs/simulation.md.</p>\n";

  s += "<h2>Final round (mean ± half-width of the 95% interval over seeds)</h2>\n<table>\n";
  std::vector<std::string> head = {"policy"};
  const int shown[] = {
      kTakes,        kCumulativeTakes, kCumulativeRegret, kNdcg,      kCumulativeCoverage, kGini,
      kAplt,         kTailExposure,    kNovelty,          kDiversity, kHomogenisation,     kPlantedBrandShare,
      kInterestDrift};
  for (int m : shown) head.push_back(escapeHtml(metricLabel(m)));
  s += row(head, true);
  for (const auto& run : r.runs) {
    std::vector<std::string> cells = {escapeHtml(run.policy)};
    for (int m : shown) cells.push_back(withInterval(metricInterval(run, m, last), "%.4g"));
    s += row(cells);
  }
  s += "</table>\n";
  if (!r.attributes.empty()) {
    s += "<h3>User-group gaps, final round (max − min over groups)</h3>\n<table>\n";
    std::vector<std::string> gh = {"policy"};
    for (const auto& a : r.attributes) {
      gh.push_back(escapeHtml(a.name) + ": takes");
      gh.push_back(escapeHtml(a.name) + ": NDCG");
    }
    s += row(gh, true);
    for (const auto& run : r.runs) {
      std::vector<std::string> cells = {escapeHtml(run.policy)};
      for (std::size_t a = 0; a < r.attributes.size(); ++a) {
        cells.push_back(withInterval(groupGapInterval(run, a, false, last), "%.4g"));
        cells.push_back(withInterval(groupGapInterval(run, a, true, last), "%.4g"));
      }
      s += row(cells);
    }
    s += "</table>\n";
  }
  if (!r.itemAttributes.empty()) {
    s += "<h3>Item-group exposure, final round</h3>\n<p class=\"note\">Exposure gap: the total variation "
         "distance between the groups' shares of position-weighted exposure and their shares of the "
         "catalog (0: every group shown in proportion to its catalog presence).</p>\n<table>\n";
    std::vector<std::string> gh = {"policy"};
    for (const auto& a : r.itemAttributes) gh.push_back(escapeHtml(a.name) + ": exposure gap");
    s += row(gh, true);
    for (const auto& run : r.runs) {
      std::vector<std::string> cells = {escapeHtml(run.policy)};
      for (std::size_t a = 0; a < r.itemAttributes.size(); ++a)
        cells.push_back(withInterval(itemExposureGapInterval(r, run, a, last), "%.4g"));
      s += row(cells);
    }
    s += "</table>\n";
    for (std::size_t a = 0; a < r.itemAttributes.size(); ++a) {
      const auto& attribute = r.itemAttributes[a];
      if (attribute.values.size() > kItemValuesListed) continue;
      s += "<h3>Exposure share by " + escapeHtml(attribute.name) + ", final round</h3>\n<table>\n";
      std::vector<std::string> sh = {escapeHtml(attribute.name), "catalog share"};
      for (const auto& run : r.runs) sh.push_back(escapeHtml(run.policy));
      s += row(sh, true);
      for (std::size_t v = 0; v < attribute.values.size(); ++v) {
        std::vector<std::string> cells = {escapeHtml(attribute.values[v]),
                                          num(attribute.catalogShares[v], "%.4g")};
        for (const auto& run : r.runs)
          cells.push_back(withInterval(itemExposureShareInterval(run, a, v, last), "%.4g"));
        s += row(cells);
      }
      s += "</table>\n";
    }
  }
  s += "<h2>By round</h2>\n";
  for (int m : {kCumulativeTakes, kCumulativeRegret, kCumulativeCoverage, kGini, kTailExposure,
                kPlantedBrandShare, kHomogenisation}) {
    s += lineChart(r, m);
  }
  return s + "</main></body>\n</html>\n";
}

}  // namespace reclens::sim
