// reclens-cli bench score: full-catalog scoring + top-K, one user and all users, against plain PyTorch.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <set>

#include <unistd.h>

#include "benchsupport.h"
#include "clisupport.h"
#include "commands.h"
#include "common/memoryallocator.h"
#include "engine/computedevice.h"
#include "engine/computethreads.h"
#include "engine/scoringengine.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct BenchArgs {
  std::vector<std::int64_t> items{100000};
  int dim = 64;
  int k = 50;
  int batchK = 20;
  int users = 2000;
  int repeat = 300;
  int batch = 256;
  int threads = 0;
  std::uint64_t seed = 7;
  std::string device = "auto";
  std::string python;
  std::string script;
  bool noBaseline = false;
  bool json = false;
};

double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

std::vector<float> randomMatrix(std::int64_t rows, int dim, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> m(static_cast<std::size_t>(rows) * static_cast<std::size_t>(dim));
  for (auto& x : m) x = normal(rng);
  return m;
}

bool writeRaw(const std::string& path, const std::vector<float>& data) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data.data()),
            static_cast<std::streamsize>(data.size() * sizeof(float)));
  return static_cast<bool>(out);
}

struct Measured {
  TimeSummary single;
  double usersPerSecond = 0.0;
  std::vector<std::vector<std::int32_t>> sample;
};

Result<Measured> measure(ScoringEngine& engine, const std::vector<float>& users, const BenchArgs& a) {
  const auto d = static_cast<std::size_t>(a.dim);
  const auto userVector = [&](int u) {
    const auto at = users.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(u) * d);
    return std::vector<float>(at, at + static_cast<std::ptrdiff_t>(d));
  };
  Measured m;
  std::vector<std::vector<float>> vectors;
  for (int r = 0; r < std::min(a.users, a.repeat); ++r) vectors.push_back(userVector(r));
  for (int r = 0; r < 10; ++r) {
    if (auto t = engine.topK(vectors[static_cast<std::size_t>(r) % vectors.size()], a.k); !t)
      return t.error();
  }
  std::vector<double> times;
  for (int r = 0; r < a.repeat; ++r) {
    const auto& u = vectors[static_cast<std::size_t>(r) % vectors.size()];
    const auto start = Clock::now();
    auto top = engine.topK(u, a.k);
    times.push_back(ms(Clock::now() - start));
    if (!top) return top.error();
  }
  m.single = summarize(std::move(times));

  std::vector<std::vector<Recommendation>> lists;
  const auto start = Clock::now();
  for (int first = 0; first < a.users; first += a.batch) {
    const int b = std::min(a.batch, a.users - first);
    const std::vector<float> chunk(
        users.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(first) * d),
        users.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(first + b) * d));
    if (auto s = engine.topKBatch(chunk, static_cast<std::size_t>(b), a.batchK, {}, lists); !s)
      return s.error();
  }
  m.usersPerSecond = a.users / (ms(Clock::now() - start) / 1000.0);

  for (int u = 0; u < std::min(a.users, 20); ++u) {
    auto top = engine.topK(userVector(u), a.k);
    if (!top) return top.error();
    std::vector<std::int32_t> items;
    for (const auto& r : top.value()) items.push_back(r.item);
    m.sample.push_back(std::move(items));
  }
  return m;
}

int runBench(const BenchArgs& a) {
  setComputeThreads(a.threads);
  std::string note;
  const auto device = chooseComputeDevice(a.device, &note);
  if (!note.empty()) std::cerr << "reclens-cli: warning: " << note << std::endl;
  const std::string python = a.noBaseline ? std::string() : findPython(a.python, "torch");
  const std::string script = findPythonScript(a.script, "bench_score_baseline.py");
  const std::string skipReason = baselineSkipReason(a.noBaseline, python, script, "bench_score_baseline.py");
  if (!skipReason.empty() && !a.json) std::printf("PyTorch baseline skipped: %s\n", skipReason.c_str());

  const auto control = terminalTaskControl("bench score", a.json);
  const auto users = randomMatrix(a.users, a.dim, a.seed + 1);
  nlohmann::json out;
  out["device"] = device.description;
  out["library"] = computeLibraryVersions();
  out["allocator"] = memoryAllocatorDescription();
  out["dim"] = a.dim;
  out["k"] = a.k;
  out["users"] = a.users;
  out["repeat"] = a.repeat;
  out["baseline_skipped"] = skipReason;
  out["results"] = nlohmann::json::array();
  if (!a.json) {
    std::printf("device %s, %s; dim %d, top-%d for one user, top-%d batched over %d users\n",
                device.description.c_str(), computeLibraryVersions().c_str(), a.dim, a.k, a.batchK, a.users);
    std::printf("%s\n", allocatorLine().c_str());
  }
  for (const auto n : a.items) {
    if (control.cancelled()) return reportError(makeError(ErrorCode::Cancelled, "cancelled"));
    const auto items = randomMatrix(n, a.dim, a.seed);
    auto engine = ScoringEngine::forItemMatrix(items, n, a.dim, device);
    if (!engine) return reportError(engine.error());
    // This bench times the full-catalog product: repeated user vectors must not be answered from the
    // scores the engine remembers for what-if edits (engine/nearbytopk.h).
    engine.value()->setNearbyRanking(false);
    auto m = measure(*engine.value(), users, a);
    if (!m) return reportError(m.error());
    nlohmann::json row = {{"items", n},
                          {"single_ms", summaryJson(m.value().single)},
                          {"batch_users_per_s", m.value().usersPerSecond}};
    if (skipReason.empty()) {
      const auto dir = fs::temp_directory_path() / ("reclens-bench-" + std::to_string(::getpid()));
      fs::create_directories(dir);
      const auto itemsFile = (dir / "items.f32").string();
      const auto usersFile = (dir / "users.f32").string();
      std::optional<nlohmann::json> baseline;
      std::string why = "cannot write the score matrices to " + dir.string();
      if (writeRaw(itemsFile, items) && writeRaw(usersFile, users)) {
        baseline = runBaselineJson(
            shellQuote(python) + " " + shellQuote(script) + " --items-file " + shellQuote(itemsFile) +
                " --users-file " + shellQuote(usersFile) + " --items " + std::to_string(n) + " --users " +
                std::to_string(a.users) + " --dim " + std::to_string(a.dim) + " --k " + std::to_string(a.k) +
                " --batch-k " + std::to_string(a.batchK) + " --batch " + std::to_string(a.batch) +
                " --repeat " + std::to_string(a.repeat) + " --threads " + std::to_string(cpuThreads(device)) +
                " --device " + device.torchName(),
            {{"sample_topk", JsonKind::Array},
             {"single_times_ms", JsonKind::NumberArray},
             {"batch_seconds", JsonKind::Number},
             {"threads", JsonKind::Number},
             {"torch_version", JsonKind::String}},
            why);
      }
      std::error_code ec;
      fs::remove_all(dir, ec);
      const auto sample = baseline ? rowLists(baseline->at("sample_topk")) : std::nullopt;
      if (baseline && !sample) why = "the baseline's \"sample_topk\" are not lists of catalog rows";
      if (!baseline || !sample) {
        row["baseline_error"] = why;
      } else {
        const nlohmann::json& base = *baseline;
        int agree = 0;
        for (std::size_t u = 0; u < std::min(sample->size(), m.value().sample.size()); ++u) {
          const std::set<std::int32_t> a1((*sample)[u].begin(), (*sample)[u].end());
          const std::set<std::int32_t> b1(m.value().sample[u].begin(), m.value().sample[u].end());
          agree += a1 == b1 ? 1 : 0;
        }
        const auto single = summarize(base.at("single_times_ms").get<std::vector<double>>());
        const double seconds = base.at("batch_seconds").get<double>();
        const double tUsers = seconds > 0.0 ? a.users / seconds : 0.0;
        row["pytorch"] = {{"single_ms", summaryJson(single)},
                          {"batch_users_per_s", tUsers},
                          {"threads", base.at("threads")},
                          {"torch_version", base.at("torch_version")}};
        // Ratio convention: baseline time / RecLens time, RecLens rate / baseline rate (> 1: RecLens faster).
        row["speedup"] = speedupOfTimes(single.median, m.value().single.median);
        row["speedup_batch"] = speedupOfRates(m.value().usersPerSecond, tUsers);
        row["agreement"] = {{"users", std::min(sample->size(), m.value().sample.size())},
                            {"same_top_k", agree},
                            {"agree", agree == static_cast<int>(m.value().sample.size()) &&
                                          sample->size() == m.value().sample.size()}};
      }
    }
    if (!a.json) {
      std::printf("\n%lld items x %d dims\n", static_cast<long long>(n), a.dim);
      std::printf("  one user, score + top-%d: RecLens median %.3f ms, p95 %.3f ms", a.k,
                  m.value().single.median, m.value().single.p95);
      if (row.contains("pytorch")) {
        std::printf("; PyTorch median %.3f ms, p95 %.3f ms; %s",
                    row["pytorch"]["single_ms"]["median"].get<double>(),
                    row["pytorch"]["single_ms"]["p95"].get<double>(),
                    speedupText(row["speedup"].get<double>()).c_str());
      }
      std::printf("\n  all users, top-%d batched: RecLens %.0f users/s", a.batchK, m.value().usersPerSecond);
      if (row.contains("pytorch")) {
        std::printf("; PyTorch %.0f users/s; %s", row["pytorch"]["batch_users_per_s"].get<double>(),
                    speedupText(row["speedup_batch"].get<double>()).c_str());
        std::printf("\n  agreement: same top-%d on %d of %zu sampled users", a.k,
                    row["agreement"]["same_top_k"].get<int>(), row["agreement"]["users"].get<std::size_t>());
      } else if (row.contains("baseline_error")) {
        std::printf("\n  baseline: %s", row["baseline_error"].get<std::string>().c_str());
      }
      std::printf("\n");
    }
    out["results"].push_back(row);
  }
  if (a.json) std::cout << out.dump(2) << std::endl;
  return kExitOk;
}

}  // namespace

void addBenchScoreCommand(CLI::App& bench, CommandRunner& runner) {
  auto args = std::make_shared<BenchArgs>();
  auto* sub = bench.add_subcommand(
      "score", "Full-catalog score + top-K: one user (latency) and all users (throughput)");
  sub->add_option("--items", args->items, "Catalog sizes, comma separated")
      ->delimiter(',')
      ->check(CLI::Range(std::int64_t{100}, std::int64_t{20000000}))
      ->capture_default_str();
  sub->add_option("--dim", args->dim, "Embedding dimension")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  sub->add_option("--k", args->k, "Top-K of the one-user measurement")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  sub->add_option("--users", args->users, "Users of the batched measurement")
      ->check(CLI::Range(20, 10000000))
      ->capture_default_str();
  sub->add_option("--repeat", args->repeat, "Repetitions of the one-user measurement")
      ->check(CLI::Range(10, 1000000))
      ->capture_default_str();
  sub->add_option("--batch", args->batch, "Users per batch")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  sub->add_option("--seed", args->seed, "Seed of the random item and user vectors")->capture_default_str();
  sub->add_option("--threads", args->threads, "CPU threads of both sides (0: library default)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  sub->add_option("--device", args->device, "auto, cpu or cuda[:N]")->capture_default_str();
  sub->add_option("--python", args->python, "Python interpreter for the PyTorch baseline");
  sub->add_option("--script", args->script, "Path of bench_score_baseline.py");
  sub->add_flag("--no-baseline", args->noBaseline, "Skip the PyTorch baseline");
  sub->add_flag("--json", args->json, "Print JSON on stdout");
  sub->callback([&runner, args] { runner = [args] { return runBench(*args); }; });
}

}  // namespace reclens::cli
