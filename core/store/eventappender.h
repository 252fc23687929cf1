#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "data/eventstream.h"

namespace reclens {

class ProjectStore;

// How an EventAppender groups events into transactions.
struct EventAppendOptions {
  std::size_t batchEvents = 500;                 // commit when this many events are queued
  std::chrono::milliseconds batchInterval{100};  // or when the oldest queued event waited this long
  bool fullSync = false;    // synchronous=FULL: a commit also survives power loss, not only a crash
  std::string defaultKind;  // kind of events that carry none; empty: the project's first kind
};

// What an EventAppender has committed so far.
struct EventAppendTotals {
  std::int64_t events = 0;
  std::int64_t usersCreated = 0;
  std::int64_t itemsCreated = 0;
  std::int64_t kindsCreated = 0;
  std::int64_t transactions = 0;
};

// Appends live events to an open project's interactions in small transactions, with the project in
// SQLite's WAL journal mode so that other connections keep reading while it writes. A user or item
// the project does not know is created from the event (its id; an item's first_seen is the event's
// time); so is an unknown kind. Once flush() (or an append() that commits) returns success, the
// events are in the file and a crash of the process loses none of them; events still queued are lost
// if the process dies. Rows written by other connections meanwhile are noticed (PRAGMA data_version)
// and the id maps re-read. Use from one thread; the ProjectStore must outlive the appender.
class EventAppender {
 public:
  ~EventAppender();
  EventAppender(const EventAppender&) = delete;
  EventAppender& operator=(const EventAppender&) = delete;

  // Queues `event` and commits the queue when it is full or due. InvalidArgument: the event was
  // refused and not queued (e.g. a 257th kind); any other error: a commit failed and the queue is kept.
  Status append(const StreamEvent& event);
  // Commits every queued event in one transaction (nothing to do when the queue is empty).
  Status flush();
  // True when events are queued and the oldest has waited batchInterval.
  bool flushDue() const;
  // When the queue is due (far in the future when it is empty).
  std::chrono::steady_clock::time_point flushDeadline() const;
  std::size_t pending() const;
  const EventAppendTotals& totals() const;
  // The kind given to events that carry none.
  const std::string& defaultKind() const;

 private:
  friend class ProjectStore;
  struct Impl;
  explicit EventAppender(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace reclens
