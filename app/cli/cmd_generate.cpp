// `reclens-cli generate`: a synthetic shop with planted ground truth, as a project or as CSV files.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "clisupport.h"
#include "commands.h"
#include "data/generator.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

struct GenerateOptions {
  std::string project;
  std::string csv;
  std::string size = "demo";
  std::uint64_t seed = 42;
  std::int64_t items = 0;
  std::int64_t users = 0;
  std::int64_t interactions = 0;
  bool json = false;
  bool quiet = false;
};

void printSummary(const GenerateOptions& opt, const GeneratorConfig& config, const GeneratorSummary& summary,
                  double seconds) {
  const auto truth = nlohmann::json::parse(summary.plantedTruthJson, nullptr, false);
  const double rate = seconds > 0.0 ? static_cast<double>(summary.interactions) / seconds : 0.0;
  if (opt.json) {
    nlohmann::json out{{"project", opt.csv.empty() ? nlohmann::json(opt.project) : nlohmann::json()},
                       {"csv", opt.csv.empty() ? nlohmann::json() : nlohmann::json(opt.csv)},
                       {"size", config.size},
                       {"seed", config.seed},
                       {"items", summary.items},
                       {"users", summary.users},
                       {"interactions", summary.interactions},
                       {"seconds", seconds},
                       {"interactions_per_second", rate},
                       {"planted_truth", truth}};
    std::cout << out.dump(2) << std::endl;
    return;
  }
  std::printf("Generated a synthetic shop (%s, seed %llu) into %s\n", config.size.c_str(),
              static_cast<unsigned long long>(config.seed),
              opt.csv.empty() ? opt.project.c_str() : opt.csv.c_str());
  std::printf("  %-14s %lld\n", "items", static_cast<long long>(summary.items));
  std::printf("  %-14s %lld\n", "users", static_cast<long long>(summary.users));
  std::printf("  %-14s %lld\n", "interactions", static_cast<long long>(summary.interactions));
  std::printf("  %-14s %.2f (%.0f interactions/s)\n", "seconds", seconds, rate);
  if (!truth.is_object()) return;
  std::printf("Planted ground truth:\n");
  for (const auto& [key, value] : truth.items()) {
    auto shown = value;
    if (shown.is_object()) shown.erase("description");
    std::printf("  %-28s %s\n", key.c_str(), shown.dump().c_str());
  }
}

int runGenerate(const GenerateOptions& opt) {
  if (opt.project.empty() == opt.csv.empty()) {
    return reportError(makeError(ErrorCode::InvalidArgument,
                                 "give exactly one of --project FILE (a project) or --csv DIR (CSV files)"));
  }
  auto config = GeneratorConfig::preset(opt.size);
  if (!config) return reportError(config.error());
  auto& c = config.value();
  c.seed = opt.seed;
  if (opt.items > 0) c.items = opt.items;
  if (opt.users > 0) c.users = opt.users;
  if (opt.interactions > 0) c.interactions = opt.interactions;
  if (opt.items > 0 || opt.users > 0 || opt.interactions > 0) c.size = "custom";

  const auto control = terminalTaskControl("generate", opt.quiet);
  const auto start = std::chrono::steady_clock::now();
  Result<GeneratorSummary> summary = GeneratorSummary{};
  if (!opt.csv.empty()) {
    summary = generateCsv(c, opt.csv, control);
  } else {
    auto store = ProjectStore::open(opt.project, ProjectStore::Mode::Create);
    if (!store) return reportError(store.error());
    summary = generateProject(c, *store.value(), control);
  }
  if (!summary) return reportError(summary.error());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  printSummary(opt, c, summary.value(), seconds);
  return kExitOk;
}

}  // namespace

void addGenerateCommand(CLI::App& app, CommandRunner& runner) {
  auto opt = std::make_shared<GenerateOptions>();
  auto* sub =
      app.add_subcommand("generate", "Generate a synthetic e-commerce dataset with planted ground truth");
  sub->add_option("--project", opt->project,
                  "Project file to write (created when missing; its dataset is replaced)");
  sub->add_option("--csv", opt->csv,
                  "Write interactions.csv, items.csv, users.csv and truth.json into this folder");
  sub->add_option("--size", opt->size, "Preset size: tiny, demo, large or huge")
      ->check(CLI::IsMember(GeneratorConfig::presetNames()));
  sub->add_option("--seed", opt->seed, "Random seed (same seed, same data)");
  sub->add_option("--items", opt->items, "Override the preset's catalog size")->check(CLI::PositiveNumber);
  sub->add_option("--users", opt->users, "Override the preset's number of users")->check(CLI::PositiveNumber);
  sub->add_option("--interactions", opt->interactions,
                  "Override the preset's approximate number of interactions")
      ->check(CLI::PositiveNumber);
  sub->add_flag("--json", opt->json, "Print the summary as JSON on stdout");
  sub->add_flag("--quiet", opt->quiet, "No progress lines on stderr");
  sub->callback([&runner, opt] { runner = [opt] { return runGenerate(*opt); }; });
}

}  // namespace reclens::cli
