// reclens-cli bench explain: attributions for one user's top-K, against the same method batched in PyTorch.
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
#include "common/memoryallocator.h"
#include "engine/computedevice.h"
#include "engine/computethreads.h"
#include "engine/scoringengine.h"
#include "explain/attribution.h"
#include "model/modelcontract.h"
#include "model/modelfile.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct BenchExplainArgs {
  std::int64_t items = 100000;
  int dim = 64;
  int k = 10;
  std::string method = "ig";
  int steps = 32;
  int samples = 64;
  int history = 50;
  int repeat = 30;
  int threads = 0;
  std::uint64_t seed = 7;
  std::string kind = "averaged";
  std::string model;
  std::string device = "auto";
  std::string python;
  std::string script;
  bool naive = false;
  bool noBaseline = false;
  bool json = false;
};

struct Timed {
  TimeSummary ms;
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
    control.report(double(r + 1) / repeat, "timing the explanations");
  }
  t.ms = summarize(std::move(times));
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
  std::vector<JsonKey> keys = {{"times_ms", JsonKind::NumberArray}, {"attributions", JsonKind::Array},
                               {"outputs", JsonKind::Array},        {"baseline_outputs", JsonKind::Array},
                               {"threads", JsonKind::Number},       {"torch_version", JsonKind::String},
                               {"batched", JsonKind::Bool},         {"path", JsonKind::String},
                               {"grad", JsonKind::String}};
  if (a.method == "shapley") keys.push_back({"standard_errors", JsonKind::Array});
  if (a.naive && a.method == "ig") keys.push_back({"naive_times_ms", JsonKind::NumberArray});
  return runBaselineJson(shellQuote(python) + " " + shellQuote(script) + " --model " + shellQuote(modelPath) +
                             " --profile " + shellQuote(profilePath) + " --method " + a.method + " --steps " +
                             std::to_string(a.steps) + " --samples " + std::to_string(a.samples) +
                             " --seed " + std::to_string(a.seed) + " --repeat " + std::to_string(a.repeat) +
                             " --threads " + std::to_string(cpuThreads(device)) + " --device " +
                             device.torchName() + (a.naive ? " --naive" : ""),
                         keys, why);
}

// Largest |RecLens − baseline| of f(x) (or f(x') with `baselineOutput`) over the items; nothing with
// `why` when the baseline's list is not K numbers.
std::optional<double> outputDifference(const Explanation& e, const nlohmann::json& theirs,
                                       bool baselineOutput, std::string& why) {
  if (theirs.size() != e.items.size()) {
    why = "the baseline gives " + std::to_string(theirs.size()) + " outputs for " +
          std::to_string(e.items.size()) + " items";
    return std::nullopt;
  }
  double worst = 0.0;
  for (std::size_t j = 0; j < e.items.size(); ++j) {
    if (!jsonIs(theirs[j], JsonKind::Number)) {
      why = "output " + std::to_string(j) + " of the baseline is " + theirs[j].dump();
      return std::nullopt;
    }
    const double ours = baselineOutput ? e.items[j].baselineOutput : e.items[j].output;
    worst = std::max(worst, std::abs(ours - theirs[j].get<double>()));
  }
  return worst;
}

// Largest |Σ attributions − (f(x) − f(x'))| of the baseline; NaN when its shape is off.
double baselineCompleteness(const nlohmann::json& base) {
  const auto& attr = base.at("attributions");
  const auto& fx = base.at("outputs");
  const auto& fb = base.at("baseline_outputs");
  if (attr.size() != fx.size() || fx.size() != fb.size()) return NAN;
  double worst = 0.0;
  for (std::size_t j = 0; j < attr.size(); ++j) {
    if (!jsonIs(attr[j], JsonKind::NumberArray) || !jsonIs(fx[j], JsonKind::Number) ||
        !jsonIs(fb[j], JsonKind::Number))
      return NAN;
    double sum = 0.0;
    for (const auto& v : attr[j]) sum += v.get<double>();
    worst = std::max(worst, std::abs(sum - (fx[j].get<double>() - fb[j].get<double>())));
  }
  return worst;
}

double reclensCompleteness(const Explanation& e) {
  double worst = 0.0;
  for (const auto& item : e.items) {
    if (std::isfinite(item.completenessDelta)) worst = std::max(worst, std::abs(item.completenessDelta));
  }
  return worst;
}

// Sampled Shapley values of two independent samplers: every entry must lie within six standard errors
// of the difference (RecLens's and the baseline's errors combined) plus a rounding allowance.
nlohmann::json compareShapley(const Explanation& e, const nlohmann::json& base, double scale,
                              std::string& why) {
  const auto& attr = base.at("attributions");
  const auto& se = base.at("standard_errors");
  if (attr.size() != e.items.size() || se.size() != e.items.size()) {
    why = "the baseline's Shapley values have another shape";
    return nullptr;
  }
  int compared = 0, outside = 0;
  double worst = 0.0;  // largest |difference| / tolerance
  for (std::size_t j = 0; j < e.items.size(); ++j) {
    const auto& fields = e.items[j].fields;
    if (!attr[j].is_array() || !se[j].is_array() || attr[j].size() != fields.size() ||
        se[j].size() != fields.size()) {
      why = "the baseline's Shapley values of item " + std::to_string(j) + " have another shape";
      return nullptr;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (!jsonIs(attr[j][i], JsonKind::Number) || !jsonIs(se[j][i], JsonKind::Number)) {
        why = "a Shapley value or standard error of the baseline is not a number";
        return nullptr;
      }
      const double ours = fields[i].standardError;
      const double sigma = std::hypot(std::isfinite(ours) ? ours : 0.0, se[j][i].get<double>());
      const double diff = std::abs(fields[i].attribution - attr[j][i].get<double>());
      const double allowance = 1e-6 * (1.0 + scale);
      const double tolerance = 6.0 * sigma + allowance;
      ++compared;
      if (!(diff <= tolerance)) ++outside;
      worst = std::max(worst, diff / tolerance);
    }
  }
  return {
      {"compared", compared}, {"outside_tolerance", outside}, {"worst_ratio", worst}, {"tolerance_z", 6.0}};
}

// Compares the two explanations and fills out["agreement"]; false with `why` when the baseline's output
// cannot be compared at all.
bool compareExplanations(const Explanation& e, const nlohmann::json& base, const std::string& method,
                         nlohmann::json& out, std::string& why) {
  const double scale = maxAbsAttribution(e);
  const auto fx = outputDifference(e, base.at("outputs"), false, why);
  if (!fx) return false;
  const auto fb = outputDifference(e, base.at("baseline_outputs"), true, why);
  if (!fb) return false;
  nlohmann::json agreement = {{"max_abs_output_difference", std::max(*fx, *fb)},
                              {"max_abs_attribution", scale}};
  const double theirCompleteness = baselineCompleteness(base);
  if (!std::isfinite(theirCompleteness)) {
    why = "the baseline's attributions, outputs and baseline outputs do not line up";
    return false;
  }
  // Occlusion's attributions need not add up to f(x) − f(x'), so completeness says nothing there.
  if (method != "occlusion") {
    agreement["completeness_reclens"] = reclensCompleteness(e);
    agreement["completeness_pytorch"] = theirCompleteness;
  }
  const double outputTolerance = 1e-5 * (1.0 + std::abs(e.items.empty() ? 0.0 : e.items[0].output));
  bool same = std::max(*fx, *fb) <= outputTolerance;
  if (method == "shapley") {
    const auto shapley = compareShapley(e, base, scale, why);
    if (shapley.is_null()) return false;
    agreement["shapley"] = shapley;
    // Both estimates add up to f(x) − f(x') by construction (antithetic permutations).
    same = same && shapley["outside_tolerance"].get<int>() == 0 &&
           theirCompleteness <= 1e-4 * (1.0 + scale) && reclensCompleteness(e) <= 1e-4 * (1.0 + scale);
  } else {
    const auto diff = maxAttributionDifference(e, base.at("attributions"), why);
    if (!diff) return false;
    agreement["max_abs_difference"] = *diff;
    agreement["tolerance"] = 1e-4 * (1.0 + scale);
    same = same && *diff <= 1e-4 * (1.0 + scale);
  }
  agreement["agree"] = same;
  out["agreement"] = agreement;
  return true;
}

int runBenchExplain(const BenchExplainArgs& a) {
  AttributionOptions options;
  if (!parseAttributionMethod(a.method, options.method)) {
    return reportError(makeError(ErrorCode::InvalidArgument,
                                 "--method must be ig, gradxinput, occlusion or shapley, not " + a.method));
  }
  setComputeThreads(a.threads);
  std::string note;
  const auto device = chooseComputeDevice(a.device, &note);
  if (!note.empty()) std::cerr << "reclens-cli: warning: " << note << std::endl;
  const std::string python = a.noBaseline && !a.model.empty() ? std::string() : findPython(a.python, "torch");
  const std::string script = findPythonScript(a.script, "bench_explain_baseline.py");
  const std::string skipReason =
      baselineSkipReason(a.noBaseline, python, script, "bench_explain_baseline.py");
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
                       shellQuote(modelPath) + " --kind " + a.kind + " --contract " +
                       std::to_string(kModelContractVersion) + " --items " + std::to_string(a.items) +
                       " --dim " + std::to_string(a.dim) + " --seed " + std::to_string(a.seed))) {
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

  options.steps = a.steps;
  options.samples = a.samples;
  options.seed = a.seed;
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
      {"allocator", memoryAllocatorDescription()},
      {"model", a.model.empty() ? "random " + a.kind + " (bench_explain_baseline.py --make-model)" : a.model},
      {"kind", a.model.empty() ? a.kind : meta.kind},
      {"items", meta.numItems},
      {"dim", meta.dim},
      {"k", items.size()},
      {"method", a.method},
      {"engine", t.last.engine},
      {"steps", a.steps},
      {"samples", a.samples},
      {"history", profile.items.size()},
      {"user_fields", profile.fieldCodes.size()},
      {"item_parts", meta.itemParts.size()},
      {"repeat", a.repeat},
      {"rule", "midpoint"},
      {"baseline_skipped", skipReason},
      {"reclens_ms", summaryJson(t.ms)}};
  if (skipReason.empty()) {
    std::string why;
    const auto base = runBaseline(python, script, modelPath, dir, profile, items, a, device, why);
    if (base && compareExplanations(t.last, *base, a.method, out, why)) {
      const auto theirs = summarize(base->at("times_ms").get<std::vector<double>>());
      out["pytorch"] = {{"ms", summaryJson(theirs)},
                        {"threads", base->at("threads")},
                        {"torch_version", base->at("torch_version")},
                        {"batched", base->at("batched")},
                        {"path", base->at("path")},
                        {"grad", base->at("grad")}};
      out["speedup"] = speedupOfTimes(theirs.median, t.ms.median);
      out["speedup_text"] = speedupText(out["speedup"].get<double>());
      if (base->contains("naive_times_ms")) {
        const auto naive = summarize(base->at("naive_times_ms").get<std::vector<double>>());
        out["pytorch_naive"] = {{"ms", summaryJson(naive)},
                                {"speedup", speedupOfTimes(naive.median, t.ms.median)},
                                {"what", "one user_vector per step and one autograd.grad per (step, item)"}};
      }
    } else {
      out["baseline_error"] = why;
    }
  }
  cleanup();

  if (a.json) {
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  std::printf("device %s, %s\n", device.description.c_str(), computeLibraryVersions().c_str());
  std::printf("%s\n", allocatorLine().c_str());
  std::string what = a.method == "ig" ? "IG (midpoint, zero baseline, " + std::to_string(a.steps) + " steps)"
                     : a.method == "shapley" ? "Shapley (" + std::to_string(a.samples) + " permutations)"
                                             : a.method;
  std::printf(
      "model %s, %lld items x %d dims; %s for top-%zu, history %zu, %zu user field(s), %zu item part(s); "
      "%d runs\n",
      out["kind"].get<std::string>().c_str(), static_cast<long long>(meta.numItems), meta.dim, what.c_str(),
      items.size(), profile.items.size(), profile.fieldCodes.size(), meta.itemParts.size(), a.repeat);
  std::printf("  RecLens  median %.3f ms, p95 %.3f ms (engine: %s)\n", t.ms.median, t.ms.p95,
              t.last.engine.c_str());
  if (out.contains("pytorch")) {
    const auto& p = out["pytorch"];
    std::printf("  PyTorch  median %.3f ms, p95 %.3f ms (%d threads, torch %s, %s, grad %s)\n",
                p["ms"]["median"].get<double>(), p["ms"]["p95"].get<double>(), p["threads"].get<int>(),
                p["torch_version"].get<std::string>().c_str(), p["path"].get<std::string>().c_str(),
                p["grad"].get<std::string>().c_str());
    std::printf("  %s\n", out["speedup_text"].get<std::string>().c_str());
    if (out.contains("pytorch_naive")) {
      const auto& n = out["pytorch_naive"];
      std::printf("  naive PyTorch loop (%s): median %.3f ms, %s\n", n["what"].get<std::string>().c_str(),
                  n["ms"]["median"].get<double>(), speedupText(n["speedup"].get<double>()).c_str());
    }
    const auto& ag = out["agreement"];
    if (ag.contains("shapley")) {
      std::printf(
          "  Shapley: %d of %d values outside %.0f standard errors (worst difference / tolerance %.2f); "
          "completeness %.3g / %.3g\n",
          ag["shapley"]["outside_tolerance"].get<int>(), ag["shapley"]["compared"].get<int>(),
          ag["shapley"]["tolerance_z"].get<double>(), ag["shapley"]["worst_ratio"].get<double>(),
          ag["completeness_reclens"].get<double>(), ag["completeness_pytorch"].get<double>());
    } else {
      std::printf("  max |attribution difference| %.3g (tolerance %.3g)\n",
                  ag["max_abs_difference"].get<double>(), ag["tolerance"].get<double>());
    }
    std::printf("  the two sides %s\n", ag["agree"].get<bool>() ? "agree" : "DISAGREE");
  } else if (out.contains("baseline_error")) {
    std::printf("  baseline: %s\n", out["baseline_error"].get<std::string>().c_str());
  }
  return kExitOk;
}

}  // namespace

void addBenchExplainCommand(CLI::App& bench, CommandRunner& runner) {
  auto args = std::make_shared<BenchExplainArgs>();
  auto* sub = bench.add_subcommand(
      "explain", "Attributions for one user's top-K: RecLens against the same method batched in PyTorch");
  sub->add_option("--items", args->items, "Catalog size of the generated model")
      ->check(CLI::Range(std::int64_t{100}, std::int64_t{20000000}))
      ->capture_default_str();
  sub->add_option("--dim", args->dim, "Embedding dimension of the generated model")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  sub->add_option("--k", args->k, "Items explained (the user's top-K)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub->add_option("--method", args->method, "ig, gradxinput, occlusion or shapley")
      ->check(CLI::IsMember({"ig", "gradxinput", "occlusion", "shapley"}))
      ->capture_default_str();
  sub->add_option("--steps", args->steps, "Integrated Gradients steps")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  sub->add_option("--samples", args->samples, "Shapley permutations")
      ->check(CLI::Range(2, 100000))
      ->capture_default_str();
  sub->add_option("--kind", args->kind,
                  "Generated model: averaged (history mean) or twotower (MLP user tower)")
      ->check(CLI::IsMember({"averaged", "twotower"}))
      ->capture_default_str();
  sub->add_option("--threads", args->threads, "CPU threads of both sides (0: library default)")
      ->check(CLI::Range(0, 1024))
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
  sub->add_flag("--naive", args->naive,
                "Also time the naive PyTorch loop (one autograd.grad per step and item)");
  sub->add_flag("--no-baseline", args->noBaseline, "Skip the PyTorch baseline");
  sub->add_flag("--json", args->json, "Print JSON on stdout");
  sub->callback([&runner, args] { runner = [args] { return runBenchExplain(*args); }; });
}

}  // namespace reclens::cli
