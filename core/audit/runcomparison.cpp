#include "audit/runcomparison.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "audit/auditgroupings.h"
#include "audit/auditreport.h"
#include "audit/auditreportsvg.h"
#include "audit/fairnessstats.h"
#include "data/generatorrng.h"

namespace reclens {

namespace {

// The per-user metrics that pair, in the order of userValues(); the keys are the fairness metric names
// (audit_detail::fairnessMetricNames) plus the accuracy values the fairness table leaves out.
const std::vector<std::string>& pairedKeys() {
  static const std::vector<std::string> kKeys = {"hit",
                                                 "precision",
                                                 "recall",
                                                 "mrr",
                                                 "map",
                                                 "ndcg",
                                                 "average_popularity",
                                                 "aplt",
                                                 "tail_percentage",
                                                 "novelty",
                                                 "intra_list_diversity",
                                                 "miscalibration"};
  return kKeys;
}

// One user's values of pairedKeys(), defined as the run statistics average them (docs/metrics.md):
// novelty per listed item, the rest as recorded.
void userValues(const AuditUserRecord& r, double* out) {
  const double values[] = {r.accuracy.hit,       r.accuracy.precision,
                           r.accuracy.recall,    r.accuracy.mrr,
                           r.accuracy.map,       r.accuracy.ndcg,
                           r.averagePopularity,  r.longTailShare,
                           r.tailPercentage,     r.listLength > 0 ? r.novelty / double(r.listLength) : 0.0,
                           r.intraListDiversity, r.miscalibration};
  std::copy(std::begin(values), std::end(values), out);
}

// Rows keyed by label so that B's values land next to A's; `key` (a pairedKeys() entry) and `group`
// say which per-user values an interval is computed from.
struct Builder {
  std::vector<RunComparisonRow> rows;
  struct Pairing {
    int metric = -1;       // index into pairedKeys()
    std::string grouping;  // empty: every paired user
    std::string group;
  };
  std::vector<Pairing> pairing;

  void put(const std::string& section, const std::string& metric, int side, double value,
           int pairedMetric = -1, const std::string& grouping = {}, const std::string& group = {}) {
    auto it =
        std::find_if(rows.begin(), rows.end(), [&](const RunComparisonRow& r) { return r.metric == metric; });
    if (it == rows.end()) {
      rows.push_back({section, metric});
      pairing.push_back({pairedMetric, grouping, group});
      it = rows.end() - 1;
    }
    (side == 0 ? it->a : it->b) = value;
  }
};

int keyIndex(const std::string& key) {
  const auto& keys = pairedKeys();
  const auto it = std::find(keys.begin(), keys.end(), key);
  return it == keys.end() ? -1 : static_cast<int>(it - keys.begin());
}

void addRows(Builder& out, const AuditRun& run, int side) {
  const auto& r = run.result;
  const int k = r.partial.config.k;
  out.put("Users", "users audited", side, double(auditedUserCount(run)));
  out.put("Users", "users with a test item", side, double(r.evaluatedUsers));
  const std::pair<const char*, double> accuracy[] = {
      {"hit", r.accuracy.hit},       {"precision", r.accuracy.precision},
      {"recall", r.accuracy.recall}, {"mrr", r.accuracy.mrr},
      {"map", r.accuracy.map},       {"ndcg", r.accuracy.ndcg}};
  for (const auto& [key, value] : accuracy)
    out.put("Accuracy", auditMetricLabel(key, k), side, value, keyIndex(key));
  const std::tuple<const char*, double, const char*> tail[] = {
      {"item coverage", r.itemCoverage, ""},
      {"Gini", r.gini, ""},
      {"ARP", r.averagePopularity, "average_popularity"},
      {"APLT", r.aplt, "aplt"},
      {"tail %", r.tailPercentage, "tail_percentage"},
      // The run's novelty is per listed item over every list, not a mean over users: no pairing.
      {"novelty", r.novelty, ""},
      {"intra-list diversity", r.intraListDiversity, "intra_list_diversity"},
      {"exposure entropy (bits)", r.exposureEntropyBits, ""},
      {"miscalibration (KL)", r.miscalibration, "miscalibration"},
      {"PRU", r.popularityRankCorrelation, ""}};
  for (const auto& [label, value, key] : tail) out.put("Long tail", label, side, value, keyIndex(key));
  for (const auto& a : r.fairness) {
    for (const auto& m : a.metrics) {
      const auto label = auditMetricLabel(m.metric, k) + " by " + a.attribute;
      for (const auto& g : m.groups)
        out.put("Fairness", label + ": " + g.group, side, g.mean, keyIndex(m.metric), a.attribute, g.group);
      out.put("Fairness", label + ": max-min gap", side, m.maxMinGap);
      out.put("Fairness", label + ": gap CI low", side, m.gapCiLow);
      out.put("Fairness", label + ": gap CI high", side, m.gapCiHigh);
      out.put("Fairness", label + ": UserMAD", side, m.meanAbsPairwiseGap);
      out.put("Fairness", label + ": effect size d", side, m.effectSize);
      out.put("Fairness", label + ": permutation p", side, m.pValue);
      out.put("Fairness", label + ": p (BH)", side, m.pAdjusted);
    }
    for (const auto& c : a.coverage)
      out.put("Fairness", "coverage by " + a.attribute + ": " + c.group, side, c.coverage);
  }
  for (const auto& g : r.popularityLift) out.put("Popularity lift", "delta GAP " + g.group, side, g.deltaGap);
  for (const auto& grouping : r.itemGroups) {
    for (const auto& g : grouping.groups) {
      out.put("Item groups", "exposure share " + grouping.name + ": " + g.group, side, g.exposureShare);
      out.put("Item groups", "exposure/merit " + grouping.name + ": " + g.group, side, g.exposurePerMerit);
    }
    out.put("Item groups", "RSP " + grouping.name, side, grouping.rsp);
    out.put("Item groups", "REO " + grouping.name, side, grouping.reo);
  }
  for (const auto& f : r.flips) {
    out.put("Flips", "flip rate " + f.attribute, side, f.rate);
    out.put("Flips", "flip mean Jaccard " + f.attribute, side, f.meanJaccard);
  }
}

// Why two runs cannot be paired user by user, or an empty string.
std::string unpairable(const AuditRun& a, const AuditRun& b) {
  const auto& pa = a.result.partial;
  const auto& pb = b.result.partial;
  if (pa.users.empty() || pb.users.empty()) {
    return "no intervals: run " + std::string(pa.users.empty() ? "A" : "B") +
           " has no per-user records (runs of more than " + std::to_string(kMaxSavedUserRecords) +
           " users and runs saved before records were kept are saved without them, JSON without "
           "--json-records too)";
  }
  if (pa.dataFingerprint != pb.dataFingerprint) return "no intervals: the runs audited different data";
  return {};
}

}  // namespace

RunComparison compareAuditRuns(const AuditRun& a, const AuditRun& b, const RunComparisonOptions& options) {
  Builder builder;
  addRows(builder, a, 0);
  addRows(builder, b, 1);
  RunComparison out;
  out.bootstrapSamples = options.bootstrapSamples;
  const auto& pa = a.result.partial;
  const auto& pb = b.result.partial;
  if (pa.dataFingerprint != pb.dataFingerprint) out.notes.emplace_back("the runs audited different data");
  if (pa.config.k != pb.config.k) out.notes.emplace_back("the runs audited different list lengths k");
  if (pa.config.rerank != pb.config.rerank) {
    out.notes.emplace_back("re-ranking: A " + describeReRank(pa.config.rerank) + ", B " +
                           describeReRank(pb.config.rerank));
  }
  for (std::size_t i = 0; i < builder.rows.size(); ++i) {
    auto& row = builder.rows[i];
    row.difference = row.b - row.a;
  }
  const std::string why = unpairable(a, b);
  if (!why.empty()) {
    out.notes.push_back(why);
    out.rows = std::move(builder.rows);
    return out;
  }
  // Users with a held-out item in both runs, matched by dataset row; records are sorted by user row.
  const int width = static_cast<int>(pairedKeys().size());
  std::vector<std::size_t> recordA;  // index into pa.users of every paired user
  std::vector<double> differences;   // width values per paired user
  std::vector<double> va(static_cast<std::size_t>(width)), vb(static_cast<std::size_t>(width));
  for (std::size_t i = 0, j = 0; i < pa.users.size() && j < pb.users.size();) {
    if (pa.users[i].user < pb.users[j].user) {
      ++i;
    } else if (pb.users[j].user < pa.users[i].user) {
      ++j;
    } else {
      if (pa.users[i].hasTest && pb.users[j].hasTest) {
        userValues(pa.users[i], va.data());
        userValues(pb.users[j], vb.data());
        for (int m = 0; m < width; ++m)
          differences.push_back(vb[static_cast<std::size_t>(m)] - va[static_cast<std::size_t>(m)]);
        recordA.push_back(i);
      }
      ++i;
      ++j;
    }
  }
  out.paired = !recordA.empty();
  out.pairedUsers = recordA.size();
  if (!out.paired) {
    out.notes.emplace_back("no intervals: no user has a held-out item in both runs");
    out.rows = std::move(builder.rows);
    return out;
  }
  // Every paired user together, then each group of each of run A's user groupings (the same users fall
  // in the same groups of B when the data are the same).
  GroupedValues values;
  values.metrics = width;
  std::vector<std::pair<std::string, std::string>> groupOf{{"", ""}};  // (grouping, group) per entry
  values.groups.push_back(differences);
  const auto groupings = audit_detail::userGroupings(pa, audit_detail::recordProfiles(pa));
  for (const auto& g : groupings) {
    std::vector<std::vector<double>> members(g.groups.size());
    for (std::size_t p = 0; p < recordA.size(); ++p) {
      const auto code = g.codes[recordA[p]];
      if (code < 0) continue;
      auto& m = members[static_cast<std::size_t>(code)];
      m.insert(m.end(), differences.begin() + static_cast<std::ptrdiff_t>(p * width),
               differences.begin() + static_cast<std::ptrdiff_t>((p + 1) * width));
    }
    for (std::size_t c = 0; c < g.groups.size(); ++c) {
      groupOf.emplace_back(g.name, g.groups[c]);
      values.groups.push_back(std::move(members[c]));
    }
  }
  const auto intervals =
      bootstrapGroupMeans(values, options.bootstrapSamples, GeneratorRng::derive(options.seed, 0x50a1));
  std::map<std::pair<std::string, std::string>, std::size_t> entry;
  for (std::size_t e = 0; e < groupOf.size(); ++e) entry.emplace(groupOf[e], e);
  for (std::size_t i = 0; i < builder.rows.size(); ++i) {
    const auto& how = builder.pairing[i];
    if (how.metric < 0 || !std::isfinite(builder.rows[i].difference)) continue;  // e.g. no category: no KL
    const auto it = entry.find({how.grouping, how.group});
    if (it == entry.end()) continue;
    const auto e = it->second;
    const auto n = values.users(e);
    if (n == 0) continue;
    auto& row = builder.rows[i];
    const auto& interval = intervals[e][static_cast<std::size_t>(how.metric)];
    row.ciLow = interval.low;
    row.ciHigh = interval.high;
    row.pairedUsers = n;
    row.significant = options.bootstrapSamples > 0 && (interval.low > 0.0 || interval.high < 0.0);
  }
  out.rows = std::move(builder.rows);
  return out;
}

namespace {

std::string cell(double v) {
  if (!std::isfinite(v)) return "–";
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", v);
  return text;
}

std::string runLine(const char* side, const AuditRun& run) {
  const auto& p = run.provenance;
  const auto& part = run.result.partial;
  const std::string subject = part.source == "log" ? "log " + p.logPath : "model " + p.modelName;
  return "<tr><th class=\"l\">" + std::string(side) + "</th><td class=\"l\">" +
         report::escapeHtml(run.name.empty() ? subject : run.name) + "</td><td class=\"l\">" +
         report::escapeHtml(subject) + "</td><td>" + std::to_string(part.config.k) + "</td><td class=\"l\">" +
         report::escapeHtml(describeReRank(part.config.rerank)) + "</td><td class=\"l\">" +
         report::escapeHtml(p.createdUtc) + "</td></tr>\n";
}

}  // namespace

std::string runComparisonHtml(const AuditRun& a, const AuditRun& b, const RunComparison& comparison) {
  using report::escapeHtml;
  std::string s =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>RecLens audit "
      "comparison</title>\n<style>" +
      std::string(report::reportCss()) +
      " tr.sig td{font-weight:bold}</style>\n</head>\n<body><main>\n"
      "<h1>RecLens audit comparison</h1>\n<table>\n<tr><th></th><th class=\"l\">run</th><th "
      "class=\"l\">source</th><th>k</th><th class=\"l\">re-ranking</th><th class=\"l\">created "
      "(UTC)</th></tr>\n";
  s += runLine("A", a) + runLine("B", b) + "</table>\n";
  for (const auto& note : comparison.notes) s += "<p class=\"note\">Note: " + escapeHtml(note) + "</p>\n";
  if (comparison.paired) {
    s += "<p>Intervals: 95% paired bootstrap (" + std::to_string(comparison.bootstrapSamples) +
         " resamples) of the mean per-user difference B − A over the " +
         std::to_string(comparison.pairedUsers) +
         " users with a held-out item in both runs; <b>bold</b> rows changed significantly (the interval "
         "excludes 0).</p>\n";
  }
  std::string section;
  for (const auto& r : comparison.rows) {
    if (r.section != section) {
      if (!section.empty()) s += "</table>\n";
      section = r.section;
      s += "<h2>" + escapeHtml(section) +
           "</h2>\n<table>\n<tr><th class=\"l\">metric</th><th>A</th><th>B</th><th>B − A</th><th>95% "
           "interval</th><th>users</th></tr>\n";
    }
    const bool hasInterval = std::isfinite(r.ciLow);
    s += std::string(r.significant ? "<tr class=\"sig\">" : "<tr>") + "<td class=\"l\">" +
         escapeHtml(r.metric) + "</td><td>" + cell(r.a) + "</td><td>" + cell(r.b) + "</td><td>" +
         cell(r.difference) + "</td><td>" +
         (hasInterval ? "[" + cell(r.ciLow) + ", " + cell(r.ciHigh) + "]" : std::string("–")) + "</td><td>" +
         (hasInterval ? std::to_string(r.pairedUsers) : std::string("–")) + "</td></tr>\n";
  }
  if (!section.empty()) s += "</table>\n";
  s +=
      "<p class=\"note\">Metric definitions: docs/metrics.md of RecLens; the comparison: docs/audit.md.</p>\n"
      "</main></body>\n</html>\n";
  return s;
}

}  // namespace reclens
