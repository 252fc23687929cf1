#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/eventstream.h"
#include "store/eventappender.h"
#include "streaminput.h"

namespace reclens::cli {

// What a Streamer read, for the summary.
struct StreamTally {
  std::int64_t lines = 0;
  std::int64_t badLines = 0;
  std::int64_t reported = 0;  // committed events last printed
  bool interrupted = false;
};

// The loop of `reclens-cli stream` (and of `bench stream`): lines from a LineInput, parsed, appended and
// committed when a batch is full or due, with "stream: committed N events" on stderr after each commit
// (unless quiet) and bad lines reported there with their numbers.
class Streamer {
 public:
  Streamer(EventAppender& appender, LineInput& input, const TaskControl& control, bool quiet, int maxReported)
      : m_appender(appender),
        m_input(input),
        m_control(control),
        m_quiet(quiet),
        m_maxReported(maxReported) {}

  // Runs until the input ends or `control` is cancelled (SIGINT/SIGTERM), then commits every event read.
  // With `speed`, waits before each event until (its time - the first event's time) / speed has passed.
  // An Error only for a failed commit or a bad CSV header.
  Status run(EventFormat format, std::optional<double> speed);
  const StreamTally& tally() const { return m_tally; }

 private:
  using Clock = std::chrono::steady_clock;
  Status flushIfDue();
  Status waitUntil(Clock::time_point when);
  void bad(std::int64_t line, const std::string& reason);
  void reportCommits();

  EventAppender& m_appender;
  LineInput& m_input;
  const TaskControl& m_control;
  bool m_quiet = false;
  int m_maxReported = 100;
  StreamTally m_tally;
};

}  // namespace reclens::cli
