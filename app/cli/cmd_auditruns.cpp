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
#include "audit/runcomparison.h"
#include "auditoutput.h"
#include "clisupport.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;

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
                     {"rerank", describeReRank(r.config.rerank)},
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
  std::string html;
  int bootstrap = 1000;
  std::uint64_t seed = 1;
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
          {"rerank", describeReRank(part.config.rerank)},
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
  RunComparisonOptions options;
  options.bootstrapSamples = a.bootstrap;
  options.seed = a.seed;
  const auto comparison = compareAuditRuns(runA.value(), runB.value(), options);
  if (!a.html.empty()) {
    if (auto s = writeTextFile(a.html, runComparisonHtml(runA.value(), runB.value(), comparison)); !s)
      return reportError(s.error());
  }
  if (a.json) {
    nlohmann::json out = {{"a", runHeader(runA.value(), a.a)},
                          {"b", runHeader(runB.value(), a.b)},
                          {"notes", comparison.notes},
                          {"paired", comparison.paired},
                          {"paired_users", comparison.pairedUsers},
                          {"bootstrap", comparison.bootstrapSamples}};
    out["rows"] = nlohmann::json::array();
    for (const auto& r : comparison.rows) {
      out["rows"].push_back({{"section", r.section},
                             {"metric", r.metric},
                             {"a", number(r.a)},
                             {"b", number(r.b)},
                             {"difference", number(r.difference)},
                             {"ci_low", number(r.ciLow)},
                             {"ci_high", number(r.ciHigh)},
                             {"paired_users", r.pairedUsers},
                             {"significant", r.significant}});
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
  for (const auto& n : comparison.notes) std::printf("note: %s\n", n.c_str());
  if (comparison.paired) {
    std::printf(
        "95%% paired bootstrap intervals of B - A over the %zu users with a held-out item in both runs "
        "(%d resamples); * = the interval excludes 0\n",
        comparison.pairedUsers, comparison.bootstrapSamples);
  }
  std::printf("\n%-52s %12s %12s %12s  %s\n", "metric", "A", "B", "B - A", "95% interval");
  const auto cell = [](double v) {
    char buf[32];
    if (std::isfinite(v)) {
      std::snprintf(buf, sizeof buf, "%12.4f", v);
    } else {
      std::snprintf(buf, sizeof buf, "%12s", "-");
    }
    return std::string(buf);
  };
  for (const auto& r : comparison.rows) {
    std::string interval;
    if (std::isfinite(r.ciLow)) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "[%.4f, %.4f]%s", r.ciLow, r.ciHigh, r.significant ? " *" : "");
      interval = buf;
    }
    std::printf("%-52s %s %s %s  %s\n", r.metric.substr(0, 52).c_str(), cell(r.a).c_str(), cell(r.b).c_str(),
                cell(r.difference).c_str(), interval.c_str());
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
  sub->add_option("--html", a->html, "Also write the comparison as an HTML report to this file");
  sub->add_option("--bootstrap", a->bootstrap, "Resamples of the paired bootstrap intervals (0: none)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  sub->add_option("--seed", a->seed, "Seed of the paired bootstrap")->capture_default_str();
  sub->callback([&runner, a] { runner = [a] { return runCompare(*a); }; });
}

}  // namespace reclens::cli
