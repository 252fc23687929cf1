#pragma once
// Measures how promptly the GUI thread's event loop serves events while long work runs elsewhere:
// a repeating timer on the GUI thread (how late each timeout comes after the previous one), and
// calls posted to the GUI thread from a second thread at the same pace (how long each waits in the
// queue before it runs). A GUI thread blocked for 200 ms shows up in both as a 200 ms sample.
#include <QElapsedTimer>
#include <QMetaObject>
#include <QObject>
#include <QSignalSpy>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <vector>

namespace reclens::testing {

// Order statistics of a list of delays, in milliseconds.
struct LatencyFigures {
  int samples = 0;
  double median = 0.0;
  double p95 = 0.0;
  double max = 0.0;

  static LatencyFigures of(std::vector<double> values) {
    LatencyFigures f;
    f.samples = static_cast<int>(values.size());
    if (values.empty()) return f;
    std::sort(values.begin(), values.end());
    const auto at = [&values](double q) {
      const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
      return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
    };
    f.median = at(0.5);
    f.p95 = at(0.95);
    f.max = values.back();
    return f;
  }
};

class LatencyProbe : public QObject {
  Q_OBJECT

 public:
  explicit LatencyProbe(int intervalMs, QObject* parent = nullptr)
      : QObject(parent), m_intervalMs(intervalMs), m_poster(new QTimer) {
    m_clock.start();
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LatencyProbe::tick);
    // The poster's timer lives on its own thread, so it keeps posting while the GUI thread is busy.
    m_poster->setTimerType(Qt::PreciseTimer);
    m_poster->setInterval(intervalMs);
    m_poster->moveToThread(&m_thread);
    connect(m_poster, &QTimer::timeout, m_poster, [this] {
      const qint64 postedAt = m_clock.nsecsElapsed();
      QMetaObject::invokeMethod(
          this,
          [this, postedAt] {
            if (m_active) m_queued.push_back(static_cast<double>(m_clock.nsecsElapsed() - postedAt) / 1e6);
          },
          Qt::QueuedConnection);
    });
    connect(&m_thread, &QThread::finished, m_poster, &QObject::deleteLater);
    m_thread.start();
  }

  ~LatencyProbe() override {
    stop();
    m_thread.quit();
    m_thread.wait();
  }

  // Forgets earlier samples and starts sampling.
  void start() {
    m_timerLate.clear();
    m_queued.clear();
    m_ticks = 0;
    m_lastTick = -1;
    m_active = true;
    m_timer.start();
    QMetaObject::invokeMethod(m_poster, qOverload<>(&QTimer::start), Qt::BlockingQueuedConnection);
  }

  void stop() {
    if (!m_active) return;
    QMetaObject::invokeMethod(m_poster, &QTimer::stop, Qt::BlockingQueuedConnection);
    m_timer.stop();
    m_active = false;
  }

  // Lets `count` more timer ticks happen, so that whatever the GUI thread does right after the
  // awaited signal (slots connected to it, dialogs it opens) is measured too.
  bool waitTicks(int count, int timeoutMs = 5000) {
    const int target = m_ticks + count;
    QElapsedTimer waited;
    waited.start();
    QSignalSpy ticked(this, &LatencyProbe::ticked);
    while (m_ticks < target) {
      if (waited.elapsed() > timeoutMs || !ticked.wait(timeoutMs)) return false;
    }
    return true;
  }

  // How much later than the interval each timeout came after the previous one.
  LatencyFigures timerLateness() const { return LatencyFigures::of(m_timerLate); }
  // How long each call posted from the other thread waited before it ran.
  LatencyFigures queuedDelay() const { return LatencyFigures::of(m_queued); }

 Q_SIGNALS:
  void ticked();

 private:
  void tick() {
    const qint64 now = m_clock.nsecsElapsed();
    if (m_lastTick >= 0) {
      const double gap = static_cast<double>(now - m_lastTick) / 1e6;
      m_timerLate.push_back(std::max(0.0, gap - m_intervalMs));
    }
    m_lastTick = now;
    ++m_ticks;
    Q_EMIT ticked();
  }

  int m_intervalMs;
  QElapsedTimer m_clock;
  QTimer m_timer;
  QThread m_thread;
  QTimer* m_poster;  // lives on m_thread, deleted when it finishes
  bool m_active = false;
  int m_ticks = 0;
  qint64 m_lastTick = -1;
  std::vector<double> m_timerLate;
  std::vector<double> m_queued;
};

}  // namespace reclens::testing
