#pragma once
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

#include "services/faithfulnesscurvesresult.h"

namespace reclens {

// Computes faithfulness curves off the GUI thread with the explanation service's rules: requests are
// debounced, each computation gets a generation id and runs on a one-thread pool, a newer request
// stops the running one early, results come back on the GUI thread and only the latest generation is
// delivered. cancel() drops the queued request and stops the running one (it then arrives with a
// Cancelled error).
class FaithfulnessCurvesService : public QObject {
  Q_OBJECT

 public:
  static constexpr int kDebounceMs = 30;

  explicit FaithfulnessCurvesService(QObject* parent = nullptr);
  ~FaithfulnessCurvesService() override;

  // Queues `request`, replacing any request not yet started.
  void compute(FaithfulnessCurvesRequest request);
  void cancel();
  // True from a request until its result (or the cancellation) has been handled.
  bool isBusy() const { return m_running > 0 || m_pending.has_value(); }
  std::uint64_t generation() const { return m_generation; }

 Q_SIGNALS:
  void curvesReady(const reclens::FaithfulnessCurvesResult& result);
  // Progress of the running computation in [0, 1].
  void progressed(double fraction);
  void busyChanged(bool busy);

 private:
  void launch();
  void updateBusy();

  QThreadPool m_pool;
  QTimer m_debounce;
  std::optional<FaithfulnessCurvesRequest> m_pending;
  std::uint64_t m_generation = 0;
  std::shared_ptr<std::atomic<bool>> m_cancel;
  int m_running = 0;
  bool m_busy = false;
};

}  // namespace reclens
