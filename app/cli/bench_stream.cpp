// `reclens-cli bench stream`: events/s appended to a large project by `stream`, against the same
// appending in Python's csv + sqlite3 (executemany in transactions of the same size, WAL, same sync).
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>

#include "benchsupport.h"
#include "clisupport.h"
#include "commands.h"
#include "data/generator.h"
#include "store/eventappender.h"
#include "store/projectstore.h"
#include "streamer.h"
#include "streaminput.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct BenchStreamArgs {
  std::int64_t interactions = 1'000'000;
  std::int64_t events = 500'000;
  std::size_t batch = 500;
  int repeat = 3;
  bool noBaseline = false;
  bool json = false;
  bool quiet = false;
};

// Share of events by a user (item) the project does not have yet; each such id comes back a few times.
constexpr double kNewShare = 0.05;

// Writes `n` events (header user,item,time,kind,weight) after the project's last time: mostly known
// users and items, kNewShare of each new; kinds drawn from the project's.
Status writeEvents(const Dataset& d, std::int64_t n, const std::string& path) {
  std::ofstream out(path);
  if (!out) return makeError(ErrorCode::Io, "cannot write the events file", path);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::int64_t ts = 0;
  for (const auto t : d.interactions.ts) ts = std::max(ts, t);
  const auto pool = std::max<std::int64_t>(1, n / 50);  // distinct new ids of each side
  out << "user,item,time,kind,weight\n";
  for (std::int64_t e = 0; e < n; ++e) {
    ts += static_cast<std::int64_t>(rng() % 3);
    const auto user =
        unit(rng) < kNewShare ? "new-u" + std::to_string(rng() % pool) : d.users.ids[rng() % d.users.size()];
    const auto item =
        unit(rng) < kNewShare ? "new-i" + std::to_string(rng() % pool) : d.items.ids[rng() % d.items.size()];
    const auto& kind = d.interactions.kindNames[rng() % d.interactions.kindNames.size()];
    out << user << ',' << item << ',' << ts << ',' << kind << ',' << (1 + rng() % 3) << '\n';
  }
  out.close();
  if (!out) return makeError(ErrorCode::Io, "cannot write the events file", path);
  return Status::success();
}

struct RunResult {
  double seconds = 0.0;
  EventAppendTotals totals;
  std::int64_t interactionsAfter = 0;
};

// One timed `stream --input events` into a fresh copy of `base`: open, append every line, commit, close.
Result<RunResult> timeStream(const fs::path& base, const fs::path& copy, const std::string& events,
                             std::size_t batch) {
  std::error_code ec;
  fs::remove(copy, ec);
  if (!fs::copy_file(base, copy, ec))
    return makeError(ErrorCode::Io, "cannot copy the project", copy.string());
  RunResult r;
  const auto start = std::chrono::steady_clock::now();
  {
    auto store = ProjectStore::open(copy.string(), ProjectStore::Mode::ReadWrite);
    if (!store) return store.error();
    EventAppendOptions options;
    options.batchEvents = batch;
    auto appender = store.value()->beginEvents(options);
    if (!appender) return appender.error();
    auto input = LineInput::open(events, false);
    if (!input) return input.error();
    const TaskControl none;
    Streamer streamer(*appender.value(), *input.value(), none, true, 10);
    if (auto st = streamer.run(EventFormat::Csv, std::nullopt); !st) return st.error();
    if (streamer.tally().badLines != 0)
      return makeError(ErrorCode::Internal, "the generated events file has bad lines", events);
    r.totals = appender.value()->totals();
  }  // closing the last connection checkpoints the WAL into the file, as the baseline's close does
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto check = ProjectStore::open(copy.string(), ProjectStore::Mode::ReadOnly);
  if (!check) return check.error();
  auto counts = check.value()->counts();
  if (!counts) return counts.error();
  r.interactionsAfter = counts.value().interactions;
  return r;
}

int runBenchStream(const BenchStreamArgs& a) {
  if (a.interactions < 1000 || a.events < 1 || a.repeat < 1 || a.batch < 1)
    return reportError(makeError(ErrorCode::InvalidArgument,
                                 "--interactions must be >= 1000, --events, --batch and --repeat >= 1"));
  std::error_code ec;
  const auto tmp = fs::temp_directory_path(ec) / ("reclens-bench-stream-" + std::to_string(getpid()));
  fs::create_directories(tmp, ec);
  if (ec) return reportError(makeError(ErrorCode::Io, "cannot create a temporary folder", tmp.string()));
  const auto cleanup = [&] { fs::remove_all(tmp, ec); };
  const auto fail = [&](const Error& e) { return cleanup(), reportError(e); };

  auto config = GeneratorConfig::preset("large");
  if (!config) return fail(config.error());
  auto& c = config.value();
  c.interactions = a.interactions;
  c.users = std::clamp<std::int64_t>(a.interactions / 20, 200, 1'000'000);
  c.items = std::clamp<std::int64_t>(a.interactions / 10, 300, 1'000'000);
  c.size = "custom";
  const auto base = tmp / "base.reclens";
  if (!a.quiet)
    std::fprintf(stderr, "bench stream: generating a project of %lld interactions\n",
                 static_cast<long long>(a.interactions));
  Dataset dataset;
  {
    auto store = ProjectStore::open(base.string(), ProjectStore::Mode::Create);
    if (!store) return fail(store.error());
    auto gen = generateProject(c, *store.value(), terminalTaskControl("generate", a.quiet));
    if (!gen) return fail(gen.error());
    auto d = store.value()->loadDataset();
    if (!d) return fail(d.error());
    dataset = std::move(d.value());
  }
  const auto events = (tmp / "events.csv").string();
  if (auto st = writeEvents(dataset, a.events, events); !st) return fail(st.error());

  if (!a.quiet) std::fprintf(stderr, "bench stream: RecLens x%d\n", a.repeat);
  std::vector<double> seconds;
  RunResult last;
  for (int r = 0; r < a.repeat; ++r) {
    auto run = timeStream(base, tmp / "run.reclens", events, a.batch);
    if (!run) return fail(run.error());
    seconds.push_back(run.value().seconds);
    last = run.value();
  }
  const auto ours = summarize(seconds);
  const auto expected = static_cast<std::int64_t>(dataset.interactions.size()) + a.events;
  if (last.totals.events != a.events || last.interactionsAfter != expected) {
    return fail(makeError(ErrorCode::Internal,
                          "RecLens appended " + std::to_string(last.totals.events) +
                              " events and the project holds " + std::to_string(last.interactionsAfter) +
                              " interactions, " + std::to_string(expected) + " expected"));
  }

  std::optional<Json> baseline;
  std::string note;
  if (!a.noBaseline) {
    const auto python = findPython({}, "csv, sqlite3");
    const auto script = findPythonScript({}, "bench_stream_baseline.py");
    if (python.empty() || script.empty()) {
      note = python.empty() ? "baseline skipped: no python3 found"
                            : "baseline skipped: bench_stream_baseline.py not found";
    } else {
      if (!a.quiet) std::fprintf(stderr, "bench stream: Python baseline x%d\n", a.repeat);
      std::string why;
      baseline =
          runBaselineJson(shellQuote(python) + " " + shellQuote(script) + " " + shellQuote(base.string()) +
                              " " + shellQuote(events) + " " + shellQuote(tmp.string()) + " --batch " +
                              std::to_string(a.batch) + " --repeat " + std::to_string(a.repeat),
                          {{"times_s", JsonKind::NumberArray},
                           {"events", JsonKind::Number},
                           {"users_created", JsonKind::Number},
                           {"items_created", JsonKind::Number},
                           {"interactions", JsonKind::Number}},
                          why);
      if (!baseline) note = "baseline failed: " + why;
    }
  }
  cleanup();

  const double rate = ours.median > 0 ? static_cast<double>(a.events) / ours.median : 0.0;
  std::optional<TimeSummary> theirs;
  bool agree = false;
  if (baseline) {
    theirs = summarize((*baseline)["times_s"].get<std::vector<double>>());
    const auto& b = *baseline;
    agree = b["events"].get<std::int64_t>() == last.totals.events &&
            b["users_created"].get<std::int64_t>() == last.totals.usersCreated &&
            b["items_created"].get<std::int64_t>() == last.totals.itemsCreated &&
            b["interactions"].get<std::int64_t>() == last.interactionsAfter;
    if (!agree) note = "the baseline wrote other counts: " + b.dump();
  }
  const double speedup = theirs ? speedupOfTimes(theirs->median, ours.median) : 0.0;
  const double peak = peakRssMiB();
  const char* const kNotIncluded =
      "user vectors are not folded in on each event (online fold-in is not built yet)";
  if (a.json) {
    Json out = {{"benchmark", "stream"},
                {"project_interactions", dataset.interactions.size()},
                {"project_users", dataset.users.size()},
                {"project_items", dataset.items.size()},
                {"events", a.events},
                {"batch", a.batch},
                {"journal_mode", "wal"},
                {"synchronous", "normal"},
                {"repeat", a.repeat},
                {"seconds", summaryJson(ours)},
                {"events_per_second", rate},
                {"users_created", last.totals.usersCreated},
                {"items_created", last.totals.itemsCreated},
                {"transactions", last.totals.transactions},
                {"target_events_per_second", 50000},
                {"peak_rss_mib", peak},
                {"not_included", kNotIncluded}};
    if (theirs) {
      out["baseline"] = {
          {"seconds", summaryJson(*theirs)},
          {"events_per_second", theirs->median > 0 ? static_cast<double>(a.events) / theirs->median : 0.0}};
      out["speedup"] = speedup;
      out["agree"] = agree;
    }
    if (!note.empty()) out["note"] = note;
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  std::printf(
      "project: %zu interactions, %zu users, %zu items; %lld events (%.0f%% by new users, %.0f%% of new "
      "items) in transactions of %zu, WAL, synchronous=NORMAL\n",
      dataset.interactions.size(), dataset.users.size(), dataset.items.size(),
      static_cast<long long>(a.events), kNewShare * 100, kNewShare * 100, a.batch);
  std::printf("%-10s %10s %10s %14s\n", "side", "median s", "p95 s", "events/s");
  std::printf("%-10s %10.3f %10.3f %14.0f\n", "RecLens", ours.median, ours.p95, rate);
  if (theirs) {
    std::printf("%-10s %10.3f %10.3f %14.0f  %s (python time / RecLens time)%s\n", "python", theirs->median,
                theirs->p95, static_cast<double>(a.events) / theirs->median, speedupText(speedup).c_str(),
                agree ? "" : ("; " + note).c_str());
  } else {
    std::printf("%s\n", note.c_str());
  }
  std::printf(
      "created %lld users and %lld items in %lld transactions; median of %d runs; peak RSS %.0f MiB\n",
      static_cast<long long>(last.totals.usersCreated), static_cast<long long>(last.totals.itemsCreated),
      static_cast<long long>(last.totals.transactions), a.repeat, peak);
  std::printf("target >= 50000 events/s: %s; not included: %s\n", rate >= 50000 ? "met" : "NOT met",
              kNotIncluded);
  return kExitOk;
}

}  // namespace

void addBenchStreamCommand(CLI::App& bench, CommandRunner& runner) {
  auto args = std::make_shared<BenchStreamArgs>();
  auto* sub = bench.add_subcommand(
      "stream", "Events/s appended by `stream` to a large project, against Python csv+sqlite3 executemany");
  sub->add_option("--interactions", args->interactions,
                  "Interactions of the generated project (default 1000000)");
  sub->add_option("--events", args->events, "Events appended per run (default 500000)");
  sub->add_option("--batch", args->batch, "Events per transaction, both sides (default 500)");
  sub->add_option("--repeat", args->repeat, "Runs per side; the median is reported (default 3)");
  sub->add_flag("--no-baseline", args->noBaseline, "Skip the Python baseline");
  sub->add_flag("--json", args->json, "Print JSON on stdout");
  sub->add_flag("--quiet", args->quiet, "No progress lines on stderr");
  sub->callback([&runner, args] { runner = [args] { return runBenchStream(*args); }; });
}

}  // namespace reclens::cli
