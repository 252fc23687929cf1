// reclens-cli bench audit: throughput of a full audit (top-k for every user and every metric) on a synthetic
// catalog, against the same audit written in plain PyTorch + numpy, with the largest difference per metric.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>

#include <time.h>

#include <sched.h>
#include <unistd.h>

#include "audit/auditjson.h"
#include "benchauditdata.h"
#include "benchsupport.h"
#include "clisupport.h"
#include "commands.h"
#include "common/memoryallocator.h"
#include "engine/computethreads.h"
#include "engine/userprofilebuilder.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

struct BenchArgs {
  std::int64_t items = 100000;
  std::int64_t users = 20000;
  int dim = 64;
  int k = 20;
  int repeats = 3;
  int bootstrap = 1000;
  int permutations = 1000;
  std::uint64_t seed = 7;
  int threads = 0;
  std::string device = "auto";
  std::string python;
  std::string script;
  bool noBaseline = false;
  bool json = false;
};

double seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// CPU time of the whole process (all threads) in seconds: on a busy machine it measures the work where
// wall time also measures the neighbours.
double processCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Removes the bench's scratch folder however the bench ends.
struct Timings {
  std::vector<double> total, audit, finish, cpu;
  Json metrics;
  std::size_t evaluated = 0;
};

Result<Timings> measure(ScoringEngine& engine, const AuditBenchWorld& world, const AuditConfig& config,
                        int repeats, const TaskControl& control) {
  TaskControl quiet;  // progress lines would disturb the timing; Ctrl-C still stops
  quiet.cancel = control.cancel;
  Timings t;
  for (int r = 0; r < repeats; ++r) {
    control.report(double(r) / repeats, "auditing");
    const auto start = Clock::now();
    const double cpuStart = processCpuSeconds();
    auto partial = auditModel(engine, world.dataset, world.split, config, quiet);
    if (!partial) return partial.error();
    const auto audited = Clock::now();
    auto result = finishAudit(partial.value(), world.dataset, world.split, quiet);
    if (!result) return result.error();
    const auto end = Clock::now();
    t.cpu.push_back(processCpuSeconds() - cpuStart);
    t.total.push_back(seconds(end - start));
    t.audit.push_back(seconds(audited - start));
    t.finish.push_back(seconds(end - audited));
    if (r == 0) {
      t.metrics = Json::parse(auditMetricsJson(result.value()));
      t.evaluated = result.value().evaluatedUsers;
    }
  }
  control.report(1.0, "auditing");
  return t;
}

// Top-k of the first `count` users, as the audit lists them, for the agreement check.
Result<std::vector<std::set<std::int32_t>>> sampleLists(ScoringEngine& engine, const AuditBenchWorld& world,
                                                        int k, std::size_t count) {
  std::vector<bool> history(world.split.part.size());
  for (std::size_t r = 0; r < history.size(); ++r) history[r] = world.split.part[r] != SplitPart::Test;
  UserProfileBuilder profiles(world.dataset, world.model->metadata(), &history);
  std::vector<std::set<std::int32_t>> out;
  for (std::size_t u = 0; u < std::min(count, profiles.users()); ++u) {
    const auto profile = profiles.profile(static_cast<std::int32_t>(u));
    auto v = engine.userVector(profile);
    if (!v) return v.error();
    auto top = engine.topK(v.value(), k, profile.items);
    if (!top) return top.error();
    std::set<std::int32_t> items;
    for (const auto& rec : top.value()) items.insert(rec.item);
    out.push_back(std::move(items));
  }
  return out;
}

std::optional<Json> runBaseline(const BenchArgs& a, const std::string& python, const std::string& script,
                                const fs::path& dir, const ComputeDevice& device, std::string& why) {
  return runBaselineJson(shellQuote(python) + " " + shellQuote(script) + " --dir " +
                             shellQuote(dir.string()) + " --repeats " + std::to_string(a.repeats) +
                             " --device " + device.torchName() +
                             (a.threads > 0 ? " --threads " + std::to_string(a.threads) : ""),
                         {{"times_s", JsonKind::NumberArray},
                          {"cpu_times_s", JsonKind::NumberArray},
                          {"sample_topk", JsonKind::Array},
                          {"metrics", JsonKind::Object},
                          {"threads", JsonKind::Number},
                          {"torch_version", JsonKind::String},
                          {"batched", JsonKind::Bool}},
                         why);
}

// With --threads N, the process (and the baseline it starts, which inherits the mask) runs on N of the
// CPUs it may use, so every stage of both sides, the fairness statistics included, has the same cores.
// Returns how many CPUs the mask holds afterwards (0 when it could not be read).
int pinToCpus(int threads) {
  cpu_set_t mask;
  CPU_ZERO(&mask);
  if (sched_getaffinity(0, sizeof mask, &mask) != 0) return 0;
  if (threads > 0 && CPU_COUNT(&mask) > threads) {
    cpu_set_t fewer;
    CPU_ZERO(&fewer);
    int kept = 0;
    for (int c = 0; c < CPU_SETSIZE && kept < threads; ++c) {
      if (CPU_ISSET(c, &mask)) {
        CPU_SET(c, &fewer);
        ++kept;
      }
    }
    if (sched_setaffinity(0, sizeof fewer, &fewer) == 0) mask = fewer;
  }
  return CPU_COUNT(&mask);
}

void printText(const BenchArgs& a, const ComputeDevice& device, const Json& out) {
  const auto& r = out["reclens"];
  std::printf(
      "bench audit: %lld items x %d dims, %lld users (%zu with a test item), top-%d, bootstrap %d, "
      "permutations %d\ndevice %s, %s, %d CPU(s)\n",
      static_cast<long long>(a.items), a.dim, static_cast<long long>(a.users),
      out["evaluated_users"].get<std::size_t>(), a.k, a.bootstrap, a.permutations, device.description.c_str(),
      computeLibraryVersions().c_str(), out["cpus"].get<int>());
  std::printf("%s\n", allocatorLine().c_str());
  std::printf(
      "\nRecLens  median %.3f s per audit = %.0f users/s (p95 %.3f s); lists %.3f s + finish %.3f s\n",
      r["seconds"]["median"].get<double>(), r["users_per_s"].get<double>(), r["seconds"]["p95"].get<double>(),
      r["audit_seconds_median"].get<double>(), r["finish_seconds_median"].get<double>());
  if (!out.contains("pytorch")) {
    std::printf("PyTorch baseline: %s\n", out["baseline_skipped"].get<std::string>().c_str());
    return;
  }
  const auto& p = out["pytorch"];
  std::printf("PyTorch  median %.3f s per audit = %.0f users/s (p95 %.3f s); torch %s, %d threads\n",
              p["seconds"]["median"].get<double>(), p["users_per_s"].get<double>(),
              p["seconds"]["p95"].get<double>(), p["torch_version"].get<std::string>().c_str(),
              p["threads"].get<int>());
  std::printf("%s\n", out["speedup_text"].get<std::string>().c_str());
  std::printf("CPU time per audit (all threads, medians): RecLens %.3f s, PyTorch %.3f s\n",
              r["cpu_seconds_median"].get<double>(), p["cpu_seconds_median"].get<double>());
  std::printf("agreement: same top-%d on %d of %d sampled users\n", a.k,
              out["agreement"]["same_top_k"].get<int>(), out["agreement"]["users"].get<int>());
  std::printf("\nLargest difference per metric (relative to max(1, |value|)):\n");
  for (const auto& [metric, diff] : out["max_difference"].items()) {
    std::printf("  %-52s %.3g\n", metric.c_str(), diff.get<double>());
  }
  const auto& rnd = out["random_parts"];
  std::printf(
      "bootstrap interval ends and permutation p-values (other random draws on each side): %d compared, %d "
      "outside their Monte Carlo tolerance (worst |difference| / tolerance %.2f)\n",
      rnd["compared"].get<int>(), rnd["outside_tolerance"].get<int>(), rnd["worst_ratio"].get<double>());
  for (const auto& m : out["mismatches"]) std::printf("  mismatch: %s\n", m.get<std::string>().c_str());
  std::printf("the two sides %s\n", out["agreement"]["agree"].get<bool>() ? "agree" : "DISAGREE");
}

int runBench(const BenchArgs& a) {
  const int cpus = pinToCpus(a.threads);
  setComputeThreads(a.threads);
  std::string note;
  const auto device = chooseComputeDevice(a.device, &note);
  if (!note.empty()) std::cerr << "reclens-cli: warning: " << note << std::endl;
  const std::string python = a.noBaseline ? std::string() : findPython(a.python, "torch");
  const std::string script = findPythonScript(a.script, "audit_baseline.py");
  std::string skipReason = baselineSkipReason(a.noBaseline, python, script, "audit_baseline.py");
  if (!skipReason.empty()) skipReason = "skipped: " + skipReason;

  const auto control = terminalTaskControl("bench audit", a.json);
  ScratchDir dir{fs::temp_directory_path() / ("reclens-bench-audit-" + std::to_string(::getpid()))};
  fs::create_directories(dir.path);
  control.report(0.0, "generating the synthetic project and a one-epoch BPR model");
  auto world =
      makeAuditBenchWorld(a.items, a.users, a.dim, a.seed, a.threads, device, dir.path.string(), control);
  if (!world) return reportError(world.error());
  ScoringEngine engine(world.value().model);
  AuditConfig config;
  config.k = a.k;
  config.bootstrapSamples = a.bootstrap;
  config.permutations = a.permutations;
  config.seed = a.seed;
  // The item groupings the baseline computes (tier and every catalog field), not the cold-start ones.
  config.itemGroupings = {"tier"};
  for (const auto& f : world.value().dataset.items.fields) config.itemGroupings.push_back(f.name());
  // The intersectional grouping costs as much as another attribute; the baseline does not compute it.
  if (world.value().dataset.users.fieldIndex("gender") >= 0 &&
      world.value().dataset.users.fieldIndex("age_band") >= 0)
    config.intersections = {{"gender", "age_band"}};
  auto t = measure(engine, world.value(), config, a.repeats, control);
  if (!t) return reportError(t.error());
  const auto users = static_cast<double>(a.users);
  Json out = {{"items", a.items},
              {"users", a.users},
              {"dim", a.dim},
              {"k", a.k},
              {"repeats", a.repeats},
              {"device", device.description},
              {"library", computeLibraryVersions()},
              {"allocator", memoryAllocatorDescription()},
              {"evaluated_users", t.value().evaluated},
              {"cpus", cpus},
              {"baseline_skipped", skipReason}};
  const auto ours = summarize(t.value().total);
  out["reclens"] = {{"seconds", summaryJson(ours)},
                    {"users_per_s", users / ours.median},
                    {"cpu_seconds_median", median(t.value().cpu)},
                    {"audit_seconds_median", median(t.value().audit)},
                    {"finish_seconds_median", median(t.value().finish)}};
  if (skipReason.empty()) {
    control.report(0.0, "running the PyTorch baseline");
    auto sample = sampleLists(engine, world.value(), a.k, 20);
    if (!sample) return reportError(sample.error());
    if (auto s = writeBaselineInputs(world.value(), engine, config, dir.path.string()); !s)
      return reportError(s.error());
    std::string why;
    auto baseline = runBaseline(a, python, script, dir.path, device, why);
    const auto theirLists = baseline ? rowLists((*baseline)["sample_topk"]) : std::nullopt;
    if (baseline && !theirLists) why = "the baseline's \"sample_topk\" are not lists of catalog rows";
    if (!baseline || !theirLists) {
      out["baseline_skipped"] = why;
    } else {
      const Json& base = *baseline;
      const auto theirs = summarize(base["times_s"].get<std::vector<double>>());
      out["pytorch"] = {{"seconds", summaryJson(theirs)},
                        {"users_per_s", users / theirs.median},
                        {"cpu_seconds_median", median(base["cpu_times_s"].get<std::vector<double>>())},
                        {"threads", base["threads"]},
                        {"torch_version", base["torch_version"]},
                        {"batched_user_vectors", base["batched"]}};
      // Ratio convention: baseline time / RecLens time (= RecLens users/s / baseline users/s).
      out["speedup"] = speedupOfTimes(theirs.median, ours.median);
      out["speedup_text"] = speedupText(out["speedup"].get<double>());
      int same = 0;
      const auto n = std::min(theirLists->size(), sample.value().size());
      for (std::size_t u = 0; u < n; ++u) {
        const auto& l = (*theirLists)[u];
        same += std::set<std::int32_t>(l.begin(), l.end()) == sample.value()[u] ? 1 : 0;
      }
      std::vector<std::string> mismatches;
      RandomPartsCheck random;
      random.bootstrap = a.bootstrap;
      random.permutations = a.permutations;
      const auto diffs = metricDifferences(t.value().metrics, base["metrics"], random, mismatches);
      double worst = 0.0;
      for (const auto& [metric, d] : diffs) worst = std::max(worst, d);
      out["max_difference"] = diffs;
      out["mismatches"] = mismatches;
      out["random_parts"] = {{"compared", random.compared},
                             {"outside_tolerance", random.outside},
                             {"worst_ratio", random.worstRatio}};
      out["agreement"] = {{"users", static_cast<int>(n)},
                          {"same_top_k", same},
                          {"max_metric_difference", worst},
                          {"agree", n == sample.value().size() && same == static_cast<int>(n) && n > 0 &&
                                        mismatches.empty() && worst <= 1e-6}};
    }
  }
  if (a.json) {
    std::cout << out.dump(2) << std::endl;
  } else {
    printText(a, device, out);
  }
  return kExitOk;
}

}  // namespace

void addBenchAuditCommand(CLI::App& bench, CommandRunner& runner) {
  auto a = std::make_shared<BenchArgs>();
  auto* sub = bench.add_subcommand(
      "audit", "Full audit throughput (users/s) on a synthetic catalog, against plain PyTorch + numpy");
  sub->add_option("--items", a->items, "Catalog size")
      ->check(CLI::Range(std::int64_t{1000}, std::int64_t{20000000}))
      ->capture_default_str();
  sub->add_option("--users", a->users, "Users audited")
      ->check(CLI::Range(std::int64_t{100}, std::int64_t{10000000}))
      ->capture_default_str();
  sub->add_option("--dim", a->dim, "Embedding dimension")->check(CLI::Range(2, 1024))->capture_default_str();
  sub->add_option("--k", a->k, "List length audited")->check(CLI::Range(1, 1000))->capture_default_str();
  sub->add_option("--repeats", a->repeats, "Full audits timed")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub->add_option("--bootstrap", a->bootstrap, "Bootstrap resamples")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  sub->add_option("--permutations", a->permutations, "Permutations")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  sub->add_option("--seed", a->seed, "Seed of the synthetic data, model and statistics")
      ->capture_default_str();
  sub->add_option("--threads", a->threads,
                  "CPU threads, and CPUs both sides may run on (0: library default, every CPU)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  sub->add_option("--device", a->device, "auto, cpu or cuda[:N]")->capture_default_str();
  sub->add_option("--python", a->python, "Python interpreter for the PyTorch baseline");
  sub->add_option("--script", a->script, "Path of audit_baseline.py");
  sub->add_flag("--no-baseline", a->noBaseline, "Skip the PyTorch baseline");
  sub->add_flag("--json", a->json, "Print JSON on stdout");
  sub->callback([&runner, a] { runner = [a] { return runBench(*a); }; });
}

}  // namespace reclens::cli
