// reclens-cli evaluate: accuracy of one or more models on a hold-out split (by default each model's own).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>

#include "audit/evaluation.h"
#include "clisupport.h"
#include "commands.h"
#include "engine/computedevice.h"
#include "model/datasplit.h"
#include "model/modelfile.h"
#include "model/modellookup.h"
#include "model/trainingmetadata.h"
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
  bool holdoutGiven = false;
  std::string split;  // SplitSpec text; empty: each model's own split (time:H with --holdout)
  int batch = 256;
  std::string device = "auto";
  bool json = false;
  bool quiet = false;
  bool itemGroups = false;
};

struct ModelScore {
  ProjectStore::ModelRecord record;
  std::string kind;
  SplitSpec split;
  std::string warning;  // set when the split is not the one the model was trained on
  EvaluationResult result;
  double seconds = 0.0;
};

nlohmann::json metricsJson(const AccuracyValues& v) {
  return {{"hr", v.hit},   {"precision", v.precision}, {"recall", v.recall}, {"mrr", v.mrr}, {"map", v.map},
          {"ndcg", v.ndcg}};
}

// Cold-start analysis: each model's figures per group of test items by their train-part rows.
void printItemGroups(const std::vector<ModelScore>& scores, const std::vector<int>& ks) {
  std::printf(
      "\nBy the test item's interactions in the training part (0: cold, never trained on); the full "
      "catalog is ranked, relevant = the group's test items; list share = share of the top-%d slots "
      "given to the group\n",
      *std::max_element(ks.begin(), ks.end()));
  std::printf("%-20s %-6s %8s %6s %6s %7s", "model", "group", "items", "users", "pairs", "listed");
  for (const int k : ks) {
    for (const char* name : {"HR", "R", "NDCG"})
      std::printf(" %8s", (std::string(name) + "@" + std::to_string(k)).c_str());
  }
  std::printf("\n");
  for (const auto& s : scores) {
    for (const auto& g : s.result.itemGroups) {
      std::printf("%-20s %-6s %8zu %6zu %6zu %7.4f", s.record.name.substr(0, 20).c_str(), g.name.c_str(),
                  g.catalogItems, g.users, g.testItems, g.listShare);
      for (const auto& v : g.atK) {
        for (const double x : {v.hit, v.recall, v.ndcg}) std::printf(" %8.4f", x);
      }
      std::printf("\n");
    }
  }
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
  // The split (read before the data, so a bad text fails at once): --split for every model, or time:H with
  // --holdout, or else each model's own (the one it was trained on, so its test items were never seen in
  // training), time:1 for a model that records none.
  std::optional<SplitSpec> forced;
  if (!a.split.empty()) {
    auto parsed = SplitSpec::parse(a.split);
    if (!parsed) return reportError(parsed.error());
    forced = parsed.value();
  } else if (a.holdoutGiven) {
    forced = SplitSpec{};
    forced->holdout = a.holdout;
  }
  const auto control = terminalTaskControl("evaluate", a.quiet || a.json);
  auto dataset = store.value()->loadDataset(control);
  if (!dataset) return reportError(dataset.error());
  const auto& d = dataset.value();
  std::map<std::string, TrainTestSplit> splits;  // by SplitSpec::name()

  std::string note;
  const auto device = chooseComputeDevice(a.device, &note);
  if (!note.empty()) std::cerr << "reclens-cli: warning: " << note << std::endl;
  EvaluationOptions options;
  options.ks = a.ks;
  options.batchSize = a.batch;
  options.byItemHistory = a.itemGroups;
  std::vector<ModelScore> scores;
  for (const auto& record : records) {
    const auto start = std::chrono::steady_clock::now();
    auto model = loadProjectModel(a.project, record, device, d.items, a.trustModel);
    if (!model) return reportError(model.error());
    SplitSpec spec;
    auto own = trainingSplitOf(model.value().model->metadata().json);
    if (!own) return reportError(makeError(own.error().code, own.error().message, record.path));
    if (own.value()) spec = *own.value();
    std::string warning;
    if (forced) {
      if (own.value() && !(*own.value() == *forced)) {
        warning = "the model " + record.name + " was trained on the split " + own.value()->name() +
                  ", so some test items of " + forced->name() +
                  " were in its training data and its figures are optimistic";
        if (!a.json) std::cerr << "reclens-cli: warning: " << warning << std::endl;
      }
      spec = *forced;
    }
    auto found = splits.find(spec.name());
    if (found == splits.end()) found = splits.emplace(spec.name(), splitDataset(d, spec)).first;
    ScoringEngine engine(model.value().model);
    auto result = evaluateModel(engine, d, found->second, options, control);
    if (!result) return reportError(result.error());
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    scores.push_back({record, model.value().model->metadata().kind, spec, warning, std::move(result.value()),
                      took.count()});
  }
  const auto splitJson = [](const SplitSpec& spec) {
    return nlohmann::json{{"name", spec.name()}, {"description", spec.description()}};
  };

  if (a.json) {
    nlohmann::json out;
    out["project"] = a.project;
    if (splits.size() == 1) out["split"] = splitJson(scores.front().split);
    out["device"] = device.description;
    out["models"] = nlohmann::json::array();
    for (const auto& s : scores) {
      nlohmann::json m = {{"name", s.record.name},
                          {"path", s.record.path},
                          {"kind", s.kind},
                          {"users", s.result.users},
                          {"test_pairs", s.result.testItems},
                          {"split", splitJson(s.split)},
                          {"seconds", s.seconds}};
      if (!s.warning.empty()) m["warning"] = s.warning;
      for (std::size_t c = 0; c < s.result.ks.size(); ++c) {
        m["at"][std::to_string(s.result.ks[c])] = metricsJson(s.result.atK[c]);
      }
      if (a.itemGroups) {
        m["item_groups"] = nlohmann::json::array();
        for (const auto& g : s.result.itemGroups) {
          nlohmann::json j = {{"train_interactions", g.name},
                              {"catalog_items", g.catalogItems},
                              {"users", g.users},
                              {"test_pairs", g.testItems},
                              {"list_share", g.listShare}};
          for (std::size_t c = 0; c < s.result.ks.size(); ++c) {
            j["at"][std::to_string(s.result.ks[c])] = metricsJson(g.atK[c]);
          }
          m["item_groups"].push_back(j);
        }
      }
      out["models"].push_back(m);
    }
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  const bool oneSplit = splits.size() == 1;
  if (oneSplit) {
    std::printf("Split %s: %s; %zu users evaluated; device %s\n", scores.front().split.name().c_str(),
                scores.front().split.description().c_str(), scores.front().result.users,
                device.description.c_str());
  } else {
    std::printf("Each model on the split it was trained on (--split S puts them on one); device %s\n",
                device.description.c_str());
  }
  std::printf("%-20s %-10s", "model", "kind");
  if (!oneSplit) std::printf(" %-18s %6s", "split", "users");
  for (const int k : a.ks) {
    for (const char* name : {"HR", "P", "R", "MRR", "MAP", "NDCG"}) {
      std::printf(" %8s", (std::string(name) + "@" + std::to_string(k)).c_str());
    }
  }
  std::printf("\n");
  for (const auto& s : scores) {
    std::printf("%-20s %-10s", s.record.name.substr(0, 20).c_str(), s.kind.substr(0, 10).c_str());
    if (!oneSplit) std::printf(" %-18s %6zu", s.split.name().substr(0, 18).c_str(), s.result.users);
    for (const auto& v : s.result.atK) {
      for (const double x : {v.hit, v.precision, v.recall, v.mrr, v.map, v.ndcg}) std::printf(" %8.4f", x);
    }
    std::printf("\n");
  }
  if (a.itemGroups) printItemGroups(scores, a.ks);
  return kExitOk;
}

}  // namespace

void addEvaluateCommand(CLI::App& app, CommandRunner& runner) {
  auto args = std::make_shared<EvaluateArgs>();
  auto* sub = app.add_subcommand(
      "evaluate",
      "Accuracy (HR, Precision, Recall, MRR, MAP, NDCG @K) on a hold-out split (each model's own)");
  sub->add_option("--project", args->project, "Project file (*.reclens)")->required();
  auto* models = sub->add_option("--model", args->models, "Registered model name or model file (repeatable)");
  sub->add_flag("--all-models", args->allModels, "Evaluate every registered model")->excludes(models);
  sub->add_option("--k", args->ks, "Cut-offs, comma separated")
      ->delimiter(',')
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  auto* holdout =
      sub->add_option("--holdout", args->holdout, "Test items per user, the last ones in time (split time:H)")
          ->check(CLI::Range(1, 1000))
          ->capture_default_str();
  sub->add_option("--split", args->split,
                  "Evaluate every model on this split: time[:H], loo, temporal[:TRAIN,VALIDATION] or "
                  "random[:TRAIN,VALIDATION[,SEED]] (default: each model's own, as recorded when it was "
                  "trained)")
      ->excludes(holdout);
  sub->add_option("--batch", args->batch, "Users per scoring batch")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  sub->add_option("--device", args->device, "auto, cpu or cuda[:N]")->capture_default_str();
  sub->add_flag("--trust-model", args->trustModel,
                "Load the project's models even if they lie outside the project's folder or changed since "
                "they were registered");
  sub->add_flag("--item-groups", args->itemGroups,
                "Cold-start analysis: the metrics again per group of test items by their interactions in "
                "the training part (0, 1-4, 5-19, 20+), with each group's share of the listed slots");
  sub->add_flag("--json", args->json, "Print JSON on stdout");
  sub->add_flag("--quiet", args->quiet, "No progress lines");
  sub->callback([&runner, args, holdout] {
    args->holdoutGiven = holdout->count() > 0;
    runner = [args] { return runEvaluate(*args); };
  });
}

}  // namespace reclens::cli
