#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <cstdint>
#include <memory>
#include <optional>

#include "live/liveupdate.h"
#include "store/appendedrows.h"

namespace reclens {

class ProjectStore;

// Follows the open project while other programs append events to it (reclens-cli stream). A timer
// asks SQLite's PRAGMA data_version on a read connection of the GUI thread, which costs microseconds
// and changes only when another connection commits; then a one-thread pool reads just the rows after
// the last one seen, with a connection of its own, grows the snapshot and rebuilds the followed model
// session over it, and the result comes back on the GUI thread as `updated`. One read runs at a time;
// commits that land during a read are picked up by the next one, so nothing is missed or read twice.
class LiveWatcher : public QObject {
  Q_OBJECT

 public:
  static constexpr int kCheckMs = 50;             // how often data_version is asked
  static constexpr std::size_t kMaxRows = 50000;  // rows per read; a backlog is read in steps

  explicit LiveWatcher(QObject* parent = nullptr);
  ~LiveWatcher() override;

  // Follows the project of `snapshot` from its last row on (null stops following).
  void follow(std::shared_ptr<const DatasetSnapshot> snapshot);
  // The model whose user vectors fold the new rows in (null: none). When it was made over an older
  // snapshot than the one followed, it is brought up to date by the next read.
  void setSession(std::shared_ptr<const ModelSession> session);
  // While paused nothing is read; resuming reads everything that landed meanwhile.
  void setPaused(bool paused);
  bool paused() const { return m_paused; }
  const std::shared_ptr<const DatasetSnapshot>& snapshot() const { return m_snapshot; }
  // Milliseconds on the clock that LiveUpdate::noticedMs uses.
  qint64 elapsedMs() const { return m_clock.elapsed(); }

 Q_SIGNALS:
  void updated(const reclens::LiveUpdate& update);
  // Following stopped: `message` says why (the file could not be read, the dataset was replaced).
  void failed(const QString& message);

 private:
  struct ReaderSlot;
  void check();
  void launch();
  void stop(const QString& message);

  QThreadPool m_pool;
  QTimer m_timer;
  QElapsedTimer m_clock;
  std::unique_ptr<ProjectStore> m_versionStore;  // GUI thread only
  std::shared_ptr<ReaderSlot> m_reader;          // the pool's thread only
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::shared_ptr<const ModelSession> m_session;
  AppendCursor m_cursor;
  std::optional<std::int64_t> m_version;  // of the last read started; none: read at the next check
  std::uint64_t m_generation = 0;         // bumped by follow(): results of older ones are dropped
  bool m_reading = false;
  bool m_again = false;  // something changed during the read: read again when it is done
  bool m_paused = false;
};

}  // namespace reclens
