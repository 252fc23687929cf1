#pragma once
#include <QMetaType>
#include <QObject>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "audit/tradeoff.h"
#include "services/auditoutcome.h"
#include "services/backgroundjob.h"

namespace reclens {

// Sweeps one re-ranking knob for an audited model off the GUI thread: draws a seeded sample of users
// with their model candidates once, then re-ranks and measures them for one value after another,
// handing each point to the GUI thread as soon as it is computed. Starting again stops the sweep
// under way (its late points are dropped) and begins the new one when it has stopped.
class TradeoffSweep : public QObject {
  Q_OBJECT

 public:
  explicit TradeoffSweep(QObject* parent = nullptr);

  // Sweeps `knob` over `values` in order at the audit's K over up to `users` users drawn with `seed`.
  void start(std::shared_ptr<const AuditOutcome> outcome, TradeoffKnob knob, std::vector<double> values,
             std::size_t users, std::uint64_t seed);
  void cancel();
  bool isRunning() const { return m_job.isRunning(); }
  BackgroundJob& job() { return m_job; }

 Q_SIGNALS:
  // The sample was drawn: the user attributes of its group gaps (TradeoffPoint::ndcgGap, in order),
  // whether the catalog has categories, and the field of its provider groups.
  void sampleDrawn(const QStringList& attributes, bool categories, const QString& providerField);
  void pointReady(const reclens::TradeoffPoint& point);
  // Every λ was measured.
  void completed();
  // `message` is a translated sentence; not emitted for a cancelled sweep.
  void failed(const QString& message);

 private:
  struct Request {
    std::shared_ptr<const AuditOutcome> outcome;
    TradeoffKnob knob = TradeoffKnob::PopularityPenalty;
    std::vector<double> values;
    std::size_t users = 0;
    std::uint64_t seed = 0;
  };
  void launch();

  BackgroundJob m_job;
  std::optional<Request> m_pending;
  std::uint64_t m_generation = 0;
};

}  // namespace reclens

Q_DECLARE_METATYPE(reclens::TradeoffPoint)
