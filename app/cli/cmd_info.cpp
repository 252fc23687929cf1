// `reclens-cli info`: what a project holds — counts, sparsity, time range, popularity skew,
// attribute distributions, the planted ground truth and the registered models (with the model each
// fine-tuned one started from).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "clisupport.h"
#include "commands.h"
#include "data/datasetstats.h"
#include "data/utcformat.h"
#include "model/learningcurve.h"
#include "model/trainingmetadata.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

constexpr std::size_t kTopValues = 20;

struct InfoOptions {
  std::string project;
  bool json = false;
  bool quiet = false;
};

nlohmann::json timeJson(const DatasetStats& s, std::int64_t t) {
  if (t == kNoTime || s.timeUnit == TimeUnit::Sequence) return nullptr;
  return formatUtcIso(t);
}

nlohmann::json fieldsJson(const std::vector<DatasetStats::FieldDistribution>& fields) {
  auto out = nlohmann::json::array();
  for (const auto& f : fields) {
    auto values = nlohmann::json::array();
    for (std::size_t k = 0; k < f.counts.size() && k < kTopValues; ++k) {
      values.push_back({{"value", f.counts[k].first}, {"count", f.counts[k].second}});
    }
    out.push_back(
        {{"field", f.field}, {"missing", f.missing}, {"distinct", f.counts.size()}, {"values", values}});
  }
  return out;
}

void printFields(const char* title, const std::vector<DatasetStats::FieldDistribution>& fields) {
  if (fields.empty()) return;
  std::printf("%s:\n", title);
  for (const auto& f : fields) {
    std::printf("  %-16s %zu values, %lld missing:", f.field.c_str(), f.counts.size(),
                static_cast<long long>(f.missing));
    for (std::size_t k = 0; k < f.counts.size() && k < 6; ++k) {
      std::printf("%s %s %lld", k == 0 ? "" : ",", f.counts[k].first.c_str(),
                  static_cast<long long>(f.counts[k].second));
    }
    std::printf("%s\n", f.counts.size() > 6 ? ", ..." : "");
  }
}

// The registered models: name, path, kind, dim, the learning curve kept in the metadata ("training",
// null when none) and, for a fine-tuned model, its parent's file, SHA-256 and the registered name of the
// model with that SHA-256 (null when none is registered).
nlohmann::json modelsJson(const std::vector<ProjectStore::ModelRecord>& records) {
  auto out = nlohmann::json::array();
  for (const auto& r : records) {
    const auto meta = nlohmann::json::parse(r.metadataJson, nullptr, false);
    const auto text = [&meta](const char* key) -> nlohmann::json {
      return meta.is_object() && meta.contains(key) ? meta.at(key) : nlohmann::json(nullptr);
    };
    nlohmann::json m = {{"name", r.name},
                        {"path", r.path},
                        {"kind", text("kind")},
                        {"dim", text("dim")},
                        {"parent", nullptr}};
    const auto parent = text("parent");
    if (parent.is_object() && parent.contains("file") && parent.contains("sha256") &&
        parent.at("sha256").is_string()) {
      nlohmann::json p = {{"file", parent.at("file")}, {"sha256", parent.at("sha256")}, {"name", nullptr}};
      for (const auto& other : records) {
        if (other.sha256 == parent.at("sha256").get<std::string>()) p["name"] = other.name;
      }
      m["parent"] = p;
    }
    // The learning curve kept in the metadata (null for models without one); a damaged one is named.
    m["training"] = nullptr;
    if (auto curve = learningCurveOf(r.metadataJson); !curve) {
      m["training_error"] = curve.error().message;
    } else if (!curve->empty()) {
      m["training"] = nlohmann::json::parse(learningCurveJson(curve.value()));
    }
    // The split it was trained on (null when it records none); a damaged one is named.
    m["split"] = nullptr;
    if (auto split = trainingSplitOf(r.metadataJson); !split) {
      m["split_error"] = split.error().message;
    } else if (split.value()) {
      m["split"] = {{"name", split.value()->name()}, {"description", split.value()->description()}};
    }
    out.push_back(m);
  }
  return out;
}

void printModels(const nlohmann::json& models) {
  if (models.empty()) return;
  std::printf("Models:\n");
  for (const auto& m : models) {
    const auto& kind = m.at("kind");
    std::printf("  %-20s %s", m.at("name").get<std::string>().c_str(),
                kind.is_string() ? kind.get<std::string>().c_str() : "(kind unknown)");
    if (m.at("dim").is_number_integer()) std::printf(" D=%d", m.at("dim").get<int>());
    const auto& p = m.at("parent");
    if (p.is_object()) {
      std::printf(", fine-tuned from %s",
                  (p.at("name").is_string() ? p.at("name") : p.at("file")).get<std::string>().c_str());
    }
    const auto& t = m.at("training");
    if (t.is_object()) {
      std::printf(", kept epoch %d of %d (%s)", t.at("best_epoch").get<int>(), t.at("epochs_run").get<int>(),
                  t.at("stopped_early").get<bool>() ? "stopped early" : "ran all epochs");
    }
    if (m.at("split").is_object())
      std::printf(", split %s", m.at("split").at("name").get<std::string>().c_str());
    if (m.contains("split_error"))
      std::printf(", split unreadable (%s)", m.at("split_error").get<std::string>().c_str());
    if (m.contains("training_error")) {
      std::printf(", learning curve unreadable (%s)", m.at("training_error").get<std::string>().c_str());
    }
    std::printf("  (%s)\n", m.at("path").get<std::string>().c_str());
  }
}

int runInfo(const InfoOptions& opt) {
  auto store = ProjectStore::open(opt.project, ProjectStore::Mode::ReadOnly);
  if (!store) return reportError(store.error());
  auto& project = *store.value();
  auto counts = project.counts();
  if (!counts) return reportError(counts.error());
  if (counts.value().interactions == 0) {
    return reportError(makeError(ErrorCode::Empty,
                                 "the project holds no interactions yet (import or generate a dataset first)",
                                 opt.project));
  }
  auto dataset = project.loadDataset(terminalTaskControl("info", opt.quiet || opt.json));
  if (!dataset) return reportError(dataset.error());
  const auto truth = project.plantedTruth();
  if (!truth) return reportError(truth.error());
  const auto& d = dataset.value();
  const auto s = computeDatasetStats(d);
  const auto records = project.models();
  if (!records) return reportError(records.error());
  const auto models = modelsJson(records.value());

  nlohmann::json planted = nlohmann::json::object();
  for (const auto& [key, text] : truth.value()) {
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    planted[key] = parsed.is_discarded() ? nlohmann::json(text) : parsed;
  }
  if (opt.json) {
    nlohmann::json out{
        {"project", opt.project},
        {"schema_version", project.schemaVersion()},
        {"dataset",
         {{"name", d.info.name}, {"source", d.info.source}, {"time_unit", timeUnitName(d.info.timeUnit)}}},
        {"counts",
         {{"users", s.users},
          {"items", s.items},
          {"interactions", s.interactions},
          {"distinct_pairs", s.distinctPairs},
          {"active_users", s.activeUsers},
          {"interacted_items", s.interactedItems}}},
        {"sparsity", s.sparsity},
        {"time",
         {{"first", timeJson(s, s.firstTime)},
          {"last", timeJson(s, s.lastTime)},
          {"unit", timeUnitName(s.timeUnit)}}},
        {"popularity_gini", s.popularityGini},
        {"mean_interactions_per_user", s.meanInteractionsPerUser},
        {"user_attributes", fieldsJson(s.userAttributes)},
        {"item_attributes", fieldsJson(s.itemAttributes)},
        {"planted_truth", planted},
        {"models", models}};
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  std::printf("Project        %s (schema %d)\n", opt.project.c_str(), project.schemaVersion());
  std::printf("Dataset        %s\n", d.info.name.empty() ? "(unnamed)" : d.info.name.c_str());
  if (!d.info.source.empty()) std::printf("Source         %s\n", d.info.source.c_str());
  std::printf("Users          %lld (%lld with interactions)\n", static_cast<long long>(s.users),
              static_cast<long long>(s.activeUsers));
  std::printf("Items          %lld (%lld with interactions)\n", static_cast<long long>(s.items),
              static_cast<long long>(s.interactedItems));
  std::printf("Interactions   %lld (%lld distinct user-item pairs)\n", static_cast<long long>(s.interactions),
              static_cast<long long>(s.distinctPairs));
  std::printf("Sparsity       %.6f\n", s.sparsity);
  if (s.timeUnit == TimeUnit::Sequence) {
    std::printf("Time           sequence order only (%lld .. %lld)\n", static_cast<long long>(s.firstTime),
                static_cast<long long>(s.lastTime));
  } else {
    std::printf("Time           %s .. %s\n", formatUtcIso(s.firstTime).c_str(),
                formatUtcIso(s.lastTime).c_str());
  }
  std::printf("Popularity     Gini %.4f over all %lld items\n", s.popularityGini,
              static_cast<long long>(s.items));
  std::printf("Per user       %.2f interactions on average\n", s.meanInteractionsPerUser);
  printFields("User attributes", s.userAttributes);
  printFields("Item attributes", s.itemAttributes);
  if (!planted.empty()) {
    std::printf("Planted ground truth:\n");
    for (const auto& [key, value] : planted.items()) {
      auto shown = value;
      if (shown.is_object()) shown.erase("description");
      std::printf("  %-28s %s\n", key.c_str(), shown.dump().c_str());
    }
  }
  printModels(models);
  return kExitOk;
}

}  // namespace

void addInfoCommand(CLI::App& app, CommandRunner& runner) {
  auto opt = std::make_shared<InfoOptions>();
  auto* sub =
      app.add_subcommand("info", "Describe a project: counts, sparsity, time range, popularity, attributes");
  sub->add_option("--project", opt->project, "Project file (*.reclens)")->required();
  sub->add_flag("--json", opt->json, "Print machine-readable JSON on stdout");
  sub->add_flag("--quiet", opt->quiet, "No progress lines on stderr");
  sub->callback([&runner, opt] { runner = [opt] { return runInfo(*opt); }; });
}

}  // namespace reclens::cli
