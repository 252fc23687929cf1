#pragma once
#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <exception>
#include <utility>

#include "common/result.h"
#include "common/taskcontrol.h"

namespace reclens {

// Runs one long core operation at a time on its own thread pool, off the GUI thread.
// Progress reported through the TaskControl arrives as progressed() on the GUI thread (throttled),
// cancel() sets the TaskControl's flag, and the result is handed to a callback on this object's
// thread. Destroying the job cancels the running work and waits for it.
class BackgroundJob : public QObject {
  Q_OBJECT

 public:
  explicit BackgroundJob(QObject* parent = nullptr);
  ~BackgroundJob() override;

  bool isRunning() const { return m_running; }
  QString title() const { return m_title; }

  // Runs `work(const TaskControl&) -> Result<T>` on the pool, then `done(Result<T>)` on this
  // object's thread. Returns false (and does nothing) while another job is running.
  // Keep T cheap to copy (e.g. a shared_ptr): the future hands it over by value.
  template <class T, class Work, class Done>
  bool start(const QString& title, Work work, Done done);

 public Q_SLOTS:
  // Asks the running work to stop; it ends with a Cancelled error soon after.
  void cancel();

 Q_SIGNALS:
  void started(const QString& title);
  void progressed(double fraction, const QString& stage);
  void cancelRequested();
  void finished();

 private:
  TaskControl makeControl();
  void begin(const QString& title);
  void end();

  QThreadPool m_pool;
  std::atomic<bool> m_cancel{false};
  bool m_running = false;
  QString m_title;
};

template <class T, class Work, class Done>
bool BackgroundJob::start(const QString& title, Work work, Done done) {
  if (m_running) return false;
  begin(title);
  TaskControl control = makeControl();
  // The watcher reports through posted events, so `done` never runs inside start(), even when the
  // work is already finished by the time the future is watched.
  auto* watcher = new QFutureWatcher<Result<T>>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, done = std::move(done)]() mutable {
    watcher->deleteLater();
    end();
    done(watcher->result());
    Q_EMIT finished();
  });
  watcher->setFuture(QtConcurrent::run(&m_pool, [work = std::move(work), control]() -> Result<T> {
    // Core never throws across its API; anything else (bad_alloc) still becomes an Error.
    try {
      return work(control);
    } catch (const std::exception& e) {
      return makeError(ErrorCode::Internal, e.what());
    }
  }));
  return true;
}

}  // namespace reclens
