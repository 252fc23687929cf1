#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "clisupport.h"
#include "commands.h"
#include "model/learningcurve.h"
#include "model/modellookup.h"
#include "model/modelregistration.h"
#include "model/trainer.h"
#include "model/trainingmetadata.h"
#include "model/warmstart.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

struct TrainOptions {
  std::string project;
  std::string out;
  std::string name;
  TrainConfig config;
  std::string historyWeight;    // "sum" or "log1p"; empty: the default of TrainConfig
  std::string split;            // SplitSpec text; empty: the default (a warm start: the parent's)
  std::string warmStart;        // registered model name or model file to fine-tune; empty: cold start
  std::set<std::string> given;  // the options the user set (a warm start inherits the others)
  bool json = false;
  bool quiet = false;
};

// Epochs of a warm start when --epochs is left out: fine-tuning is a few epochs.
constexpr int kWarmStartEpochs = 3;

// The first of <parent>-ft, <parent>-ft2, ... that no registered model uses.
std::string fineTunedName(const ProjectStore& store, const std::string& parentName) {
  std::set<std::string> taken;
  if (auto models = store.models()) {
    for (const auto& m : models.value()) taken.insert(m.name);
  }
  std::string name = parentName + "-ft";
  for (int n = 2; taken.count(name) != 0; ++n) name = parentName + "-ft" + std::to_string(n);
  return name;
}

// Resolves --warm-start and fills every training setting the user left out from the parent's own.
Result<ProjectStore::ModelRecord> prepareWarmStart(const ProjectStore& store, TrainOptions& o) {
  auto parent = lookupModel(store, o.warmStart);
  if (!parent) return parent.error();
  auto inherited = parentTrainConfig(parent.value().path);
  if (!inherited) return inherited.error();
  const auto& p = inherited.value();
  auto& c = o.config;
  const auto keep = [&o](const char* option) { return o.given.count(option) != 0; };
  if (!keep("--model")) c.kind = p.kind;
  if (!keep("--dim")) c.dim = p.dim;
  if (!keep("--lr")) c.lr = p.lr;
  if (!keep("--l2")) c.l2 = p.l2;
  if (!keep("--layers")) c.layers = p.layers;
  if (!keep("--batch")) c.batchSize = p.batchSize;
  if (!keep("--negatives")) c.negatives = p.negatives;
  if (!keep("--patience")) c.patience = p.patience;
  if (!keep("--k")) c.evalK = p.evalK;
  if (!keep("--history-weight")) c.historyWeighting = p.historyWeighting;
  if (!keep("--epochs")) c.epochs = kWarmStartEpochs;
  if (!keep("--split")) c.split = p.split;
  if (!keep("--optimizer")) c.optimizer = p.optimizer;
  if (!keep("--id-dropout")) c.idDropout = p.idDropout;
  if (!keep("--text-dim")) c.textDim = p.textDim;
  if (!keep("--max-length")) c.maxLength = p.maxLength;
  if (!keep("--dropout")) c.dropout = p.dropout;
  if (!keep("--loss")) c.sequenceLoss = p.sequenceLoss;
  if (!keep("--eval-users")) c.evalUsers = p.evalUsers;
  c.warmStartPath = parent.value().path;
  if (o.name.empty()) o.name = fineTunedName(store, parent.value().name);
  return parent;
}

std::string shortNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void printTable(const TrainReport& r, const std::string& name, const std::string& sha, int k) {
  std::printf("Trained %s (%s) on %s in %.1f s\n", name.c_str(), r.kind.c_str(), r.device.c_str(), r.seconds);
  if (auto split = trainingSplitOf(r.metadataJson); split && split.value())
    std::printf("Split: %s (%s)\n", split.value()->name().c_str(), split.value()->description().c_str());
  if (!r.warmStartNote.empty()) std::printf("Warm start: %s\n", r.warmStartNote.c_str());
  if (!r.trainLoss.empty()) {
    std::printf("%6s  %10s  %12s\n", "epoch", "loss", ("val NDCG@" + std::to_string(k)).c_str());
    for (std::size_t e = 0; e < r.trainLoss.size(); ++e) {
      std::printf("%6zu  %10.4f  %12.4f%s\n", e + 1, r.trainLoss[e], r.validationNdcg[e],
                  static_cast<int>(e + 1) == r.bestEpoch ? "  best" : "");
    }
  }
  // Read back from the metadata saved with the model, as `info` shows it.
  if (auto curve = learningCurveOf(r.metadataJson); curve && !curve->empty()) {
    std::printf("kept epoch %d of %d, the best validation NDCG; ", curve->bestEpoch, curve->epochsRun);
    if (curve->stoppedEarly()) {
      std::printf("stopped after %d epochs without improvement (patience %d)\n", curve->epochsAfterBest(),
                  curve->patience);
    } else {
      std::printf("ran all %d epochs\n", curve->maxEpochs);
    }
  }
  std::printf("validation NDCG@%d  %.4f\n", k, r.bestValidationNdcg);
  std::printf("test NDCG@%d        %.4f  (%zu users)\n", k, r.testNdcg, r.evalUsers);
  std::printf("model file         %s\nsha256             %s\n", r.modelPath.c_str(), sha.c_str());
}

int runTrainCommand(TrainOptions o) {
  auto store = ProjectStore::open(o.project, ProjectStore::Mode::ReadWrite);
  if (!store) return reportError(store.error());
  if (!store.value()->hasDataset()) {
    return reportError(
        makeError(ErrorCode::Empty,
                  "the project " + o.project + " holds no interactions; import or generate data first"));
  }
  if (!o.split.empty()) {
    auto split = SplitSpec::parse(o.split);
    if (!split) return reportError(split.error());
    o.config.split = split.value();
  }
  const auto control = terminalTaskControl("train", o.quiet || o.json);
  auto dataset = store.value()->loadDataset(control);
  if (!dataset) return reportError(dataset.error());

  ProjectStore::ModelRecord parent;
  if (!o.warmStart.empty()) {
    auto found = prepareWarmStart(*store.value(), o);
    if (!found) return reportError(found.error());
    parent = found.value();
  } else if (o.given.count("--model") == 0) {
    return reportError(makeError(ErrorCode::InvalidArgument, "--model is required (or --warm-start MODEL)"));
  }
  if (o.config.kind != "sasrec") {
    for (const char* option : {"--loss", "--max-length", "--dropout"}) {
      if (o.given.count(option) != 0)
        return reportError(
            makeError(ErrorCode::InvalidArgument,
                      std::string(option) + " is a sasrec setting (" + o.config.kind + " does not read it)"));
    }
  }
  if (o.name.empty()) {
    o.name = o.config.kind + "-" + std::to_string(o.config.kind == "popularity" ? 1 : o.config.dim);
  }
  const std::string outPath = o.out.empty() ? defaultModelPath(o.project, o.name) : o.out;
  std::error_code ec;
  if (!parent.path.empty() && std::filesystem::equivalent(outPath, parent.path, ec)) {
    return reportError(makeError(
        ErrorCode::InvalidArgument,
        "the fine-tuned model would overwrite its parent; choose another --name or --out", outPath));
  }
  auto report = trainModel(dataset.value(), o.config, outPath, control);
  if (!report) return reportError(report.error());
  auto record = registerModelFile(*store.value(), o.project, o.name, outPath, report.value().metadataJson);
  if (!record) return reportError(record.error());

  const auto& r = report.value();
  if (o.json) {
    nlohmann::json j = {{"project", o.project},
                        {"model_id", record.value().id},
                        {"name", o.name},
                        {"kind", r.kind},
                        {"path", r.modelPath},
                        {"registered_path", record.value().path},
                        {"sha256", record.value().sha256},
                        {"device", r.device},
                        {"epochs_run", r.epochsRun},
                        {"best_epoch", r.bestEpoch},
                        {"train_loss", r.trainLoss},
                        {"validation_ndcg", r.validationNdcg},
                        {"best_validation_ndcg", r.bestValidationNdcg},
                        {"test_ndcg", r.testNdcg},
                        {"eval_k", o.config.evalK},
                        {"test_users", r.evalUsers},
                        {"seconds", r.seconds},
                        {"metadata", nlohmann::json::parse(r.metadataJson)}};
    if (!parent.path.empty()) {
      j["parent"] = {{"name", parent.name}, {"path", parent.path}, {"note", r.warmStartNote}};
    }
    std::cout << j.dump(2) << std::endl;
  } else {
    printTable(r, o.name, record.value().sha256, o.config.evalK);
  }
  return kExitOk;
}

}  // namespace

void addTrainCommand(CLI::App& app, CommandRunner& runner) {
  auto opts = std::make_shared<TrainOptions>();
  auto& c = opts->config;
  auto* sub = app.add_subcommand("train", "Train a built-in model on a project and register the model file");
  sub->add_option("--project", opts->project, "Project file (*.reclens)")->required();
  sub->add_option("--model", c.kind,
                  "popularity, bpr, lightgcn, twotower or sasrec (the sequential model; required unless "
                  "--warm-start)")
      ->check(CLI::IsMember(trainableModelKinds()));
  sub->add_option("--warm-start", opts->warmStart,
                  "Fine-tune this registered model (name) or model file: its learned tables start the run, "
                  "settings left out are its own, --epochs defaults to " +
                      std::to_string(kWarmStartEpochs) + " and the new model records it as its parent");
  sub->add_option("--dim", c.dim, "Embedding size")->capture_default_str();
  sub->add_option(
      "--epochs", c.epochs,
      "Most epochs (early stopping may end sooner; default per model: 60, lightgcn 300, sasrec 200)");
  sub->add_option(
      "--lr", c.lr,
      "Adam learning rate (default per model: bpr and twotower 0.005, lightgcn 0.05, sasrec 0.001)");
  sub->add_option("--l2", c.l2,
                  "L2 penalty (default per model: bpr and twotower 1e-3, lightgcn 1e-4, sasrec 0)");
  sub->add_option("--layers", c.layers, "LightGCN propagation steps; sasrec attention blocks")
      ->capture_default_str();
  sub->add_option("--batch", c.batchSize,
                  "Triplets per optimiser step (default per model: 2048, lightgcn 8192); sasrec: users "
                  "per step (default 128)");
  sub->add_option("--max-length", c.maxLength,
                  "sasrec: the newest events of a history the model reads (default " +
                      std::to_string(TrainConfig{}.maxLength) + ")")
      ->check(CLI::Range(1, 1000));
  sub->add_option("--dropout", c.dropout,
                  "sasrec: dropout rate while training (default " + shortNumber(TrainConfig{}.dropout) + ")")
      ->check(CLI::Range(0.0, 0.95));
  sub->add_option("--loss", c.sequenceLoss,
                  "sasrec: softmax (a sampled softmax over --negatives items shared by a batch) or bce "
                  "(binary cross-entropy against --negatives items per event, as in the SASRec paper)")
      ->check(CLI::IsMember({"softmax", "bce"}))
      ->capture_default_str();
  sub->add_option("--eval-users", c.evalUsers,
                  "Validation users sampled per epoch for early stopping (all when fewer)")
      ->capture_default_str();
  sub->add_option(
      "--negatives", c.negatives,
      "Negatives per positive; 0: automatic, enough for an epoch of 16 batches, 1 to 4 (default per "
      "model: 1, lightgcn 0; sasrec: 256 shared by a batch with --loss softmax)");
  sub->add_option("--seed", c.seed, "Random seed")->capture_default_str();
  sub->add_option(
      "--patience", c.patience,
      "Epochs without improvement before stopping (default per model: 5, lightgcn 20, sasrec 10)");
  sub->add_option("--k", c.evalK, "K of the validation NDCG")->capture_default_str();
  sub->add_option("--test-users", c.testUsers, "Test users sampled for the final test NDCG (all when fewer)")
      ->capture_default_str();
  sub->add_option("--threads", c.threads, "CPU threads (0: library default)")->capture_default_str();
  sub->add_option("--device", c.device, "auto, cpu or cuda[:N]")->capture_default_str();
  sub->add_option("--history-weight", opts->historyWeight,
                  std::string("How repeated interactions with one item weigh in a history: sum or log1p "
                              "(log(1 + sum)); stored in the model, whose profiles are then built the same "
                              "way (default ") +
                      historyWeightingName(TrainConfig{}.historyWeighting) + ")")
      ->check(CLI::IsMember({"sum", "log1p"}));
  sub->add_option(
      "--split", opts->split,
      "How the log is split per user: time (the last distinct item test, the one before it "
      "validation; time:H holds out H), loo (the same as time:1, by its name in sequential "
      "recommendation), temporal[:TRAIN,VALIDATION] (ratios by time, default 0.8,0.1), "
      "global[:TRAIN,VALIDATION] (one calendar for all users: late items are cold) or "
      "random[:TRAIN,VALIDATION[,SEED]] (random ratios per user, default 0.8,0.1,42); stored with "
      "the model (default time; a warm start: the parent's)");
  sub->add_option("--optimizer", c.optimizer,
                  "How the embedding tables are updated: dense (Adam over whole tables), sparse (Adam on the "
                  "rows a batch touched; bpr) or auto (sparse for bpr from " +
                      std::to_string(kSparseUpdatesFromItems) + " items on)")
      ->check(CLI::IsMember({"auto", "dense", "sparse"}))
      ->capture_default_str();
  sub->add_option(
         "--id-dropout", c.idDropout,
         "twotower: the chance an item's id vector is left out of a step, so the content parts (fields, "
         "price band, title) learn to score items the model never trained on (default " +
             shortNumber(defaultTrainConfig("twotower").idDropout) + ")")
      ->check(CLI::Range(0.0, 0.99));
  sub->add_option(
         "--text-dim", c.textDim,
         "twotower: size of the title features (TF-IDF of the catalog's words reduced by a truncated "
         "SVD; 0: titles unused; default " +
             std::to_string(defaultTrainConfig("twotower").textDim) + ")")
      ->check(CLI::Range(0, 512));
  sub->add_option("--out", opts->out, "Model file (default: <project stem>.<name>.pt beside the project)");
  sub->add_option("--name", opts->name,
                  "Name the model is registered under (default <model>-<dim>; for a warm start "
                  "<parent>-ft, <parent>-ft2, ...)");
  sub->add_flag("--json", opts->json, "Print the report as JSON on stdout");
  sub->add_flag("--quiet", opts->quiet, "No progress lines on stderr");
  sub->callback([&runner, opts, sub] {
    for (const char* option :
         {"--model", "--dim", "--epochs", "--lr", "--l2", "--layers", "--batch", "--negatives", "--patience",
          "--k", "--history-weight", "--split", "--optimizer", "--id-dropout", "--text-dim", "--max-length",
          "--dropout", "--loss", "--eval-users"}) {
      if (sub->count(option) != 0) opts->given.insert(option);
    }
    // Settings the user left out take the chosen model's tuned defaults.
    const auto defaults = defaultTrainConfig(opts->config.kind);
    if (sub->count("--lr") == 0) opts->config.lr = defaults.lr;
    if (sub->count("--l2") == 0) opts->config.l2 = defaults.l2;
    if (sub->count("--batch") == 0) opts->config.batchSize = defaults.batchSize;
    if (sub->count("--epochs") == 0) opts->config.epochs = defaults.epochs;
    if (sub->count("--patience") == 0) opts->config.patience = defaults.patience;
    if (sub->count("--negatives") == 0) opts->config.negatives = defaults.negatives;
    if (sub->count("--id-dropout") == 0) opts->config.idDropout = defaults.idDropout;
    if (sub->count("--text-dim") == 0) opts->config.textDim = defaults.textDim;
    if (!opts->historyWeight.empty())
      parseHistoryWeighting(opts->historyWeight, opts->config.historyWeighting);
    runner = [opts] { return runTrainCommand(*opts); };
  });
}

}  // namespace reclens::cli
