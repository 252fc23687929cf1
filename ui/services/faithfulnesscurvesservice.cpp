#include "services/faithfulnesscurvesservice.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace reclens {

namespace {

// The curves of `request`, with the baseline's background users computed (once per session) first.
FaithfulnessCurvesResult computeCurves(const FaithfulnessCurvesRequest& request, const TaskControl& control) {
  FaithfulnessCurvesResult result;
  result.request = request;
  const auto& session = *request.session;
  auto options = request.options;
  const auto baseline = options.attribution.baseline;
  if (baseline == AttributionBaseline::AverageUser) {
    auto background = request.backgroundGroupField >= 0
                          ? session.groupBackground(request.backgroundGroupField, request.user, control)
                          : session.userBackground(control);
    if (!background) {
      result.error = background.error();
      return result;
    }
    options.attribution.background = background.value();
  }
  if (baseline == AttributionBaseline::SampledUsers) {
    auto sample = session.userSample(control);
    if (!sample) {
      result.error = sample.error();
      return result;
    }
    options.attribution.sample = sample.value();
  }
  auto curves = measureFaithfulnessCurves(session.model(), session.profiles().profile(request.user),
                                          request.target, options, control);
  if (curves) {
    result.curves = std::move(curves).value();
  } else {
    result.error = curves.error();
  }
  return result;
}

}  // namespace

FaithfulnessCurvesService::FaithfulnessCurvesService(QObject* parent) : QObject(parent) {
  m_pool.setMaxThreadCount(1);
  m_debounce.setSingleShot(true);
  m_debounce.setInterval(kDebounceMs);
  connect(&m_debounce, &QTimer::timeout, this, &FaithfulnessCurvesService::launch);
}

FaithfulnessCurvesService::~FaithfulnessCurvesService() {
  if (m_cancel) m_cancel->store(true);
  m_pool.waitForDone();
}

void FaithfulnessCurvesService::compute(FaithfulnessCurvesRequest request) {
  m_pending = std::move(request);
  m_debounce.start();
  updateBusy();
}

void FaithfulnessCurvesService::cancel() {
  m_debounce.stop();
  m_pending.reset();
  if (m_cancel) m_cancel->store(true);
  updateBusy();
}

void FaithfulnessCurvesService::launch() {
  if (!m_pending) return;
  FaithfulnessCurvesRequest request = std::move(*m_pending);
  m_pending.reset();
  // The running computation is stale now: let it stop at its next check.
  if (m_cancel) m_cancel->store(true);
  m_cancel = std::make_shared<std::atomic<bool>>(false);
  const std::uint64_t generation = ++m_generation;
  ++m_running;
  auto progress = [this, generation](double fraction, std::string_view) {
    QMetaObject::invokeMethod(
        this,
        [this, generation, fraction] {
          if (generation == m_generation) Q_EMIT progressed(fraction);
        },
        Qt::QueuedConnection);
  };
  QtConcurrent::run(&m_pool, [request, generation, progress, flag = m_cancel]() {
    QElapsedTimer clock;
    clock.start();
    TaskControl control;
    control.cancel = flag.get();
    control.progress = progress;
    FaithfulnessCurvesResult result;
    try {
      result = computeCurves(request, control);
    } catch (const std::exception& e) {
      result.request = request;
      result.error = makeError(ErrorCode::Internal, e.what());
    }
    result.generation = generation;
    result.milliseconds = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    return result;
  }).then(this, [this](const FaithfulnessCurvesResult& result) {
    --m_running;
    updateBusy();
    // A newer request was started or queued meanwhile: its result will replace this one.
    if (result.generation != m_generation || m_pending) return;
    Q_EMIT curvesReady(result);
  });
}

void FaithfulnessCurvesService::updateBusy() {
  const bool busy = isBusy();
  if (busy == m_busy) return;
  m_busy = busy;
  Q_EMIT busyChanged(busy);
}

}  // namespace reclens
