// reclens-cli evaluate: accuracy of one or more models on the time-aware hold-out split.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "audit/evaluation.h"
#include "clisupport.h"
#include "commands.h"
#include "engine/computedevice.h"
#include "model/datasplit.h"
#include "model/modelfile.h"
#include "model/modellookup.h"
#include "projectmodel.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

struct EvaluateArgs {
  std::string project;
  std::vector<std::string> models;
  bool allModels = false;
  bool trustModel = false;
  std::vector<int> ks{10, 20};
  int holdout = 1;
  int batch = 256;
  std::string device = "auto";
  bool json = false;
  bool quiet = false;
};

struct ModelScore {
  ProjectStore::ModelRecord record;
  std::string kind;
  EvaluationResult result;
  double seconds = 0.0;
};

nlohmann::json metricsJson(const AccuracyValues& v) {
  return {{"hr", v.hit},   {"precision", v.precision}, {"recall", v.recall}, {"mrr", v.mrr}, {"map", v.map},
          {"ndcg", v.ndcg}};
}

int runEvaluate(const EvaluateArgs& a) {
  auto store = ProjectStore::open(a.project, ProjectStore::Mode::ReadOnly);
  if (!store) return reportError(store.error());
  std::vector<ProjectStore::ModelRecord> records;
  if (a.allModels) {
    auto all = store.value()->models();
    if (!all) return reportError(all.error());
    for (const auto& r : all.value()) {
      auto found = lookupModel(*store.value(), r.name);
      if (!found) return reportError(found.error());
      records.push_back(found.value());
    }
    if (records.empty())
      return reportError(makeError(ErrorCode::Empty, "the project has no registered model", a.project));
  } else {
    const std::vector<std::string> wanted = a.models.empty() ? std::vector<std::string>{""} : a.models;
    for (const auto& name : wanted) {
      auto found = lookupModel(*store.value(), name);
      if (!found) return reportError(found.error());
      records.push_back(found.value());
    }
  }
  const auto control = terminalTaskControl("evaluate", a.quiet || a.json);
  auto dataset = store.value()->loadDataset(control);
  if (!dataset) return reportError(dataset.error());
  const auto& d = dataset.value();
  // The trainer's split: `holdout` test items and one validation item per user, by time.
  const auto split = splitByTime(d, a.holdout, 1);

  std::string note;
  const auto device = chooseComputeDevice(a.device, &note);
  if (!note.empty()) std::cerr << "reclens-cli: warning: " << note << std::endl;
  EvaluationOptions options;
  options.ks = a.ks;
  options.batchSize = a.batch;
  std::vector<ModelScore> scores;
  for (const auto& record : records) {
    const auto start = std::chrono::steady_clock::now();
    auto model = loadProjectModel(a.project, record, device, d.items, a.trustModel);
    if (!model) return reportError(model.error());
    ScoringEngine engine(model.value().model);
    auto result = evaluateModel(engine, d, split, options, control);
    if (!result) return reportError(result.error());
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    scores.push_back({record, model.value().model->metadata().kind, std::move(result.value()), took.count()});
  }

  if (a.json) {
    nlohmann::json out;
    out["project"] = a.project;
    out["split"] = {
        {"kind", "time-aware leave-last-out"}, {"holdout_per_user", a.holdout}, {"validation_per_user", 1}};
    out["device"] = device.description;
    out["models"] = nlohmann::json::array();
    for (const auto& s : scores) {
      nlohmann::json m = {{"name", s.record.name},
                          {"path", s.record.path},
                          {"kind", s.kind},
                          {"users", s.result.users},
                          {"test_pairs", s.result.testItems},
                          {"seconds", s.seconds}};
      for (std::size_t c = 0; c < s.result.ks.size(); ++c) {
        m["at"][std::to_string(s.result.ks[c])] = metricsJson(s.result.atK[c]);
      }
      out["models"].push_back(m);
    }
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  std::printf("Time-aware split: last %d item(s) per user held out; %zu users evaluated; device %s\n",
              a.holdout, scores.empty() ? std::size_t{0} : scores.front().result.users,
              device.description.c_str());
  std::printf("%-20s %-10s", "model", "kind");
  for (const int k : a.ks) {
    for (const char* name : {"HR", "P", "R", "MRR", "MAP", "NDCG"}) {
      std::printf(" %8s", (std::string(name) + "@" + std::to_string(k)).c_str());
    }
  }
  std::printf("\n");
  for (const auto& s : scores) {
    std::printf("%-20s %-10s", s.record.name.substr(0, 20).c_str(), s.kind.substr(0, 10).c_str());
    for (const auto& v : s.result.atK) {
      for (const double x : {v.hit, v.precision, v.recall, v.mrr, v.map, v.ndcg}) std::printf(" %8.4f", x);
    }
    std::printf("\n");
  }
  return kExitOk;
}

}  // namespace

void addEvaluateCommand(CLI::App& app, CommandRunner& runner) {
  auto args = std::make_shared<EvaluateArgs>();
  auto* sub = app.add_subcommand("evaluate",
                                 "Accuracy (HR, Precision, Recall, MRR, MAP, NDCG @K) on a time-aware split");
  sub->add_option("--project", args->project, "Project file (*.reclens)")->required();
  auto* models = sub->add_option("--model", args->models, "Registered model name or model file (repeatable)");
  sub->add_flag("--all-models", args->allModels, "Evaluate every registered model")->excludes(models);
  sub->add_option("--k", args->ks, "Cut-offs, comma separated")
      ->delimiter(',')
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  sub->add_option("--holdout", args->holdout, "Test items per user (the last ones in time)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub->add_option("--batch", args->batch, "Users per scoring batch")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  sub->add_option("--device", args->device, "auto, cpu or cuda[:N]")->capture_default_str();
  sub->add_flag("--trust-model", args->trustModel,
                "Load the project's models even if they lie outside the project's folder or changed since "
                "they were registered");
  sub->add_flag("--json", args->json, "Print JSON on stdout");
  sub->add_flag("--quiet", args->quiet, "No progress lines");
  sub->callback([&runner, args] { runner = [args] { return runEvaluate(*args); }; });
}

}  // namespace reclens::cli
