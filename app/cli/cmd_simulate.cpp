// reclens-cli simulate: rounds of recommend -> respond -> update for several policies side by side on
// common random numbers, with the project's true tastes (or a truth model) answering; and
// `simulate merge` for the partial results of a run sharded over seeds.
#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>

#include "audit/auditrun.h"
#include "auditoutput.h"
#include "clisupport.h"
#include "commands.h"
#include "engine/computethreads.h"
#include "model/modellookup.h"
#include "projectmodel.h"
#include "sim/oracle.h"
#include "sim/simjson.h"
#include "sim/simreport.h"
#include "sim/simretrain.h"
#include "sim/simulation.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

struct SimulateArgs {
  std::string project;
  std::string model;
  std::string policies = "greedy,egreedy:0.1,thompson,linucb";
  std::string examination = "pbm:1";
  std::string shard;
  std::string out;
  std::string html;
  AuditProvenance stamp;  // filled in by the run, for the HTML report
  double appealScale = 0.02;
  std::string truth;  // "generator", a model name or file; empty: the generator when the project has one
  int truthNegatives = 20;
  sim::SimConfig config;
  std::string device = "auto";
  int threads = 0;
  bool trustModel = false;
  bool json = false;
  bool quiet = false;
};

Error usage(const std::string& message) {
  return makeError(ErrorCode::InvalidArgument, message);
}

Status parseShard(const std::string& text, sim::SimConfig& config) {
  const auto slash = text.find('/');
  auto parse = [](std::string_view s, int& out) {
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
  };
  if (slash == std::string::npos || !parse(std::string_view(text).substr(0, slash), config.shardIndex) ||
      !parse(std::string_view(text).substr(slash + 1), config.shardCount) || config.shardCount < 1 ||
      config.shardIndex < 0 || config.shardIndex >= config.shardCount) {
    return usage("--shard '" + text + "' must be INDEX/COUNT with 0 <= INDEX < COUNT, e.g. 0/5");
  }
  return Status::success();
}

std::string cell(const sim::Interval& i, const char* format) {
  if (!std::isfinite(i.mean)) return "-";
  char a[32], b[32];
  std::snprintf(a, sizeof a, format, i.mean);
  if (i.n < 2) return a;
  std::snprintf(b, sizeof b, format, 0.5 * (i.high - i.low));
  return std::string(a) + " ±" + b;
}

void printTable(const sim::SimResult& r) {
  const int last = r.config.rounds - 1;
  std::printf("Simulation: %d rounds, K = %d, %s, %d seed(s), %s users per round, %s\n", r.config.rounds,
              r.config.k, r.config.examination.name().c_str(), r.config.seeds,
              r.config.usersPerRound > 0 ? std::to_string(r.config.usersPerRound).c_str() : "all",
              r.config.retrainEvery > 0 ? ("re-trained every " + std::to_string(r.config.retrainEvery) +
                                           " rounds on " + sim::retrainDataText(r.config))
                                              .c_str()
                                        : "frozen model (user vectors fold in every round)");
  std::printf("Truth: %s\n", r.oracle.c_str());
  std::printf("Final round, mean ± half-width of the 95%% interval over seeds:\n");
  std::printf("%-16s", "policy");
  for (const auto& h : sim::headlineMetrics()) std::printf("  %-16s", h.heading);
  std::printf("\n");
  for (const auto& run : r.runs) {
    std::printf("%-16s", run.policy.c_str());
    for (const auto& h : sim::headlineMetrics())
      std::printf("  %-16s", cell(sim::metricInterval(run, h.metric, last), h.format).c_str());
    std::printf("\n");
  }
  // A table of one figure per policy (rows) and attribute (columns), final round.
  auto gapTable = [&](const char* title, const std::vector<std::string>& names,
                      const std::function<sim::Interval(const sim::PolicyRun&, std::size_t)>& figure) {
    if (names.empty()) return;
    std::printf("%s, final round:\n%-16s", title, "policy");
    for (const auto& name : names) std::printf("  %-16s", name.c_str());
    std::printf("\n");
    for (const auto& run : r.runs) {
      std::printf("%-16s", run.policy.c_str());
      for (std::size_t a = 0; a < names.size(); ++a)
        std::printf("  %-16s", cell(figure(run, a), "%.3f").c_str());
      std::printf("\n");
    }
  };
  std::vector<std::string> userNames, itemNames;
  for (const auto& a : r.attributes) userNames.push_back(a.name);
  for (const auto& a : r.itemAttributes) itemNames.push_back(a.name);
  gapTable(
      "Gap of mean takes per user between user groups (max - min)", userNames,
      [&](const sim::PolicyRun& run, std::size_t a) { return sim::groupGapInterval(run, a, false, last); });
  gapTable("Exposure gap of item groups (total variation between exposure and catalog shares)", itemNames,
           [&](const sim::PolicyRun& run, std::size_t a) {
             return sim::itemExposureGapInterval(r, run, a, last);
           });
  for (std::size_t a = 0; a < r.itemAttributes.size(); ++a) {
    const auto& attribute = r.itemAttributes[a];
    if (attribute.values.size() > sim::kItemValuesListed) continue;
    std::printf("Exposure share by %s, final round:\n", attribute.name.c_str());
    std::printf("%-20s  %-8s", attribute.name.c_str(), "catalog");
    for (const auto& run : r.runs) std::printf("  %-16s", run.policy.c_str());
    std::printf("\n");
    for (std::size_t v = 0; v < attribute.values.size(); ++v) {
      std::printf("%-20.20s  %-8.3f", attribute.values[v].c_str(), attribute.catalogShares[v]);
      for (const auto& run : r.runs)
        std::printf("  %-16s", cell(sim::itemExposureShareInterval(run, a, v, last), "%.3f").c_str());
      std::printf("\n");
    }
  }
  std::printf("%.1f s\n", r.seconds);
}

int emit(const sim::SimResult& r, const SimulateArgs& a) {
  if (!a.out.empty()) {
    if (auto st = writeTextFile(a.out, sim::simResultToJson(r, 1)); !st) return reportError(st.error());
  }
  if (!a.html.empty()) {
    if (auto st = writeTextFile(a.html, sim::simulationReportHtml(r, a.stamp)); !st)
      return reportError(st.error());
  }
  if (a.json) {
    std::cout << sim::simResultToJson(r, 1) << std::endl;
  } else if (!a.quiet) {
    printTable(r);
    if (!a.out.empty()) std::printf("Written to %s\n", a.out.c_str());
  }
  return kExitOk;
}

int runSimulate(SimulateArgs a) {
  auto policies = sim::PolicySpec::parseList(a.policies);
  if (!policies) return reportError(policies.error());
  a.config.policies = policies.value();
  auto exam = sim::Examination::parse(a.examination);
  if (!exam) return reportError(exam.error());
  a.config.examination = exam.value();
  if (!a.shard.empty()) {
    if (auto st = parseShard(a.shard, a.config); !st) return reportError(st.error());
    if (a.out.empty()) return reportError(usage("--shard needs --out for the partial result"));
  }
  if (auto st = sim::validateSimConfig(a.config); !st) return reportError(st.error());
  setComputeThreads(a.threads);
  auto opened = openProjectWithModel(a.project, a.model, a.device, a.trustModel);
  if (!opened) return reportError(opened.error());
  auto& p = opened.value();
  auto store = ProjectStore::open(a.project, ProjectStore::Mode::ReadOnly);
  if (!store) return reportError(store.error());
  auto generator = store.value()->metaValue("generator.config");
  if (!generator) return reportError(generator.error());
  std::unique_ptr<sim::Oracle> oracle;
  LoadedModel truthModel;  // the truth model and its private copy live as long as the run
  if (a.truth == "generator" || (a.truth.empty() && !generator.value().empty())) {
    auto made = sim::makeSyntheticOracle(generator.value(), p.dataset, a.appealScale);
    if (!made) return reportError(made.error());
    oracle = std::move(made).value();
  } else if (a.truth.empty()) {
    return reportError(
        usage("the project was not made by the generator, so it has no true tastes: name a model "
              "trained on all the data as the truth with --truth MODEL (docs/simulation.md)"));
  } else {
    auto record = lookupModel(*store.value(), a.truth);
    if (!record) return reportError(record.error());
    auto loaded = loadProjectModel(a.project, record.value(), p.device, p.dataset.items, a.trustModel);
    if (!loaded) return reportError(loaded.error());
    truthModel = std::move(loaded).value();
    sim::LinkCalibration calibration;
    auto made = sim::makeModelOracle(truthModel.model, p.dataset, a.truthNegatives, a.config.seed,
                                     &calibration, record.value().name);
    if (!made) return reportError(made.error());
    oracle = std::move(made).value();
    if (!a.quiet && !a.json) {
      std::printf(
          "Truth link: sigmoid(%.4g + %.4g * score); calibration on held-out users (predicted -> observed):",
          calibration.intercept, calibration.slope);
      for (std::size_t b = 0; b < calibration.binCount.size(); ++b)
        std::printf(" %.3f->%.3f (%zu)", calibration.binPredicted[b], calibration.binObserved[b],
                    calibration.binCount[b]);
      std::printf("\n");
    }
  }
  store.value().reset();
  sim::Retrainer retrain;
  if (a.config.retrainEvery > 0) retrain = sim::makeSimRetrainer(p.device);
  const auto control = terminalTaskControl("simulate", a.quiet || a.json);
  auto result = sim::runSimulation(p.dataset, p.model, *oracle, a.config, retrain, control);
  if (!result) return reportError(result.error());
  result.value().model = p.record.name.empty() ? p.record.path : p.record.name;
  a.stamp = currentAuditProvenance();
  a.stamp.project = std::filesystem::absolute(a.project).lexically_normal().string();
  a.stamp.datasetName = p.dataset.info.name;
  a.stamp.modelName = result.value().model;
  a.stamp.modelPath = p.record.path;
  a.stamp.modelKind = p.model->metadata().kind;
  a.stamp.device = p.device.description;
  return emit(result.value(), a);
}

struct MergeArgs {
  std::vector<std::string> files;
  SimulateArgs output;
};

int runMerge(const MergeArgs& m) {
  std::vector<sim::SimResult> parts;
  for (const auto& f : m.files) {
    auto text = readTextFile(f);
    if (!text) return reportError(text.error());
    auto part = sim::simResultFromJson(text.value(), f);
    if (!part) return reportError(part.error());
    parts.push_back(std::move(part).value());
  }
  auto merged = sim::mergeSimResults(parts);
  if (!merged) return reportError(merged.error());
  auto output = m.output;
  output.stamp = currentAuditProvenance();
  output.stamp.modelName = merged.value().model;
  output.stamp.datasetName = "merged from " + std::to_string(parts.size()) + " partial results";
  return emit(merged.value(), output);
}

}  // namespace

void addSimulateCommand(CLI::App& app, CommandRunner& runner) {
  auto a = std::make_shared<SimulateArgs>();
  auto* sub = app.add_subcommand("simulate",
                                 "Simulate deployment: rounds of recommend -> simulated response -> update, "
                                 "several policies side by side "
                                 "(subcommand: merge)");
  sub->add_option("--project", a->project, "Project file (*.reclens)");
  sub->add_option("--model", a->model, "Registered model name or model file (default: the newest)");
  sub->add_option(
         "--policies", a->policies,
         "Comma-separated policies: greedy, egreedy[:eps], thompson[:prior], linucb[:alpha], random, "
         "popularity[:lambda], mmr[:mu], catcap[:n], calibrated[:kappa], providerfair[:phi], "
         "useraware[:lambda], "
         "oracle (the truth's best slate)")
      ->capture_default_str();
  auto& c = a->config;
  sub->add_option("--rounds", c.rounds, "Rounds")->check(CLI::Range(1, 100000))->capture_default_str();
  sub->add_option("--users", c.usersPerRound, "Users per round, a seeded sample (0: all)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_option("--k", c.k, "Slate length")->check(CLI::Range(1, 1000))->capture_default_str();
  sub->add_option(
         "--retrain-every", c.retrainEvery,
         "Re-train the model (warm start) every N rounds on the data plus the simulated takes (0: never)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_option("--retrain-epochs", c.retrainEpochs, "Epochs of each re-training")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub->add_option("--retrain-window", c.retrainWindow,
                  "Re-train on the last N rounds' interactions only, one day per round, the project's log "
                  "leaving the window as it ages (0: all the data)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_option("--seeds", c.seeds, "Seeds (independent repetitions)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub->add_option("--seed", c.seed, "First seed")->capture_default_str();
  sub->add_option("--examination", a->examination, "Position bias: pbm, pbm:<eta> (1/rank^eta) or cascade")
      ->capture_default_str();
  sub->add_option("--appeal-scale", a->appealScale,
                  "Appeal of an item as likely as a uniform pick, about (generated projects' truth)")
      ->check(CLI::Range(1e-6, 100.0))
      ->capture_default_str();
  sub->add_option(
      "--truth", a->truth,
      "What users answer from: generator (a generated project's true tastes; the default there) or a "
      "registered model name or model file trained on all the data (imported projects)");
  sub->add_option(
         "--truth-negatives", a->truthNegatives,
         "Items drawn per held-out item when fitting a truth model's link (sets the engagement level)")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  sub->add_option("--shard", a->shard, "Run only seeds s with s % COUNT == INDEX (INDEX/COUNT) into --out");
  sub->add_option("--out", a->out, "Write the result (or a shard's partial result) as JSON to this file");
  sub->add_option("--html", a->html, "Write a self-contained HTML report to this file");
  sub->add_option("--device", a->device, "auto, cpu or cuda[:N]")->capture_default_str();
  sub->add_option("--threads", a->threads, "CPU threads (0: library default)")->check(CLI::Range(0, 1024));
  sub->add_flag(
      "--trust-model", a->trustModel,
      "Load the project's model even if it lies outside the project's folder or changed since it was "
      "registered");
  sub->add_flag("--json", a->json, "Print the result as JSON on stdout");
  sub->add_flag("--quiet", a->quiet, "No progress and no table");

  auto m = std::make_shared<MergeArgs>();
  auto* merge = sub->add_subcommand("merge", "Merge the partial results of a run sharded over seeds");
  merge->add_option("files", m->files, "Partial result files")->required();
  merge->add_option("--out", m->output.out, "Write the merged result as JSON to this file");
  merge->add_flag("--json", m->output.json, "Print the merged result as JSON on stdout");
  merge->add_option("--html", m->output.html, "Write a self-contained HTML report to this file");
  merge->callback([&runner, m] { runner = [m] { return runMerge(*m); }; });

  sub->callback([&runner, a, sub] {
    if (!sub->get_subcommands().empty()) return;
    runner = [a] {
      if (a->project.empty()) return reportError(usage("--project is required"));
      return runSimulate(*a);
    };
  });
}

}  // namespace reclens::cli
