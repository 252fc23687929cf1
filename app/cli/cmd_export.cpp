// `reclens-cli export split`: the train, validation and test parts of a split as CSV files, so that the
// metrics of `evaluate` can be recomputed outside RecLens (docs/training.md, "Splits").
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "auditoutput.h"
#include "clisupport.h"
#include "commands.h"
#include "data/generatorcsvfile.h"
#include "model/datasplit.h"
#include "model/modellookup.h"
#include "model/trainingmetadata.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

struct ExportSplitOptions {
  std::string project;
  std::string model;  // take this model's split
  std::string split;  // or this one (default time:1)
  std::string out;    // folder
  bool quiet = false;
};

const char* partName(SplitPart p) {
  return p == SplitPart::Train ? "train" : (p == SplitPart::Validation ? "validation" : "test");
}

// Writes the rows of one part to `path` (through `path`.part, renamed when complete).
Status writePart(const Dataset& d, const TrainTestSplit& split, SplitPart part, const std::string& path) {
  const std::string partial = path + ".part";
  GeneratorCsvFile file;
  if (auto st = file.open(partial); !st) return st;
  file.put("user_id,item_id,timestamp,weight,kind\n");
  const auto& log = d.interactions;
  char weight[32];
  for (std::size_t r = 0; r < log.size(); ++r) {
    if (split.part[r] != part) continue;
    file.putField(d.users.ids[static_cast<std::size_t>(log.user[r])]);
    file.put(',');
    file.putField(d.items.ids[static_cast<std::size_t>(log.item[r])]);
    file.put(',');
    file.putInt(log.ts[r]);
    file.put(',');
    std::snprintf(weight, sizeof weight, "%.9g", static_cast<double>(log.weight[r]));
    file.put(weight);
    file.put(',');
    file.putField(log.kindNames[log.kind[r]]);
    file.put('\n');
  }
  if (auto st = file.close(); !st) {
    std::remove(partial.c_str());
    return st;
  }
  std::error_code ec;
  std::filesystem::rename(partial, path, ec);
  if (ec) {
    std::remove(partial.c_str());
    return makeError(ErrorCode::Io, "cannot rename " + partial + ": " + ec.message(), path);
  }
  return Status::success();
}

int runExportSplit(const ExportSplitOptions& o) {
  auto store = ProjectStore::open(o.project, ProjectStore::Mode::ReadOnly);
  if (!store) return reportError(store.error());
  if (!store.value()->hasDataset())
    return reportError(makeError(ErrorCode::Empty, "the project holds no interactions", o.project));
  // The split first (the registry and the text), so a bad one fails before the log is read.
  SplitSpec spec;
  std::string source = "default";
  if (!o.model.empty()) {
    auto record = lookupModel(*store.value(), o.model);
    if (!record) return reportError(record.error());
    // The metadata recorded when the model was registered: the split is read, no model is loaded.
    auto own = trainingSplitOf(record.value().metadataJson);
    if (!own) return reportError(makeError(own.error().code, own.error().message, record.value().path));
    if (!own.value())
      return reportError(makeError(ErrorCode::NotFound,
                                   "the model " + record.value().name +
                                       " records no split (it was not trained by RecLens); give --split",
                                   record.value().path));
    spec = *own.value();
    source = "model " + record.value().name;
  } else if (!o.split.empty()) {
    auto parsed = SplitSpec::parse(o.split);
    if (!parsed) return reportError(parsed.error());
    spec = parsed.value();
    source = "--split";
  }
  const auto control = terminalTaskControl("export", o.quiet);
  auto dataset = store.value()->loadDataset(control);
  if (!dataset) return reportError(dataset.error());
  const auto& d = dataset.value();

  const auto split = splitDataset(d, spec);

  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec) return reportError(makeError(ErrorCode::Io, "cannot create the folder: " + ec.message(), o.out));
  nlohmann::json parts = nlohmann::json::object();
  for (const auto part : {SplitPart::Train, SplitPart::Validation, SplitPart::Test}) {
    const std::string file = std::string(partName(part)) + ".csv";
    const auto path = (std::filesystem::path(o.out) / file).string();
    if (auto st = writePart(d, split, part, path); !st) return reportError(st.error());
    std::size_t pairs = 0;
    const auto& lists = part == SplitPart::Train
                            ? split.train
                            : (part == SplitPart::Validation ? split.validation : split.test);
    for (const auto& items : lists) pairs += items.size();
    parts[partName(part)] = {{"file", file},
                             {"rows", split.rowCount(part)},
                             {"users", split.userCount(part)},
                             {"user_item_pairs", pairs}};
  }
  nlohmann::json summary = {
      {"format", "reclens-split"},
      {"version", 1},
      {"project", o.project},
      {"split", spec.name()},
      {"description", spec.description()},
      {"from", source},
      {"time_unit", timeUnitName(d.info.timeUnit)},
      {"columns", {"user_id", "item_id", "timestamp", "weight", "kind"}},
      {"parts", parts},
      {"evaluation",
       "evaluate ranks every catalog item a user has not met in train or validation; the "
       "user's test items are the relevant ones (docs/metrics.md)"}};
  const auto summaryPath = (std::filesystem::path(o.out) / "split.json").string();
  if (auto st = writeTextFile(summaryPath, summary.dump(2) + "\n"); !st) return reportError(st.error());
  if (!o.quiet) {
    std::fprintf(stderr, "Split %s (%s), from %s, written to %s:\n", spec.name().c_str(),
                 spec.description().c_str(), source.c_str(), o.out.c_str());
    for (const auto part : {SplitPart::Train, SplitPart::Validation, SplitPart::Test}) {
      const auto& p = parts[partName(part)];
      std::fprintf(stderr, "  %-15s %10zu rows  %8zu users\n", p["file"].get<std::string>().c_str(),
                   p["rows"].get<std::size_t>(), p["users"].get<std::size_t>());
    }
  }
  return kExitOk;
}

}  // namespace

void addExportCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub =
      app.add_subcommand("export", "Write a project's data out for use elsewhere (subcommand: split)");
  sub->require_subcommand(1);
  auto opts = std::make_shared<ExportSplitOptions>();
  auto* split = sub->add_subcommand(
      "split",
      "Write the train, validation and test parts of a split as CSV files (train.csv, validation.csv, "
      "test.csv) with split.json describing them, so the metrics can be recomputed outside RecLens");
  split->add_option("--project", opts->project, "Project file (*.reclens)")->required();
  auto* model =
      split->add_option("--model", opts->model, "Use the split this registered model was trained on");
  split
      ->add_option(
          "--split", opts->split,
          "Or this split: time[:H], loo, temporal[:TRAIN,VALIDATION] or random[:TRAIN,VALIDATION[,SEED]] "
          "(default time:1)")
      ->excludes(model);
  split->add_option("--out", opts->out, "Folder to write into (created when missing)")->required();
  split->add_flag("--quiet", opts->quiet, "No progress or summary on stderr");
  split->callback([opts, &runner] { runner = [opts] { return runExportSplit(*opts); }; });
}

}  // namespace reclens::cli
