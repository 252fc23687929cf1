#pragma once
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

#include "services/explanationrequest.h"
#include "services/explanationresult.h"

namespace reclens {

// Computes attributions and ego graphs off the GUI thread, with the same rules as the recompute
// service: requests are debounced, each computation gets a generation id and runs on a one-thread
// pool, results come back on the GUI thread and only the latest generation of each kind is
// delivered. A newer request also stops the running one of its kind early, and cancel() stops both
// (the running explanation then arrives with a Cancelled error).
class ExplanationService : public QObject {
  Q_OBJECT

 public:
  static constexpr int kDebounceMs = 30;

  explicit ExplanationService(QObject* parent = nullptr);
  ~ExplanationService() override;

  // Queues `request`, replacing any explanation request not yet started.
  void explain(ExplanationRequest request);
  // Queues `request`, replacing any graph request not yet started.
  void explainGraph(GraphRequest request);
  // Drops the queued requests and asks the running work to stop.
  void cancel();
  // True from a request until its result (or the cancellation) has been handled.
  bool isBusy() const { return m_running > 0 || m_pendingExplain || m_pendingGraph; }
  // The generation of the newest explanation started (0 before the first).
  std::uint64_t generation() const { return m_explainGeneration; }

 Q_SIGNALS:
  void explanationReady(const reclens::ExplanationResult& result);
  void graphReady(const reclens::GraphResult& result);
  // Progress of the running explanation in [0, 1] (sampled Shapley reports it).
  void progressed(double fraction);
  void busyChanged(bool busy);

 private:
  using Flag = std::shared_ptr<std::atomic<bool>>;
  void launch();
  void launchExplanation(ExplanationRequest request);
  void launchGraph(GraphRequest request);
  void finishOne();
  void updateBusy();

  QThreadPool m_pool;
  QTimer m_debounce;
  std::optional<ExplanationRequest> m_pendingExplain;
  std::optional<GraphRequest> m_pendingGraph;
  std::uint64_t m_explainGeneration = 0;
  std::uint64_t m_graphGeneration = 0;
  Flag m_explainCancel;
  Flag m_graphCancel;
  int m_running = 0;
  bool m_busy = false;
};

}  // namespace reclens
