#include "streamer.h"

#include <algorithm>
#include <cstdio>
#include <thread>

namespace reclens::cli {

Status Streamer::run(EventFormat format, std::optional<double> speed) {
  EventParser parser(format, m_input.name());
  StreamEvent event;
  std::string reason;
  std::optional<std::int64_t> firstTs;
  Clock::time_point replayStart;
  std::int64_t reopened = 0;
  while (!m_control.cancelled()) {
    std::string_view line;
    const auto got = m_input.next(line, m_appender.flushDeadline(), m_control.cancel);
    if (m_input.reopened() != reopened) {  // a followed file was replaced or truncated: a new file starts
      reopened = m_input.reopened();
      parser.restart();
    }
    if (got == LineInput::Got::End) break;
    if (got == LineInput::Got::Timeout) {
      if (auto st = flushIfDue(); !st) return st;
      continue;
    }
    ++m_tally.lines;
    auto kind = parser.parseLine(line, event, reason);
    if (!kind) return kind.error();
    if (kind.value() == EventParser::LineKind::Bad) {
      bad(parser.line(), reason);
      continue;
    }
    if (kind.value() != EventParser::LineKind::Event) continue;
    if (speed) {
      if (!firstTs) {
        firstTs = event.ts;
        replayStart = Clock::now();
      }
      const auto offset = std::chrono::duration<double>(static_cast<double>(event.ts - *firstTs) / *speed);
      if (auto st = waitUntil(replayStart + std::chrono::duration_cast<Clock::duration>(offset)); !st)
        return st;
      if (m_control.cancelled()) break;
    }
    if (auto st = m_appender.append(event); !st) {
      if (st.error().code != ErrorCode::InvalidArgument) return st;
      bad(parser.line(), st.error().message);
    }
    reportCommits();
  }
  m_tally.interrupted = m_control.cancelled();
  // Every event read is committed before the summary, also after Ctrl-C or SIGTERM.
  auto st = m_appender.flush();
  reportCommits();
  return st;
}

Status Streamer::flushIfDue() {
  if (!m_appender.flushDue()) return Status::success();
  auto st = m_appender.flush();
  reportCommits();
  return st;
}

// Sleeps until `when` (a replayed event's time), committing what falls due meanwhile.
Status Streamer::waitUntil(Clock::time_point when) {
  while (!m_control.cancelled()) {
    const auto now = Clock::now();
    if (now >= when) break;
    if (auto st = flushIfDue(); !st) return st;
    const auto until = std::min({when, m_appender.flushDeadline(), now + std::chrono::milliseconds(50)});
    std::this_thread::sleep_until(until);
  }
  return Status::success();
}

void Streamer::bad(std::int64_t line, const std::string& reason) {
  ++m_tally.badLines;
  if (m_tally.badLines <= m_maxReported) {
    std::fprintf(stderr, "stream: %s:%lld: skipped: %s\n", m_input.name().c_str(),
                 static_cast<long long>(line), reason.c_str());
  } else if (m_tally.badLines == m_maxReported + 1) {
    std::fprintf(stderr, "stream: further bad lines are counted but not shown\n");
  }
}

// "stream: committed N events" on stderr after each commit: an event is acknowledged once shown.
void Streamer::reportCommits() {
  const auto total = m_appender.totals().events;
  if (total == m_tally.reported) return;
  m_tally.reported = total;
  if (m_quiet) return;
  std::fprintf(stderr, "stream: committed %lld events\n", static_cast<long long>(total));
  std::fflush(stderr);
}

}  // namespace reclens::cli
