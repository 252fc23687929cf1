#pragma once
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <cstdint>
#include <memory>
#include <optional>

#include "services/recomputerequest.h"
#include "services/recomputeresult.h"

namespace reclens {

// Recomputes recommendations off the GUI thread as the knobs move. Requests are debounced (a short
// single-shot timer), each computation gets a new generation id and runs on a one-thread pool that
// alone owns the ScoringEngine; results come back on the GUI thread and only the latest generation
// is delivered, so the last request always wins.
class RecomputeService : public QObject {
  Q_OBJECT

 public:
  static constexpr int kDebounceMs = 30;

  explicit RecomputeService(QObject* parent = nullptr);
  ~RecomputeService() override;

  // Queues `request`, replacing any request not yet started.
  void request(RecomputeRequest request);
  // The generation of the newest computation started (0 before the first).
  std::uint64_t generation() const { return m_generation; }

 Q_SIGNALS:
  void resultReady(const reclens::RecomputeResult& result);

 private:
  struct EngineSlot;
  void launch();

  QThreadPool m_pool;
  QTimer m_debounce;
  std::optional<RecomputeRequest> m_pending;
  std::uint64_t m_generation = 0;
  std::shared_ptr<EngineSlot> m_engine;  // used on the pool's thread only
};

}  // namespace reclens
