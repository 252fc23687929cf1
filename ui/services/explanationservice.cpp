#include "services/explanationservice.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace reclens {

namespace {
double elapsedMs(const QElapsedTimer& clock) {
  return static_cast<double>(clock.nsecsElapsed()) / 1e6;
}
}  // namespace

ExplanationService::ExplanationService(QObject* parent) : QObject(parent) {
  m_pool.setMaxThreadCount(1);
  m_debounce.setSingleShot(true);
  m_debounce.setInterval(kDebounceMs);
  connect(&m_debounce, &QTimer::timeout, this, &ExplanationService::launch);
}

ExplanationService::~ExplanationService() {
  if (m_explainCancel) m_explainCancel->store(true);
  if (m_graphCancel) m_graphCancel->store(true);
  m_pool.waitForDone();
}

void ExplanationService::explain(ExplanationRequest request) {
  m_pendingExplain = std::move(request);
  m_debounce.start();
  updateBusy();
}

void ExplanationService::explainGraph(GraphRequest request) {
  m_pendingGraph = std::move(request);
  m_debounce.start();
  updateBusy();
}

void ExplanationService::cancel() {
  m_debounce.stop();
  m_pendingExplain.reset();
  m_pendingGraph.reset();
  if (m_explainCancel) m_explainCancel->store(true);
  if (m_graphCancel) m_graphCancel->store(true);
  updateBusy();
}

void ExplanationService::launch() {
  if (m_pendingExplain) {
    ExplanationRequest request = std::move(*m_pendingExplain);
    m_pendingExplain.reset();
    launchExplanation(std::move(request));
  }
  if (m_pendingGraph) {
    GraphRequest request = std::move(*m_pendingGraph);
    m_pendingGraph.reset();
    launchGraph(std::move(request));
  }
}

void ExplanationService::launchExplanation(ExplanationRequest request) {
  // The running explanation is stale now: let it stop at its next check.
  if (m_explainCancel) m_explainCancel->store(true);
  m_explainCancel = std::make_shared<std::atomic<bool>>(false);
  const std::uint64_t generation = ++m_explainGeneration;
  ++m_running;
  // Progress is reported on the pool's thread and handed to the GUI thread.
  auto progress = [this, generation](double fraction, std::string_view) {
    QMetaObject::invokeMethod(
        this,
        [this, generation, fraction] {
          if (generation == m_explainGeneration) Q_EMIT progressed(fraction);
        },
        Qt::QueuedConnection);
  };
  QtConcurrent::run(&m_pool, [request, generation, progress, flag = m_explainCancel]() {
    ExplanationResult result;
    result.generation = generation;
    result.request = request;
    QElapsedTimer clock;
    clock.start();
    TaskControl control;
    control.cancel = flag.get();
    control.progress = progress;
    try {
      const auto& session = *request.session;
      const auto profile = session.profiles().profile(request.user);
      // The average user is computed once per session and reused: the average-user baseline needs
      // it, and every explanation shows the common and personal parts of its scores.
      auto background = session.userBackground(control);
      auto options = request.options;
      Explanation wholeForDiagnostic;  // the explanation of the whole scores
      if (background) {
        options.background = background.value();
        result.backgroundUsers = background.value()->users;
      } else if (background.error().code == ErrorCode::Cancelled ||
                 options.baseline == AttributionBaseline::AverageUser) {
        result.error = background.error();
      } else {
        result.splitError = background.error();
      }
      if (!result.error && options.baseline == AttributionBaseline::AverageUser &&
          request.backgroundGroupField >= 0) {
        // The group's average user is the baseline; the common and personal parts stay against all users.
        auto group = session.groupBackground(request.backgroundGroupField, request.user, control);
        if (group) {
          options.background = group.value();
          result.backgroundUsers = group.value()->users;
        } else {
          result.error = group.error();
        }
      }
      if (!result.error && options.baseline == AttributionBaseline::SampledUsers) {
        auto sample = session.userSample(control);
        if (sample) {
          options.sample = sample.value();
        } else {
          result.error = sample.error();
        }
      }
      if (!result.error) {
        // One row has no other rows to be compared with: its whole score is explained. The collapse
        // diagnostic describes the whole scores, also when a contrast is shown.
        if (options.contrast == ExplanationContrast::OtherItems && request.items.size() < 2)
          options.contrast = ExplanationContrast::None;
        auto both = explainAndCompare(*session.model(), profile, request.items, options,
                                      &session.snapshot().dataset().items, control);
        if (both) {
          result.explanation = std::move(both.value().shown);
          wholeForDiagnostic = std::move(both.value().whole);
        } else {
          result.error = both.error();
        }
      }
      if (!result.error && background) {
        auto split = splitScores(*session.model(), profile, *background.value(), request.items);
        if (split) {
          result.split = std::move(split).value();
        } else {
          result.splitError = split.error();
        }
      }
      if (!result.error) result.collapse = diagnoseCollapse(wholeForDiagnostic, result.split);
    } catch (const std::exception& e) {
      result.error = makeError(ErrorCode::Internal, e.what());
    }
    result.milliseconds = elapsedMs(clock);
    return result;
  }).then(this, [this](const ExplanationResult& result) {
    finishOne();
    // A newer request was started or queued meanwhile: its result will replace this one.
    if (result.generation != m_explainGeneration || m_pendingExplain) return;
    Q_EMIT explanationReady(result);
  });
}

void ExplanationService::launchGraph(GraphRequest request) {
  if (m_graphCancel) m_graphCancel->store(true);
  m_graphCancel = std::make_shared<std::atomic<bool>>(false);
  const std::uint64_t generation = ++m_graphGeneration;
  ++m_running;
  QtConcurrent::run(&m_pool, [request, generation, flag = m_graphCancel]() {
    GraphResult result;
    result.generation = generation;
    result.request = request;
    QElapsedTimer clock;
    clock.start();
    TaskControl control;
    control.cancel = flag.get();
    try {
      const auto& session = *request.session;
      const auto profile = session.profiles().profile(request.user);
      auto graph = explainByGraph(*session.model(), session.snapshot().dataset(), request.user, profile,
                                  request.target, request.options, control);
      if (graph) {
        result.graph = std::move(graph).value();
      } else {
        result.error = graph.error();
      }
    } catch (const std::exception& e) {
      result.error = makeError(ErrorCode::Internal, e.what());
    }
    result.milliseconds = elapsedMs(clock);
    return result;
  }).then(this, [this](const GraphResult& result) {
    finishOne();
    if (result.generation != m_graphGeneration || m_pendingGraph) return;
    Q_EMIT graphReady(result);
  });
}

void ExplanationService::finishOne() {
  --m_running;
  updateBusy();
}

void ExplanationService::updateBusy() {
  const bool busy = isBusy();
  if (busy == m_busy) return;
  m_busy = busy;
  Q_EMIT busyChanged(busy);
}

}  // namespace reclens
