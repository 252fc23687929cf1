// reclens-cli audit list / audit compare: the audit runs saved in a project, and two runs side by side.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>

#include "audit/auditjson.h"
#include "audit/auditreport.h"
#include "auditoutput.h"
#include "clisupport.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

std::string runSubject(const AuditProvenance& p, const std::string& source) {
  return source == "log" ? "log " + fs::path(p.logPath).filename().string() : "model " + p.modelName;
}

nlohmann::json number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

struct ListArgs {
  std::string project;
  bool json = false;
};

int runList(const ListArgs& a) {
  auto store = ProjectStore::open(a.project, ProjectStore::Mode::ReadOnly);
  if (!store) return reportError(store.error());
  auto runs = listAuditRuns(*store.value());
  if (!runs) return reportError(runs.error());
  if (a.json) {
    auto out = nlohmann::json::array();
    for (const auto& r : runs.value()) {
      out.push_back({{"id", r.id},
                     {"name", r.name},
                     {"created_utc", r.provenance.createdUtc},
                     {"model", r.provenance.modelName},
                     {"log", r.provenance.logPath},
                     {"k", r.config.k},
                     {"users", r.summary.users},
                     {"evaluated_users", r.summary.evaluatedUsers},
                     {"ndcg", number(r.summary.accuracy.ndcg)},
                     {"recall", number(r.summary.accuracy.recall)},
                     {"item_coverage", number(r.summary.itemCoverage)},
                     {"gini", number(r.summary.gini)},
                     {"aplt", number(r.summary.aplt)}});
    }
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  if (runs.value().empty()) {
    std::printf("No saved audit runs in %s (save one with 'reclens-cli audit ... --save')\n",
                a.project.c_str());
    return kExitOk;
  }
  std::printf("%5s  %-32s %-20s %-24s %4s %8s %8s %8s %7s\n", "id", "name", "created (UTC)", "source", "k",
              "users", "NDCG", "coverage", "Gini");
  for (const auto& r : runs.value()) {
    const auto source = runSubject(r.provenance, r.provenance.logPath.empty() ? "model" : "log");
    std::printf("%5lld  %-32s %-20s %-24s %4d %8zu %8.4f %8.4f %7.4f\n", static_cast<long long>(r.id),
                r.name.substr(0, 32).c_str(), r.provenance.createdUtc.c_str(), source.substr(0, 24).c_str(),
                r.config.k, r.summary.users, r.summary.accuracy.ndcg, r.summary.itemCoverage, r.summary.gini);
  }
  return kExitOk;
}

struct CompareArgs {
  std::string project;
  std::string a;
  std::string b;
  bool json = false;
};

// A run given on the command line: a JSON file written by --json, or a saved run's id or name.
Result<AuditRun> loadRunArgument(const std::string& arg, const ProjectStore* store) {
  std::error_code ec;
  if (fs::is_regular_file(arg, ec)) {
    auto text = readTextFile(arg);
    if (!text) return text.error();
    return auditRunFromJson(text.value(), arg);
  }
  if (store == nullptr) {
    return makeError(ErrorCode::NotFound,
                     "'" + arg + "' is not a file; give --project to compare runs saved in a project");
  }
  return loadAuditRun(*store, arg);
}

struct Row {
  std::string metric;
  double a = kMissing;
  double b = kMissing;
};

// Adds `value` of run `side` (0 = A, 1 = B) under `metric`, keeping the first run's row order.
void put(std::vector<Row>& rows, const std::string& metric, int side, double value) {
  auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.metric == metric; });
  if (it == rows.end()) it = rows.insert(rows.end(), Row{metric});
  (side == 0 ? it->a : it->b) = value;
}

void addRows(std::vector<Row>& rows, const AuditRun& run, int side) {
  const auto& r = run.result;
  const int k = r.partial.config.k;
  put(rows, "users audited", side, double(auditedUserCount(run)));
  put(rows, "users with a test item", side, double(r.evaluatedUsers));
  const std::pair<const char*, double> accuracy[] = {
      {"hit", r.accuracy.hit},       {"precision", r.accuracy.precision},
      {"recall", r.accuracy.recall}, {"mrr", r.accuracy.mrr},
      {"map", r.accuracy.map},       {"ndcg", r.accuracy.ndcg}};
  for (const auto& [key, value] : accuracy) put(rows, auditMetricLabel(key, k), side, value);
  const std::pair<const char*, double> tail[] = {{"item coverage", r.itemCoverage},
                                                 {"Gini", r.gini},
                                                 {"ARP", r.averagePopularity},
                                                 {"APLT", r.aplt},
                                                 {"tail %", r.tailPercentage},
                                                 {"novelty", r.novelty},
                                                 {"intra-list diversity", r.intraListDiversity},
                                                 {"exposure entropy (bits)", r.exposureEntropyBits},
                                                 {"miscalibration (KL)", r.miscalibration},
                                                 {"PRU", r.popularityRankCorrelation}};
  for (const auto& [key, value] : tail) put(rows, key, side, value);
  for (const auto& a : r.fairness) {
    for (const auto& m : a.metrics) {
      const auto label = auditMetricLabel(m.metric, k) + " by " + a.attribute;
      for (const auto& g : m.groups) put(rows, label + ": " + g.group, side, g.mean);
      put(rows, label + ": max-min gap", side, m.maxMinGap);
      put(rows, label + ": gap CI low", side, m.gapCiLow);
      put(rows, label + ": gap CI high", side, m.gapCiHigh);
      put(rows, label + ": UserMAD", side, m.meanAbsPairwiseGap);
      put(rows, label + ": effect size d", side, m.effectSize);
      put(rows, label + ": permutation p", side, m.pValue);
      put(rows, label + ": p (BH)", side, m.pAdjusted);
    }
    for (const auto& c : a.coverage)
      put(rows, "coverage by " + a.attribute + ": " + c.group, side, c.coverage);
  }
  for (const auto& g : r.popularityLift) put(rows, "delta GAP " + g.group, side, g.deltaGap);
  for (const auto& grouping : r.itemGroups) {
    for (const auto& g : grouping.groups) {
      put(rows, "exposure share " + grouping.name + ": " + g.group, side, g.exposureShare);
      put(rows, "exposure/merit " + grouping.name + ": " + g.group, side, g.exposurePerMerit);
    }
    put(rows, "RSP " + grouping.name, side, grouping.rsp);
    put(rows, "REO " + grouping.name, side, grouping.reo);
  }
  for (const auto& f : r.flips) {
    put(rows, "flip rate " + f.attribute, side, f.rate);
    put(rows, "flip mean Jaccard " + f.attribute, side, f.meanJaccard);
  }
}

nlohmann::json runHeader(const AuditRun& run, const std::string& arg) {
  const auto& part = run.result.partial;
  return {{"given", arg},
          {"name", run.name},
          {"id", run.id},
          {"source", runSubject(run.provenance, part.source)},
          {"sha256", part.source == "log" ? run.provenance.logSha256 : part.modelSha256},
          {"data_fingerprint", part.dataFingerprint},
          {"k", part.config.k},
          {"seed", part.config.seed},
          {"created_utc", run.provenance.createdUtc}};
}

int runCompare(const CompareArgs& a) {
  std::unique_ptr<ProjectStore> store;
  if (!a.project.empty()) {
    auto opened = ProjectStore::open(a.project, ProjectStore::Mode::ReadOnly);
    if (!opened) return reportError(opened.error());
    store = std::move(opened).value();
  }
  auto runA = loadRunArgument(a.a, store.get());
  if (!runA) return reportError(runA.error());
  auto runB = loadRunArgument(a.b, store.get());
  if (!runB) return reportError(runB.error());
  std::vector<Row> rows;
  addRows(rows, runA.value(), 0);
  addRows(rows, runB.value(), 1);
  const auto& pa = runA.value().result.partial;
  const auto& pb = runB.value().result.partial;
  std::vector<std::string> notes;
  if (pa.dataFingerprint != pb.dataFingerprint) notes.emplace_back("the runs audited different data");
  if (pa.config.k != pb.config.k) notes.emplace_back("the runs audited different list lengths k");
  if (a.json) {
    nlohmann::json out = {
        {"a", runHeader(runA.value(), a.a)}, {"b", runHeader(runB.value(), a.b)}, {"notes", notes}};
    out["rows"] = nlohmann::json::array();
    for (const auto& r : rows) {
      out["rows"].push_back(
          {{"metric", r.metric}, {"a", number(r.a)}, {"b", number(r.b)}, {"difference", number(r.b - r.a)}});
    }
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  const auto header = [](const char* side, const AuditRun& run, const std::string& arg) {
    const auto& part = run.result.partial;
    const auto sha = part.source == "log" ? run.provenance.logSha256 : part.modelSha256;
    std::printf("%s: %s  %s, sha256 %s, data %s, k %d, seed %llu, %s\n", side,
                run.name.empty() ? arg.c_str() : run.name.c_str(),
                runSubject(run.provenance, part.source).c_str(), sha.substr(0, 12).c_str(),
                part.dataFingerprint.substr(0, 12).c_str(), part.config.k,
                static_cast<unsigned long long>(part.config.seed), run.provenance.createdUtc.c_str());
  };
  header("A", runA.value(), a.a);
  header("B", runB.value(), a.b);
  for (const auto& n : notes) std::printf("note: %s\n", n.c_str());
  std::printf("\n%-52s %12s %12s %12s\n", "metric", "A", "B", "B - A");
  const auto cell = [](double v) {
    char buf[32];
    if (std::isfinite(v)) {
      std::snprintf(buf, sizeof buf, "%12.4f", v);
    } else {
      std::snprintf(buf, sizeof buf, "%12s", "-");
    }
    return std::string(buf);
  };
  for (const auto& r : rows) {
    std::printf("%-52s %s %s %s\n", r.metric.substr(0, 52).c_str(), cell(r.a).c_str(), cell(r.b).c_str(),
                cell(r.b - r.a).c_str());
  }
  return kExitOk;
}

}  // namespace

void addAuditListCommand(CLI::App& audit, CommandRunner& runner) {
  auto a = std::make_shared<ListArgs>();
  auto* sub = audit.add_subcommand("list", "List the audit runs saved in a project, newest first");
  sub->add_option("--project", a->project, "Project file (*.reclens)")->required();
  sub->add_flag("--json", a->json, "Print JSON on stdout");
  sub->callback([&runner, a] { runner = [a] { return runList(*a); }; });
}

void addAuditCompareCommand(CLI::App& audit, CommandRunner& runner) {
  auto a = std::make_shared<CompareArgs>();
  auto* sub =
      audit.add_subcommand("compare", "Two audit runs side by side: saved runs (id or name) or JSON files");
  sub->add_option("--project", a->project, "Project file holding the saved runs");
  sub->add_option("run_a", a->a, "Saved run id or name, or a JSON file from 'audit --json'")->required();
  sub->add_option("run_b", a->b, "Saved run id or name, or a JSON file from 'audit --json'")->required();
  sub->add_flag("--json", a->json, "Print JSON on stdout");
  sub->callback([&runner, a] { runner = [a] { return runCompare(*a); }; });
}

}  // namespace reclens::cli
