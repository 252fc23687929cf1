#include "audit/auditreport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "audit/auditreportsvg.h"
#include "audit/longtailmetrics.h"

namespace reclens {

namespace {

using report::escapeHtml;

// Item groups drawn per plot; the tables below the plot list every group.
constexpr std::size_t kMaxPlottedGroups = 40;

std::string num(double v, const char* format = "%.4f") {
  if (std::isnan(v)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string pValue(double p) {
  return p < 0.001 ? std::string("&lt; 0.001") : num(p, "%.3f");
}

std::string joinOrAll(const std::vector<std::string>& names, const std::string& empty) {
  if (names.empty()) return empty;
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string card(const std::string& key, const std::string& value) {
  return "<div class=\"card\"><div class=\"v\">" + value + "</div><div class=\"k\">" + escapeHtml(key) +
         "</div></div>";
}

std::string row(const std::vector<std::string>& cells, bool header = false) {
  std::string s = "<tr>";
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const char* tag = header ? "th" : "td";
    s += std::string("<") + tag + (i == 0 ? " class=\"l\"" : "") + ">" + cells[i] + "</" + tag + ">";
  }
  return s + "</tr>\n";
}

std::string headline(const AuditRun& run) {
  const auto& r = run.result;
  const int k = r.partial.config.k;
  std::string s = "<div class=\"cards\">";
  s += card("users audited", std::to_string(auditedUserCount(run)));
  s += card("users with a test item", std::to_string(r.evaluatedUsers));
  s += card(auditMetricLabel("ndcg", k), num(r.accuracy.ndcg));
  s += card(auditMetricLabel("recall", k), num(r.accuracy.recall));
  s += card("item coverage@" + std::to_string(k), num(r.itemCoverage));
  s += card("Gini@" + std::to_string(k), num(r.gini));
  s += card("APLT@" + std::to_string(k), num(r.aplt));
  return s + "</div>\n";
}

std::string accuracySection(const AuditResult& r) {
  const int k = r.partial.config.k;
  std::string s =
      "<h2>Accuracy</h2>\n<p class=\"note\">Binary relevance against each user's held-out items, "
      "averaged over the " +
      std::to_string(r.evaluatedUsers) + " users with at least one (as RecBole).</p>\n<table>";
  s += row({"metric", "value"}, true);
  const std::pair<const char*, double> values[] = {
      {"hit", r.accuracy.hit},       {"precision", r.accuracy.precision},
      {"recall", r.accuracy.recall}, {"mrr", r.accuracy.mrr},
      {"map", r.accuracy.map},       {"ndcg", r.accuracy.ndcg}};
  for (const auto& [key, value] : values) s += row({escapeHtml(auditMetricLabel(key, k)), num(value)});
  return s + "</table>\n";
}

std::string longTailSection(const AuditResult& r) {
  const int k = r.partial.config.k;
  const std::string at = "@" + std::to_string(k);
  std::string s = "<h2>Long tail and exposure</h2>\n<table>";
  s += row({"metric", "value", "meaning"}, true);
  s += row({"item coverage" + at, num(r.itemCoverage), "share of the catalog recommended to anyone"});
  s += row({"Gini" + at, num(r.gini), "inequality of exposure counts over every catalog item (0 = equal)"});
  s += row({"ARP" + at, num(r.averagePopularity, "%.2f"), "mean train interactions of the listed items"});
  s += row({"APLT" + at, num(r.aplt), "mean share of long-tail items per list (outside the 80% short head)"});
  s +=
      row({"tail percentage" + at, num(r.tailPercentage),
           "mean share of the " + num(r.partial.config.tailRatio * 100.0, "%.0f") + "% least popular items"});
  s += row(
      {"novelty" + at, num(r.novelty, "%.3f"), "mean self-information −log2(popularity) of listed items"});
  s += row({"intra-list diversity" + at, num(r.intraListDiversity),
            r.partial.source == "log" ? "1 − mean co-occurrence cosine of list pairs"
                                      : "1 − mean embedding cosine of list pairs"});
  s += row({"exposure entropy", num(r.exposureEntropyBits, "%.3f") + " bits", "spread of exposure counts"});
  s += row({"miscalibration" + at, num(r.miscalibration),
            "Steck's KL divergence of list categories from history categories (α = 0.01; 0 = calibrated)"});
  s += row(
      {"PRU" + at, num(r.popularityRankCorrelation),
       "−mean Spearman correlation of popularity and rank within lists (> 0: popular items ranked higher)"});
  s += "</table>\n";
  if (!r.popularityLift.empty()) {
    s +=
        "<h3>Popularity lift by user profile</h3>\n<p class=\"note\">Users ordered by their share of popular "
        "items (the top 20% of items by train count) in their history: the lowest 20% niche, the highest 20% "
        "blockbuster, the rest diverse. ΔGAP = (GAP of the lists − GAP of the histories) / GAP of the "
        "histories.</p>\n<table>" +
        row({"profile", "users", "popular share", "GAP history", "GAP lists", "ΔGAP"}, true);
    for (const auto& g : r.popularityLift) {
      s += row({escapeHtml(g.group), std::to_string(g.users),
                num(g.minShare, "%.3f") + " – " + num(g.maxShare, "%.3f"), num(g.profilePopularity, "%.2f"),
                num(g.listPopularity, "%.2f"), num(g.deltaGap, "%.3f")});
    }
    s += "</table>\n";
  }
  if (r.partial.exposureCount.empty()) {
    return s +
           "<p class=\"note\">The per-item exposure was not kept with this run, so no Lorenz curve.</p>\n";
  }
  std::vector<double> counts(r.partial.exposureCount.begin(), r.partial.exposureCount.end());
  return s + report::lorenzSvg("Lorenz curve of exposure (Gini " + num(r.gini, "%.3f") + ")",
                               lorenzCurve(counts, 400));
}

std::string fairnessSection(const AuditResult& r) {
  const int k = r.partial.config.k;
  std::string s =
      "<h2>Fairness across user groups</h2>\n<p class=\"note\">Group means of users with a test item, "
      "with 95% percentile bootstrap intervals (" +
      std::to_string(r.partial.config.bootstrapSamples) +
      " resamples); gaps are max − min and the mean absolute pairwise difference (UserMAD); p is a "
      "permutation test of the max − min gap (" +
      std::to_string(r.partial.config.permutations) + " permutations).</p>\n";
  if (r.fairness.empty()) return s + "<p>No user attributes were audited.</p>\n";
  for (const auto& a : r.fairness) {
    s += "<h3>By " + escapeHtml(a.attribute) + "</h3>\n";
    if (a.metrics.empty()) continue;
    const auto& first = a.metrics.front();
    std::vector<report::Bar> bars;
    for (const auto& g : first.groups) bars.push_back({g.group, g.mean, g.ciLow, g.ciHigh});
    s += report::barChartSvg(auditMetricLabel(first.metric, k) + " by " + a.attribute + " (95% CI)",
                             auditMetricLabel(first.metric, k), bars);
    s += "<table>";
    std::vector<std::string> head = {"group", "users"};
    for (const auto& m : a.metrics) head.push_back(escapeHtml(auditMetricLabel(m.metric, k)) + " [95% CI]");
    s += row(head, true);
    for (std::size_t g = 0; g < first.groups.size(); ++g) {
      std::vector<std::string> cells = {escapeHtml(first.groups[g].group),
                                        std::to_string(first.groups[g].users)};
      for (const auto& m : a.metrics) {
        if (g >= m.groups.size()) continue;
        const auto& x = m.groups[g];
        const bool lowest = std::all_of(m.groups.begin(), m.groups.end(),
                                        [&x](const GroupStat& o) { return o.mean >= x.mean; }) &&
                            m.groups.size() > 1;
        cells.push_back((lowest ? "<span class=\"low\">" + num(x.mean) + "</span>" : num(x.mean)) + " [" +
                        num(x.ciLow) + ", " + num(x.ciHigh) + "]");
      }
      s += row(cells);
    }
    s += "</table>\n<table>" + row({"metric", "max − min gap [95% CI]", "highest > lowest", "UserMAD",
                                    "Cohen's d", "permutation p", "p (Benjamini–Hochberg)"},
                                   true);
    for (const auto& m : a.metrics) {
      s += row({escapeHtml(auditMetricLabel(m.metric, k)),
                num(m.maxMinGap) + " [" + num(m.gapCiLow) + ", " + num(m.gapCiHigh) + "]",
                escapeHtml(m.highGroup + " > " + m.lowGroup), num(m.meanAbsPairwiseGap),
                num(m.effectSize, "%.2f"), pValue(m.pValue), pValue(m.pAdjusted)});
    }
    s += "</table>\n";
    if (!a.coverage.empty()) {
      s += "<table>" + row({"group", "audited users", "distinct items listed", "item coverage"}, true);
      for (const auto& c : a.coverage)
        s += row({escapeHtml(c.group), std::to_string(c.users), std::to_string(c.items), num(c.coverage)});
      s += "</table>\n";
    }
  }
  return s;
}

std::string itemGroupSection(const AuditResult& r) {
  std::string s =
      "<h2>Exposure of item groups</h2>\n<p class=\"note\">Exposure of an item at rank r is "
      "1/log2(1 + r); a group's share of all exposure is set against its share of the catalog and "
      "of the train interactions.</p>\n";
  if (r.itemGroups.empty()) return s + "<p>No item groupings were audited.</p>\n";
  for (const auto& grouping : r.itemGroups) {
    s += "<h3>By " + escapeHtml(grouping.name) + "</h3>\n";
    auto plotted = grouping.groups;
    std::string title = "Share of exposure, catalog and interactions by " + grouping.name;
    if (plotted.size() > kMaxPlottedGroups) {
      std::stable_sort(plotted.begin(), plotted.end(),
                       [](const ItemGroupExposure& a, const ItemGroupExposure& b) {
                         return a.catalogShare > b.catalogShare;
                       });
      plotted.resize(kMaxPlottedGroups);
      title += " (the " + std::to_string(kMaxPlottedGroups) + " largest groups)";
    }
    std::vector<report::BarGroup> bars;
    for (const auto& g : plotted)
      bars.push_back({g.group, {g.exposureShare, g.catalogShare, g.interactionShare}});
    s += report::groupedBarChartSvg(title, {"exposure", "catalog", "interactions"}, bars);
    s += "<table>" +
         row({"group", "items", "exposure share", "catalog share", "interaction share", "exposure / catalog",
              "mean exposure per item", "merit share", "exposure / merit", "P(R@k)", "P(R@k | held out)"},
             true);
    for (const auto& g : grouping.groups) {
      s += row({escapeHtml(g.group), std::to_string(g.items), num(g.exposureShare), num(g.catalogShare),
                num(g.interactionShare),
                g.catalogShare > 0 ? num(g.exposureShare / g.catalogShare, "%.2f") : "n/a",
                num(g.meanExposure), num(g.meritShare), num(g.exposurePerMerit, "%.2f"),
                num(g.recommendationRate, "%.2e"), num(g.hitRate)});
    }
    s += "</table>\n<p>RSP@" + std::to_string(r.partial.config.k) + " " + num(grouping.rsp) + ", REO@" +
         std::to_string(r.partial.config.k) + " " + num(grouping.reo) +
         " (relative standard deviation of the two rates over the groups; 0 = parity).</p>\n";
  }
  return s;
}

std::string flipSection(const AuditResult& r) {
  std::string s = "<h2>Counterfactual flips</h2>\n";
  if (r.flips.empty()) {
    return s + "<p>No attribute was flipped" +
           (r.partial.source == "log" ? std::string(" (a recommendation log has no model to ask).") : ".") +
           "</p>\n";
  }
  s += "<p class=\"note\">Each user's top-" + std::to_string(r.partial.config.k) +
       " recomputed with every other value of the attribute: the share of users whose list changes and the "
       "mean Jaccard overlap of the original and flipped lists.</p>\n<table>" +
       row({"attribute", "users", "flip rate", "mean Jaccard"}, true);
  for (const auto& f : r.flips) {
    s += row({escapeHtml(f.attribute), std::to_string(f.users), num(f.rate), num(f.meanJaccard)});
  }
  return s + "</table>\n";
}

std::string provenanceSection(const AuditRun& run) {
  const auto& p = run.provenance;
  const auto& part = run.result.partial;
  const auto& c = part.config;
  const auto line = [](const std::string& key, const std::string& value, bool mono = false) {
    return "<tr><th class=\"l\">" + escapeHtml(key) + "</th><td class=\"" + (mono ? "mono" : "l") + "\">" +
           escapeHtml(value) + "</td></tr>\n";
  };
  std::string s = "<h2>Provenance</h2>\n<table>";
  if (!run.name.empty())
    s += line("saved run", run.name + (run.id > 0 ? " (id " + std::to_string(run.id) + ")" : ""));
  if (part.source == "log") {
    s += line("recommendation log", p.logPath);
    s += line("log SHA-256", p.logSha256, true);
  } else {
    s += line("model", p.modelName + (p.modelKind.empty() ? "" : " (" + p.modelKind + ")"));
    s += line("model file", p.modelPath);
    s += line("model SHA-256", part.modelSha256, true);
  }
  s += line("project", p.project);
  s += line("dataset", p.datasetName);
  s += line("data fingerprint", part.dataFingerprint, true);
  s += line("catalog items / users", std::to_string(part.numItems) + " / " + std::to_string(part.numUsers));
  s += line("split", p.split);
  s += line("list length k", std::to_string(c.k));
  if (part.source != "log") s += line("re-ranking", describeReRank(c.rerank));
  s += line("user attributes", joinOrAll(part.userAttributes, "none"));
  s += line("item groupings", joinOrAll(c.itemGroupings, "default (tier, category, brand)"));
  s += line("flipped attributes", joinOrAll(part.flipAttributes, "none"));
  s += line("tail ratio", num(c.tailRatio, "%.3g"));
  s += line("bootstrap resamples / permutations",
            std::to_string(c.bootstrapSamples) + " / " + std::to_string(c.permutations));
  s += line("seed", std::to_string(c.seed));
  std::string shards;
  for (const int shard : part.shards) shards += (shards.empty() ? "" : ", ") + std::to_string(shard);
  s += line("shards merged", shards.empty() ? "0" : shards);
  s += line("metric definitions version", p.metricDefinitionsVersion);
  s += line("device", p.device);
  s += line("RecLens", p.recLensVersion);
  s += line("libraries", p.libraryVersions);
  s += line("created (UTC)", p.createdUtc);
  return s + "</table>\n";
}

}  // namespace

std::string auditMetricLabel(const std::string& metric, int k) {
  const std::pair<const char*, const char*> names[] = {{"hit", "HR"},
                                                       {"precision", "Precision"},
                                                       {"recall", "Recall"},
                                                       {"mrr", "MRR"},
                                                       {"map", "MAP"},
                                                       {"ndcg", "NDCG"},
                                                       {"average_popularity", "ARP"},
                                                       {"aplt", "APLT"},
                                                       {"tail_percentage", "tail%"},
                                                       {"novelty", "novelty"},
                                                       {"intra_list_diversity", "ILD"},
                                                       {"miscalibration", "miscal"}};
  std::string label = metric;
  for (const auto& [key, name] : names) {
    if (metric == key) label = name;
  }
  return label + "@" + std::to_string(k);
}

std::string auditReportHtml(const AuditRun& run) {
  const auto& p = run.provenance;
  const auto& r = run.result;
  const std::string subject =
      r.partial.source == "log" ? "recommendation log " + p.logPath : "model " + p.modelName;
  std::string s =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>RecLens audit: " +
      escapeHtml(subject) + "</title>\n<style>" + report::reportCss() + "</style>\n</head>\n<body><main>\n";
  s += "<h1>RecLens audit report</h1>\n<p class=\"sub\">" + escapeHtml(subject) + " on " +
       escapeHtml(p.datasetName.empty() ? p.project : p.datasetName) + " · top-" +
       std::to_string(r.partial.config.k) +
       (r.partial.config.rerank.active()
            ? " · re-ranked: " + escapeHtml(describeReRank(r.partial.config.rerank))
            : std::string()) +
       " · " + escapeHtml(p.createdUtc) + (run.name.empty() ? "" : " · " + escapeHtml(run.name)) + "</p>\n";
  s += headline(run);
  s += accuracySection(r);
  s += longTailSection(r);
  s += fairnessSection(r);
  s += itemGroupSection(r);
  s += flipSection(r);
  s += provenanceSection(run);
  s += "<p class=\"note\">Metric definitions version " + escapeHtml(p.metricDefinitionsVersion) +
       " (see docs/metrics.md of RecLens). Identical data, model, configuration and seed give identical "
       "numbers.</p>\n</main></body>\n</html>\n";
  return s;
}

}  // namespace reclens
