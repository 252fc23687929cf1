// reclens-cli bench explain: Integrated Gradients for one user's top-K, against plain PyTorch autograd.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include <unistd.h>

#include "benchsupport.h"
#include "clisupport.h"
#include "commands.h"
#include "engine/computedevice.h"
#include "engine/scoringengine.h"
#include "explain/attribution.h"
#include "model/modelfile.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct BenchExplainArgs {
  std::int64_t items = 100000;
  int dim = 64;
  int k = 10;
  int steps = 32;
  int history = 50;
  int repeat = 30;
  std::uint64_t seed = 7;
  std::string model;
  std::string device = "auto";
  std::string python;
  std::string script;
  bool noBaseline = false;
  bool json = false;
};

struct Timed {
  double median = 0.0;
  double p95 = 0.0;
  Explanation last;
};

Result<Timed> timeExplain(const ModelFile& model, const UserProfile& profile,
                          const std::vector<std::int32_t>& items, const AttributionOptions& options,
                          int repeat, const TaskControl& control) {
  Timed t;
  for (int r = 0; r < 2; ++r) {
    auto e = explainItems(model, profile, items, options, nullptr, control);
    if (!e) return e.error();
  }
  std::vector<double> times;
  for (int r = 0; r < repeat; ++r) {
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "cancelled");
    const auto start = Clock::now();
    auto e = explainItems(model, profile, items, options, nullptr, control);
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!e) return e.error();
    t.last = std::move(e.value());
    control.report(double(r + 1) / repeat, "timing Integrated Gradients");
  }
  t.median = median(times);
  t.p95 = percentile(times, 95.0);
  return t;
}

// Runs the baseline on `modelPath`; nullopt with `why` set when it fails.
std::optional<nlohmann::json> runBaseline(const std::string& python, const std::string& script,
                                          const std::string& modelPath, const fs::path& dir,
                                          const UserProfile& profile, const std::vector<std::int32_t>& items,
                                          const BenchExplainArgs& a, const ComputeDevice& device,
                                          std::string& why) {
  const auto profilePath = (dir / "profile.json").string();
  {
    std::ofstream out(profilePath);
    out << nlohmann::json{{"history", profile.items},
                          {"weights", profile.weights},
                          {"codes", profile.fieldCodes},
                          {"items", items}}
               .dump();
    if (!out) {
      why = "cannot write " + profilePath;
      return std::nullopt;
    }
  }
  return runBaselineJson(shellQuote(python) + " " + shellQuote(script) + " --model " + shellQuote(modelPath) +
                             " --profile " + shellQuote(profilePath) + " --steps " + std::to_string(a.steps) +
                             " --repeat " + std::to_string(a.repeat) + " --threads " +
                             std::to_string(cpuThreads(device)) + " --device " + device.torchName(),
                         {"ms", "attributions"}, why);
}

// Largest |RecLens − PyTorch| over every item and field; NaN when the shapes differ.
double maxDifference(const Explanation& e, const nlohmann::json& attributions) {
  if (attributions.size() != e.items.size()) return NAN;
  double worst = 0.0;
  for (std::size_t j = 0; j < e.items.size(); ++j) {
    const auto& fields = e.items[j].fields;
    const auto theirs = attributions[j].get<std::vector<double>>();
    if (theirs.size() != fields.size()) return NAN;
    for (std::size_t i = 0; i < fields.size(); ++i)
      worst = std::max(worst, std::abs(fields[i].attribution - theirs[i]));
  }
  return worst;
}

int runBenchExplain(const BenchExplainArgs& a) {
  std::string note;
  const auto device = chooseComputeDevice(a.device, &note);
  if (!note.empty()) std::cerr << "reclens-cli: warning: " << note << std::endl;
  const std::string python = a.noBaseline && !a.model.empty() ? std::string() : findPython(a.python, "torch");
  const std::string script = findPythonScript(a.script, "bench_explain_baseline.py");
  std::string skipReason;
  if (a.noBaseline)
    skipReason = "--no-baseline was given";
  else if (python.empty())
    skipReason = "no python3 that can import torch was found";
  else if (script.empty())
    skipReason = "bench_explain_baseline.py was not found (pass --script)";
  if (a.model.empty() && (python.empty() || script.empty())) {
    return reportError(makeError(ErrorCode::InvalidArgument,
                                 "making the benchmark model needs python3 with torch and "
                                 "bench_explain_baseline.py; pass --model instead"));
  }
  if (!skipReason.empty() && !a.json) std::printf("PyTorch baseline skipped: %s\n", skipReason.c_str());

  const auto control = terminalTaskControl("bench explain", a.json);
  const auto dir = fs::temp_directory_path() / ("reclens-bench-explain-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::create_directories(dir, ec);
  const auto cleanup = [&] { fs::remove_all(dir, ec); };
  std::string modelPath = a.model;
  if (modelPath.empty()) {
    modelPath = (dir / "model.pt").string();
    control.report(0.0, "writing a random model");
    if (!captureOutput(shellQuote(python) + " " + shellQuote(script) + " --make-model --out " +
                       shellQuote(modelPath) + " --items " + std::to_string(a.items) + " --dim " +
                       std::to_string(a.dim) + " --seed " + std::to_string(a.seed))) {
      cleanup();
      return reportError(makeError(ErrorCode::Internal, "bench_explain_baseline.py --make-model failed"));
    }
  }
  auto model = ModelFile::load(modelPath, device);
  if (!model) {
    cleanup();
    return reportError(model.error());
  }
  const auto& meta = model.value()->metadata();
  const auto profile = randomProfile(meta, a.history, a.seed);
  ScoringEngine engine(model.value());
  auto top = engine.recommend(profile, a.k, {});
  if (!top) {
    cleanup();
    return reportError(top.error());
  }
  std::vector<std::int32_t> items;
  for (const auto& r : top.value()) items.push_back(r.item);

  AttributionOptions options;
  options.method = AttributionMethod::IntegratedGradients;
  options.steps = a.steps;
  options.rule = IntegrationRule::Midpoint;
  options.baseline = AttributionBaseline::Zero;
  auto timed = timeExplain(*model.value(), profile, items, options, a.repeat, control);
  if (!timed) {
    cleanup();
    return reportError(timed.error());
  }
  const auto& t = timed.value();

  nlohmann::json out = {
      {"device", device.description},
      {"library", computeLibraryVersions()},
      {"model", a.model.empty() ? "random (bench_explain_baseline.py --make-model)" : a.model},
      {"items", meta.numItems},
      {"dim", meta.dim},
      {"k", items.size()},
      {"steps", a.steps},
      {"history", profile.items.size()},
      {"user_fields", profile.fieldCodes.size()},
      {"item_parts", meta.itemParts.size()},
      {"repeat", a.repeat},
      {"rule", "midpoint"},
      {"baseline_skipped", skipReason},
      {"reclens_ms", {{"median", t.median}, {"p95", t.p95}}}};
  if (skipReason.empty()) {
    std::string why;
    const auto base = runBaseline(python, script, modelPath, dir, profile, items, a, device, why);
    if (!base) {
      out["baseline_error"] = why;
    } else {
      const double diff = maxDifference(t.last, base->at("attributions"));
      out["pytorch"] = {{"ms", base->at("ms")},
                        {"threads", base->at("threads")},
                        {"torch_version", base->at("torch_version")}};
      out["ratio_median_time"] = t.median / base->at("ms").at("median").get<double>();
      out["max_abs_difference"] = std::isfinite(diff) ? nlohmann::json(diff) : nlohmann::json(nullptr);
    }
  }
  cleanup();

  if (a.json) {
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  std::printf("device %s, %s\n", device.description.c_str(), computeLibraryVersions().c_str());
  std::printf(
      "model %lld items x %d dims; IG (midpoint, zero baseline, %d steps) for top-%zu, history %zu, "
      "%zu user field(s), %zu item part(s); %d runs\n",
      static_cast<long long>(meta.numItems), meta.dim, a.steps, items.size(), profile.items.size(),
      profile.fieldCodes.size(), meta.itemParts.size(), a.repeat);
  std::printf("  RecLens  median %.3f ms, p95 %.3f ms\n", t.median, t.p95);
  if (out.contains("pytorch")) {
    std::printf("  PyTorch  median %.3f ms, p95 %.3f ms (%d threads, torch %s)\n",
                out["pytorch"]["ms"]["median"].get<double>(), out["pytorch"]["ms"]["p95"].get<double>(),
                out["pytorch"]["threads"].get<int>(),
                out["pytorch"]["torch_version"].get<std::string>().c_str());
    std::printf("  ratio RecLens/PyTorch (median time) %.3f\n", out["ratio_median_time"].get<double>());
    if (out["max_abs_difference"].is_null())
      std::printf("  attributions: the baseline's shape differs from RecLens's\n");
    else
      std::printf("  max |attribution difference| %.3g\n", out["max_abs_difference"].get<double>());
  } else if (out.contains("baseline_error")) {
    std::printf("  baseline: %s\n", out["baseline_error"].get<std::string>().c_str());
  }
  return kExitOk;
}

}  // namespace

void addBenchExplainCommand(CLI::App& bench, CommandRunner& runner) {
  auto args = std::make_shared<BenchExplainArgs>();
  auto* sub = bench.add_subcommand(
      "explain", "Integrated Gradients for one user's top-K: RecLens against plain PyTorch autograd");
  sub->add_option("--items", args->items, "Catalog size of the generated model")
      ->check(CLI::Range(std::int64_t{100}, std::int64_t{20000000}))
      ->capture_default_str();
  sub->add_option("--dim", args->dim, "Embedding dimension of the generated model")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  sub->add_option("--k", args->k, "Items explained (the user's top-K)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub->add_option("--steps", args->steps, "Integrated Gradients steps")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  sub->add_option("--history", args->history, "History items of the user profile")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  sub->add_option("--repeat", args->repeat, "Timed runs")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  sub->add_option("--seed", args->seed, "Seed of the model weights and the profile")->capture_default_str();
  sub->add_option("--model", args->model, "A contract model file to use instead of a generated one")
      ->check(CLI::ExistingFile);
  sub->add_option("--device", args->device, "auto, cpu or cuda[:N]")->capture_default_str();
  sub->add_option("--python", args->python, "Python interpreter for the PyTorch baseline");
  sub->add_option("--script", args->script, "Path of bench_explain_baseline.py");
  sub->add_flag("--no-baseline", args->noBaseline, "Skip the PyTorch baseline");
  sub->add_flag("--json", args->json, "Print JSON on stdout");
  sub->callback([&runner, args] { runner = [args] { return runBenchExplain(*args); }; });
}

}  // namespace reclens::cli
