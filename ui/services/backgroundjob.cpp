#include "services/backgroundjob.h"

#include <QMetaObject>

#include <cmath>
#include <memory>
#include <mutex>
#include <string>

namespace reclens {

namespace {
// Smallest progress step forwarded to the GUI thread: keeps the event queue short when core
// reports per row.
constexpr double kProgressStep = 0.002;
}  // namespace

BackgroundJob::BackgroundJob(QObject* parent) : QObject(parent) {
  m_pool.setMaxThreadCount(1);
}

BackgroundJob::~BackgroundJob() {
  m_cancel.store(true);
  m_pool.waitForDone();
}

void BackgroundJob::cancel() {
  if (!m_running) return;
  m_cancel.store(true);
  Q_EMIT cancelRequested();
}

void BackgroundJob::begin(const QString& title) {
  m_running = true;
  m_title = title;
  m_cancel.store(false);
  Q_EMIT started(title);
}

void BackgroundJob::end() {
  m_running = false;
}

TaskControl BackgroundJob::makeControl() {
  struct Throttle {
    std::mutex mutex;
    double lastFraction = -1.0;
    std::string lastStage;
  };
  auto throttle = std::make_shared<Throttle>();
  TaskControl control;
  control.cancel = &m_cancel;
  control.progress = [this, throttle](double fraction, std::string_view stage) {
    {
      std::lock_guard lock(throttle->mutex);
      const bool sameStage = stage == throttle->lastStage;
      if (sameStage && std::abs(fraction - throttle->lastFraction) < kProgressStep && fraction < 1.0) return;
      throttle->lastFraction = fraction;
      if (!sameStage) throttle->lastStage = std::string(stage);
    }
    const QString text = QString::fromUtf8(stage.data(), static_cast<qsizetype>(stage.size()));
    QMetaObject::invokeMethod(
        this, [this, fraction, text] { Q_EMIT progressed(fraction, text); }, Qt::QueuedConnection);
  };
  return control;
}

}  // namespace reclens
