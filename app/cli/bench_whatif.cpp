// reclens-cli bench whatif: the live what-if round trip (edit -> user vector -> full-catalog top-K ->
// Integrated Gradients for the first items), against the same round trip in plain PyTorch.
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
#include "engine/whatif.h"
#include "explain/attribution.h"
#include "model/modelcontract.h"
#include "model/modelfile.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct BenchWhatIfArgs {
  std::int64_t items = 100000;
  int dim = 64;
  int k = 50;
  int explainK = 10;
  int steps = 32;
  int history = 50;
  int repeat = 50;
  int threads = 0;
  std::uint64_t seed = 7;
  std::string kind = "averaged";
  std::string model;
  std::string device = "auto";
  std::string python;
  std::string script;
  bool noBaseline = false;
  bool json = false;
};

// The two warm-up edits come first; then edit r removes history item r (even r) or gives it weight 5
// (odd r), walking the history, so every round trip starts from a different edited profile.
std::vector<WhatIfEdit> scenarioEdits(const UserProfile& profile, int repeat) {
  std::vector<WhatIfEdit> edits;
  const auto l = profile.items.size();
  for (int r = 0; r < repeat + 2; ++r) {
    const auto item = profile.items[static_cast<std::size_t>(r) % l];
    edits.push_back(r % 2 == 0 ? WhatIfEdit::removeItem(item) : WhatIfEdit::setWeight(item, 5.0f));
  }
  return edits;
}

struct RoundTrips {
  TimeSummary ms;
  double whatIfMedian = 0.0;   // edit + user vector + top-K + comparison
  double explainMedian = 0.0;  // Integrated Gradients
  double meanOverlap = 0.0;    // of each edited list with the baseline
  int nearbyAnswers = 0;       // timed edits ranked from the unedited profile's remembered scores
  double scoredMedian = 0.0;   // items scored exactly per timed edit (the catalog size on a full pass)
  std::vector<std::vector<std::int32_t>> lists;
  Explanation last;
};

Result<RoundTrips> timeRoundTrips(ScoringEngine& engine, const UserProfile& profile,
                                  const std::vector<WhatIfEdit>& edits, const BenchWhatIfArgs& a,
                                  const TaskControl& control) {
  auto baseline = engine.recommend(profile, a.k, {});
  if (!baseline) return baseline.error();
  AttributionOptions options;
  options.method = AttributionMethod::IntegratedGradients;
  options.steps = a.steps;
  options.rule = IntegrationRule::Midpoint;
  options.baseline = AttributionBaseline::Zero;
  RoundTrips t;
  std::vector<double> total, whatIf, explain, scored;
  double overlap = 0.0;
  for (std::size_t r = 0; r < edits.size(); ++r) {
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "cancelled");
    const auto start = Clock::now();
    auto result = runWhatIf(engine, profile, {edits[r]}, a.k, {}, &baseline.value());
    if (!result) return result.error();
    const auto mid = Clock::now();
    const auto stats = engine.lastRankStats();
    std::vector<std::int32_t> top;
    for (const auto& rec : result.value().list) top.push_back(rec.item);
    const std::vector<std::int32_t> explained(
        top.begin(),
        top.begin() + std::min<std::ptrdiff_t>(a.explainK, static_cast<std::ptrdiff_t>(top.size())));
    auto e = explainItems(engine.model(), result.value().profile, explained, options, nullptr, control);
    const auto end = Clock::now();
    if (!e) return e.error();
    t.lists.push_back(std::move(top));
    t.last = std::move(e).value();
    if (r < 2) continue;  // warm-up
    total.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    whatIf.push_back(std::chrono::duration<double, std::milli>(mid - start).count());
    explain.push_back(std::chrono::duration<double, std::milli>(end - mid).count());
    overlap += result.value().comparison.overlap;
    scored.push_back(static_cast<double>(stats.scored));
    if (stats.nearby) ++t.nearbyAnswers;
    control.report(double(r + 1) / double(edits.size()), "timing what-if round trips");
  }
  t.ms = summarize(std::move(total));
  t.whatIfMedian = median(whatIf);
  t.explainMedian = median(explain);
  t.scoredMedian = median(scored);
  t.meanOverlap = t.ms.runs.empty() ? 0.0 : overlap / static_cast<double>(t.ms.runs.size());
  return t;
}

nlohmann::json editsJson(const std::vector<WhatIfEdit>& edits) {
  auto out = nlohmann::json::array();
  for (const auto& e : edits) {
    out.push_back({{"kind", e.kind == WhatIfEdit::Kind::RemoveItem ? "remove" : "weight"},
                   {"item", e.item},
                   {"weight", e.weight}});
  }
  return out;
}

// Runs the baseline; nullopt with `why` set when it fails.
std::optional<nlohmann::json> runBaseline(const std::string& python, const std::string& script,
                                          const std::string& modelPath, const fs::path& dir,
                                          const UserProfile& profile, const std::vector<WhatIfEdit>& edits,
                                          const BenchWhatIfArgs& a, const ComputeDevice& device,
                                          std::string& why) {
  const auto scenarioPath = (dir / "scenario.json").string();
  {
    std::ofstream out(scenarioPath);
    out << nlohmann::json{{"history", profile.items},
                          {"weights", profile.weights},
                          {"codes", profile.fieldCodes},
                          {"edits", editsJson(edits)}}
               .dump();
    if (!out) {
      why = "cannot write " + scenarioPath;
      return std::nullopt;
    }
  }
  return runBaselineJson(shellQuote(python) + " " + shellQuote(script) + " --model " + shellQuote(modelPath) +
                             " --scenario " + shellQuote(scenarioPath) + " --k " + std::to_string(a.k) +
                             " --explain-k " + std::to_string(a.explainK) + " --steps " +
                             std::to_string(a.steps) + " --threads " + std::to_string(cpuThreads(device)) +
                             " --device " + device.torchName(),
                         {{"times_ms", JsonKind::NumberArray},
                          {"lists", JsonKind::Array},
                          {"attributions", JsonKind::Array},
                          {"mean_overlap", JsonKind::Number},
                          {"threads", JsonKind::Number},
                          {"torch_version", JsonKind::String},
                          {"batched", JsonKind::Bool},
                          {"grad", JsonKind::String}},
                         why);
}

void printTable(const nlohmann::json& out, const ModelMetadata& meta, const BenchWhatIfArgs& a,
                const ComputeDevice& device, std::size_t history) {
  std::printf("device %s, %s\n", device.description.c_str(), computeLibraryVersions().c_str());
  std::printf("%s\n", allocatorLine().c_str());
  std::printf(
      "model %lld items x %d dims, history %zu; round trip = edit (remove one item / re-weight one) -> user "
      "vector -> top-%d of the full catalog -> IG (%d steps) for the top %d; %d round trips\n",
      static_cast<long long>(meta.numItems), meta.dim, history, a.k, a.steps, a.explainK, a.repeat);
  std::printf("  RecLens  median %.3f ms, p95 %.3f ms (medians of the parts: what-if %.3f ms, IG %.3f ms)\n",
              out["reclens_ms"]["median"].get<double>(), out["reclens_ms"]["p95"].get<double>(),
              out["reclens_ms"]["whatif_median"].get<double>(), out["reclens_ms"]["ig_median"].get<double>());
  const auto& nb = out["nearby"];
  std::printf(
      "  (%d of %d timed edits ranked from the unedited profile's remembered scores, median %.0f of %lld "
      "items "
      "scored exactly per edit; same lists as full passes on %d of %d edits)\n",
      nb["answered"].get<int>(), out["reclens_ms"]["runs"].get<int>(), nb["median_scored"].get<double>(),
      static_cast<long long>(meta.numItems), nb["same_lists_as_full"].get<int>(), nb["edits"].get<int>());
  std::printf("  RecLens, full catalog every edit: median %.3f ms, p95 %.3f ms (what-if %.3f ms)\n",
              out["reclens_full_ms"]["median"].get<double>(), out["reclens_full_ms"]["p95"].get<double>(),
              out["reclens_full_ms"]["whatif_median"].get<double>());
  std::printf("  mean overlap of the edited top-%d with the unedited one %.3f\n", a.k,
              out["mean_overlap"].get<double>());
  if (out.contains("pytorch")) {
    const auto& p = out["pytorch"];
    std::printf("  PyTorch  median %.3f ms, p95 %.3f ms (%d threads, torch %s, %s user vectors, grad %s)\n",
                p["ms"]["median"].get<double>(), p["ms"]["p95"].get<double>(), p["threads"].get<int>(),
                p["torch_version"].get<std::string>().c_str(),
                p["batched"].get<bool>() ? "batched" : "unbatched", p["grad"].get<std::string>().c_str());
    std::printf("  %s; with the full catalog every edit: %s\n",
                out["speedup_text"].get<std::string>().c_str(),
                out["speedup_full_text"].get<std::string>().c_str());
    const auto& ag = out["agreement"];
    std::printf(
        "  agreement: same top-%d on %d of %d edits; mean overlap %.3f / %.3f; max |attribution difference| "
        "%.3g (tolerance %.3g); the two sides %s\n",
        a.k, ag["same_lists"].get<int>(), ag["edits"].get<int>(), out["mean_overlap"].get<double>(),
        ag["mean_overlap_pytorch"].get<double>(), ag["max_abs_difference"].get<double>(),
        ag["tolerance"].get<double>(), ag["agree"].get<bool>() ? "agree" : "DISAGREE");
  } else if (out.contains("baseline_error")) {
    std::printf("  baseline: %s\n", out["baseline_error"].get<std::string>().c_str());
  }
}

// Compares the baseline's lists, overlap and attributions with RecLens's into out["agreement"]; false
// with `why` when the baseline's output cannot be compared.
bool compareRoundTrips(const RoundTrips& t, const nlohmann::json& base, nlohmann::json& out,
                       std::string& why) {
  const auto theirs = rowLists(base.at("lists"));
  if (!theirs) {
    why = "the baseline's \"lists\" are not lists of catalog rows";
    return false;
  }
  if (theirs->size() != t.lists.size()) {
    why = "the baseline made " + std::to_string(theirs->size()) + " lists, RecLens " +
          std::to_string(t.lists.size());
    return false;
  }
  int same = 0;
  for (std::size_t r = 0; r < t.lists.size(); ++r) same += (*theirs)[r] == t.lists[r] ? 1 : 0;
  const auto diff = maxAttributionDifference(t.last, base.at("attributions"), why);
  if (!diff) return false;
  const double tolerance = 1e-4 * (1.0 + maxAbsAttribution(t.last));
  const double theirOverlap = base.at("mean_overlap").get<double>();
  const bool agree = same == static_cast<int>(t.lists.size()) && *diff <= tolerance &&
                     std::abs(theirOverlap - t.meanOverlap) <= 1e-9;
  out["agreement"] = {{"edits", static_cast<int>(t.lists.size())},
                      {"same_lists", same},
                      {"mean_overlap_pytorch", theirOverlap},
                      {"max_abs_difference", *diff},
                      {"tolerance", tolerance},
                      {"agree", agree}};
  return true;
}

int runBenchWhatIf(const BenchWhatIfArgs& a) {
  setComputeThreads(a.threads);
  std::string note;
  const auto device = chooseComputeDevice(a.device, &note);
  if (!note.empty()) std::cerr << "reclens-cli: warning: " << note << std::endl;
  const std::string python = a.noBaseline && !a.model.empty() ? std::string() : findPython(a.python, "torch");
  const std::string script = findPythonScript(a.script, "whatif_baseline.py");
  const std::string skipReason = baselineSkipReason(a.noBaseline, python, script, "whatif_baseline.py");
  if (a.model.empty() && (python.empty() || script.empty())) {
    return reportError(
        makeError(ErrorCode::InvalidArgument,
                  "making the benchmark model needs python3 with torch and whatif_baseline.py; "
                  "pass --model instead"));
  }
  if (!skipReason.empty() && !a.json) std::printf("PyTorch baseline skipped: %s\n", skipReason.c_str());

  const auto control = terminalTaskControl("bench whatif", a.json);
  const auto dir = fs::temp_directory_path() / ("reclens-bench-whatif-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::create_directories(dir, ec);
  const ScratchDir cleanup{dir};
  std::string modelPath = a.model;
  if (modelPath.empty()) {
    modelPath = (dir / "model.pt").string();
    control.report(0.0, "writing a random model");
    if (!captureOutput(shellQuote(python) + " " + shellQuote(script) + " --make-model --out " +
                       shellQuote(modelPath) + " --kind " + a.kind + " --contract " +
                       std::to_string(kModelContractVersion) + " --items " + std::to_string(a.items) +
                       " --dim " + std::to_string(a.dim) + " --seed " + std::to_string(a.seed))) {
      return reportError(makeError(ErrorCode::Internal, "whatif_baseline.py --make-model failed"));
    }
  }
  auto model = ModelFile::load(modelPath, device);
  if (!model) return reportError(model.error());
  const auto& meta = model.value()->metadata();
  const auto profile = randomProfile(meta, a.history, a.seed);
  if (profile.items.empty()) return reportError(makeError(ErrorCode::Empty, "the model's catalog is empty"));
  const auto edits = scenarioEdits(profile, a.repeat);
  ScoringEngine engine(model.value());
  auto timed = timeRoundTrips(engine, profile, edits, a, control);
  if (!timed) return reportError(timed.error());
  const auto& t = timed.value();
  // The same round trips scoring the whole catalog at every edit, for comparison.
  engine.setNearbyRanking(false);
  auto timedFull = timeRoundTrips(engine, profile, edits, a, control);
  if (!timedFull) return reportError(timedFull.error());
  const auto& full = timedFull.value();
  int sameAsFull = 0;
  for (std::size_t r = 0; r < t.lists.size() && r < full.lists.size(); ++r)
    sameAsFull += t.lists[r] == full.lists[r] ? 1 : 0;

  nlohmann::json out = {
      {"device", device.description},
      {"library", computeLibraryVersions()},
      {"allocator", memoryAllocatorDescription()},
      {"model", a.model.empty() ? "random " + a.kind + " (whatif_baseline.py --make-model)" : a.model},
      {"kind", a.model.empty() ? a.kind : meta.kind},
      {"items", meta.numItems},
      {"dim", meta.dim},
      {"k", a.k},
      {"explain_k", a.explainK},
      {"steps", a.steps},
      {"history", profile.items.size()},
      {"repeat", a.repeat},
      {"baseline_skipped", skipReason},
      {"mean_overlap", t.meanOverlap},
      {"reclens_ms",
       {{"median", t.ms.median},
        {"p95", t.ms.p95},
        {"runs", t.ms.runs.size()},
        {"whatif_median", t.whatIfMedian},
        {"ig_median", t.explainMedian}}},
      {"reclens_full_ms",
       {{"median", full.ms.median},
        {"p95", full.ms.p95},
        {"runs", full.ms.runs.size()},
        {"whatif_median", full.whatIfMedian},
        {"ig_median", full.explainMedian}}},
      {"nearby",
       {{"answered", t.nearbyAnswers},
        {"median_scored", t.scoredMedian},
        {"same_lists_as_full", sameAsFull},
        {"edits", static_cast<int>(t.lists.size())}}}};
  if (skipReason.empty()) {
    std::string why;
    const auto base = runBaseline(python, script, modelPath, dir, profile, edits, a, device, why);
    if (base && compareRoundTrips(t, *base, out, why)) {
      const auto theirs = summarize(base->at("times_ms").get<std::vector<double>>());
      out["pytorch"] = {{"ms", summaryJson(theirs)},
                        {"threads", base->at("threads")},
                        {"torch_version", base->at("torch_version")},
                        {"batched", base->at("batched")},
                        {"grad", base->at("grad")}};
      out["speedup"] = speedupOfTimes(theirs.median, t.ms.median);
      out["speedup_text"] = speedupText(out["speedup"].get<double>());
      out["speedup_full"] = speedupOfTimes(theirs.median, full.ms.median);
      out["speedup_full_text"] = speedupText(out["speedup_full"].get<double>());
    } else {
      out["baseline_error"] = why;
    }
  }
  if (a.json)
    std::cout << out.dump(2) << std::endl;
  else
    printTable(out, meta, a, device, profile.items.size());
  return kExitOk;
}

}  // namespace

void addBenchWhatIfCommand(CLI::App& bench, CommandRunner& runner) {
  auto args = std::make_shared<BenchWhatIfArgs>();
  auto* sub = bench.add_subcommand(
      "whatif", "Live what-if round trip (edit, top-K, IG for the top items): RecLens against plain PyTorch");
  sub->add_option("--items", args->items, "Catalog size of the generated model")
      ->check(CLI::Range(std::int64_t{100}, std::int64_t{20000000}))
      ->capture_default_str();
  sub->add_option("--dim", args->dim, "Embedding dimension of the generated model")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  sub->add_option("--k", args->k, "Length of the recomputed list")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  sub->add_option("--explain-k", args->explainK, "Items of the list explained with Integrated Gradients")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub->add_option("--steps", args->steps, "Integrated Gradients steps")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  sub->add_option("--history", args->history, "History items of the user profile")
      ->check(CLI::Range(2, 100000))
      ->capture_default_str();
  sub->add_option("--repeat", args->repeat, "Timed round trips (after two warm-up ones)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  sub->add_option("--seed", args->seed, "Seed of the model weights and the profile")->capture_default_str();
  sub->add_option("--kind", args->kind,
                  "Generated model: averaged (history mean) or twotower (MLP user tower)")
      ->check(CLI::IsMember({"averaged", "twotower"}))
      ->capture_default_str();
  sub->add_option("--threads", args->threads, "CPU threads of both sides (0: library default)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  sub->add_option("--model", args->model, "A contract model file to use instead of a generated one")
      ->check(CLI::ExistingFile);
  sub->add_option("--device", args->device, "auto, cpu or cuda[:N]")->capture_default_str();
  sub->add_option("--python", args->python, "Python interpreter for the PyTorch baseline");
  sub->add_option("--script", args->script, "Path of whatif_baseline.py");
  sub->add_flag("--no-baseline", args->noBaseline, "Skip the PyTorch baseline");
  sub->add_flag("--json", args->json, "Print JSON on stdout");
  sub->callback([&runner, args] { runner = [args] { return runBenchWhatIf(*args); }; });
}

}  // namespace reclens::cli
