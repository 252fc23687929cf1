#pragma once
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

#include "services/whatifresult.h"

namespace reclens {

class WhatIfCompute;

// Recomputes what-if scenarios off the GUI thread as they are edited, with the rules of the other
// recompute services: requests are debounced (~30 ms), each computation gets a generation id and runs
// on a one-thread pool that alone owns the scoring engine, results come back on the GUI thread, and
// only the latest generation of each kind (list, graph, catalog impact) is delivered. A newer request
// also asks the running one of its kind to stop early.
class WhatIfService : public QObject {
  Q_OBJECT

 public:
  static constexpr int kDebounceMs = 30;

  explicit WhatIfService(QObject* parent = nullptr);
  ~WhatIfService() override;

  // Queues `request`, replacing any list request not yet started.
  void compute(WhatIfRequest request);
  // Queues `request`, replacing any graph request not yet started.
  void computeGraph(WhatIfGraphRequest request);
  // Queues `request`, replacing any impact request not yet started.
  void computeImpact(WhatIfImpactRequest request);
  // Drops the queued requests and asks the running work to stop; nothing stale is delivered after it.
  void cancel();
  // True from a request until its result has been handled.
  bool isBusy() const { return m_running > 0 || m_pending || m_pendingGraph || m_pendingImpact; }
  // The generation of the newest list computation started (0 before the first).
  std::uint64_t generation() const { return m_generation; }

 Q_SIGNALS:
  void resultReady(const reclens::WhatIfOutcome& outcome);
  void graphReady(const reclens::WhatIfGraphOutcome& outcome);
  void impactReady(const reclens::WhatIfImpactOutcome& outcome);
  void busyChanged(bool busy);

 private:
  using Flag = std::shared_ptr<std::atomic<bool>>;
  void launch();
  void finishOne();
  void updateBusy();
  static Flag renew(Flag& flag);

  QThreadPool m_pool;
  QTimer m_debounce;
  std::shared_ptr<WhatIfCompute> m_compute;  // used on the pool's thread only
  std::optional<WhatIfRequest> m_pending;
  std::optional<WhatIfGraphRequest> m_pendingGraph;
  std::optional<WhatIfImpactRequest> m_pendingImpact;
  std::uint64_t m_generation = 0;
  std::uint64_t m_graphGeneration = 0;
  std::uint64_t m_impactGeneration = 0;
  Flag m_cancel;
  Flag m_graphCancel;
  Flag m_impactCancel;
  int m_running = 0;
  bool m_busy = false;
};

}  // namespace reclens
