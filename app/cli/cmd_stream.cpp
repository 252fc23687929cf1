// `reclens-cli stream`: live events (CSV or JSON Lines) appended to a project in small transactions.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "clisupport.h"
#include "commands.h"
#include "store/eventappender.h"
#include "store/projectstore.h"
#include "streamer.h"
#include "streaminput.h"

namespace reclens::cli {

namespace {

using Clock = std::chrono::steady_clock;

struct StreamOptions {
  std::string project;
  std::string input;
  std::string replay;
  int listen = -1;
  std::string speed = "1x";
  std::string format = "auto";
  bool follow = false;
  std::size_t batch = 500;
  int batchMs = 100;
  bool fsync = false;
  std::string defaultKind;
  int maxReported = 100;
  bool json = false;
  bool quiet = false;
};

// "60x", "60", "0.5x" -> 60, 60, 0.5; nothing for anything else or a factor <= 0.
std::optional<double> parseSpeed(std::string text) {
  if (!text.empty() && (text.back() == 'x' || text.back() == 'X')) text.pop_back();
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(v) || v <= 0.0) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void printSummary(const StreamOptions& opt, const EventAppendTotals& t, const StreamTally& tally,
                  const LineInput& input, const std::string& format, double seconds) {
  const double rate = seconds > 0.0 ? static_cast<double>(t.events) / seconds : 0.0;
  if (opt.json) {
    nlohmann::json out{{"project", opt.project},
                       {"input", input.name()},
                       {"format", format},
                       {"events", t.events},
                       {"bad_lines", tally.badLines},
                       {"lines", tally.lines},
                       {"users_created", t.usersCreated},
                       {"items_created", t.itemsCreated},
                       {"kinds_created", t.kindsCreated},
                       {"transactions", t.transactions},
                       {"reopened", input.reopened()},
                       {"interrupted", tally.interrupted},
                       {"seconds", seconds},
                       {"events_per_second", rate}};
    std::cout << out.dump(2) << std::endl;
    return;
  }
  std::printf("Streamed %s into %s%s\n", input.name().c_str(), opt.project.c_str(),
              tally.interrupted ? " (stopped by a signal)" : "");
  std::printf("  %-16s %lld\n", "events appended", static_cast<long long>(t.events));
  std::printf("  %-16s %lld\n", "bad lines", static_cast<long long>(tally.badLines));
  std::printf("  %-16s %lld\n", "users created", static_cast<long long>(t.usersCreated));
  std::printf("  %-16s %lld\n", "items created", static_cast<long long>(t.itemsCreated));
  std::printf("  %-16s %lld\n", "kinds created", static_cast<long long>(t.kindsCreated));
  std::printf("  %-16s %lld\n", "transactions", static_cast<long long>(t.transactions));
  if (input.reopened() > 0) {
    std::printf("  %-16s %lld\n", input.port() > 0 ? "connections" : "file reopened",
                static_cast<long long>(input.reopened()));
  }
  std::printf("  %-16s %.2f (%.0f events/s)\n", "seconds", seconds, rate);
}

int runStream(const StreamOptions& opt) {
  const auto usage = [](const std::string& m) {
    return reportError(makeError(ErrorCode::InvalidArgument, m));
  };
  if (int(!opt.input.empty()) + int(!opt.replay.empty()) + int(opt.listen >= 0) != 1)
    return usage(
        "give exactly one of --input FILE (or - for standard input), --replay FILE and --listen PORT");
  if (opt.follow && (opt.input.empty() || opt.input == "-"))
    return usage("--follow needs --input FILE (a file that is being appended to)");
  if (opt.batch < 1 || opt.batchMs < 1) return usage("--batch and --batch-ms must be >= 1");
  std::optional<double> speed;
  if (!opt.replay.empty()) {
    speed = parseSpeed(opt.speed);
    if (!speed) return usage("--speed must be a positive factor such as 60x, 1x or 0.5x");
  }
  const auto format = opt.format == "csv"     ? EventFormat::Csv
                      : opt.format == "jsonl" ? EventFormat::JsonLines
                                              : EventFormat::Auto;
  auto store = ProjectStore::open(opt.project, ProjectStore::Mode::ReadWrite);
  if (!store) return reportError(store.error());
  EventAppendOptions options;
  options.batchEvents = opt.batch;
  options.batchInterval = std::chrono::milliseconds(opt.batchMs);
  options.fullSync = opt.fsync;
  options.defaultKind = opt.defaultKind;
  auto appender = store.value()->beginEvents(options);
  if (!appender) return reportError(appender.error());
  auto input = opt.listen >= 0 ? LineInput::listen(opt.listen)
                               : LineInput::open(opt.replay.empty() ? opt.input : opt.replay, opt.follow);
  if (!input) return reportError(input.error());
  if (opt.listen >= 0) {
    std::fprintf(stderr, "stream: listening on %s\n", input.value()->name().c_str());
    std::fflush(stderr);
  }

  const auto control = terminalTaskControl("stream", true);  // only for SIGINT/SIGTERM
  const auto start = Clock::now();
  Streamer streamer(*appender.value(), *input.value(), control, opt.quiet, opt.maxReported);
  const auto st = streamer.run(format, speed);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!st) return reportError(st.error());
  printSummary(opt, appender.value()->totals(), streamer.tally(), *input.value(), opt.format, seconds);
  return kExitOk;
}

}  // namespace

void addStreamCommand(CLI::App& app, CommandRunner& runner) {
  auto opt = std::make_shared<StreamOptions>();
  auto* sub = app.add_subcommand(
      "stream",
      "Append live events (CSV or JSON Lines: user, item, time, kind, weight) to a project in small "
      "transactions, from a file, standard input, a followed file, a local socket or a timed replay");
  sub->add_option("--project", opt->project, "Project file to append to")->required();
  sub->add_option("--input", opt->input, "Event file, or - for standard input");
  sub->add_option("--replay", opt->replay,
                  "Event file replayed in time: the gaps between event times divided by --speed");
  sub->add_option(
         "--listen", opt->listen,
         "Read events from TCP connections to 127.0.0.1:PORT (0: a free port, printed on stderr), one "
         "connection at a time, until SIGINT or SIGTERM")
      ->check(CLI::Range(0, 65535));
  sub->add_option("--speed", opt->speed, "Replay speed factor, e.g. 60x (one hour of events per minute)");
  sub->add_option("--format", opt->format, "csv, jsonl or auto (JSON Lines when a line starts with '{')")
      ->check(CLI::IsMember({"auto", "csv", "jsonl"}));
  sub->add_flag("--follow", opt->follow,
                "Keep reading the --input file as it grows, across rotation, until SIGINT or SIGTERM");
  sub->add_option("--batch", opt->batch, "Commit after this many events (default 500)");
  sub->add_option("--batch-ms", opt->batchMs,
                  "... or when the oldest queued event waited this long (default 100)");
  sub->add_flag("--fsync", opt->fsync,
                "Sync every commit to disk (survives power loss, not only a crash; slower)");
  sub->add_option("--default-kind", opt->defaultKind,
                  "Kind of events that carry none (default: the project's first kind)");
  sub->add_option("--max-reported", opt->maxReported, "Bad lines shown on stderr before only counting them");
  sub->add_flag("--json", opt->json, "Print the summary as JSON on stdout");
  sub->add_flag("--quiet", opt->quiet, "No 'committed N events' lines on stderr");
  sub->callback([&runner, opt] { runner = [opt] { return runStream(*opt); }; });
}

}  // namespace reclens::cli
