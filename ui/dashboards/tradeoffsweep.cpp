#include "dashboards/tradeoffsweep.h"

#include <QMetaObject>

#include "engine/scoringengine.h"
#include "widgets/displayformat.h"

namespace reclens {

TradeoffSweep::TradeoffSweep(QObject* parent) : QObject(parent) {
  qRegisterMetaType<reclens::TradeoffPoint>();
}

void TradeoffSweep::start(std::shared_ptr<const AuditOutcome> outcome, TradeoffKnob knob,
                          std::vector<double> values, std::size_t users, std::uint64_t seed) {
  ++m_generation;
  m_pending = Request{std::move(outcome), knob, std::move(values), users, seed};
  if (m_job.isRunning()) {
    m_job.cancel();  // launched again once the running sweep has stopped
  } else {
    launch();
  }
}

void TradeoffSweep::cancel() {
  ++m_generation;
  m_pending.reset();
  m_job.cancel();
}

void TradeoffSweep::launch() {
  if (!m_pending || !m_pending->outcome) return;
  Request request = std::move(*m_pending);
  m_pending.reset();
  const std::uint64_t generation = m_generation;
  // Points travel to the GUI thread one by one; a newer sweep's generation turns them away.
  const auto post = [this, generation](const TradeoffPoint& point) {
    QMetaObject::invokeMethod(
        this,
        [this, generation, point] {
          if (generation == m_generation) Q_EMIT pointReady(point);
        },
        Qt::QueuedConnection);
  };
  const auto drawn = [this, generation](QStringList attributes, bool categories, QString providerField) {
    QMetaObject::invokeMethod(
        this,
        [this, generation, attributes, categories, providerField] {
          if (generation == m_generation) Q_EMIT sampleDrawn(attributes, categories, providerField);
        },
        Qt::QueuedConnection);
  };
  m_job.start<std::size_t>(
      tr("Sweeping a re-ranking knob"),
      [request, post, drawn](const TaskControl& control) -> Result<std::size_t> {
        const auto& session = *request.outcome->session;
        ScoringEngine engine(session.model());  // this worker thread's own engine
        TaskControl sampling;
        sampling.cancel = control.cancel;
        sampling.progress = [&control](double fraction, std::string_view stage) {
          control.report(0.8 * fraction, stage);
        };
        auto sample =
            sampleTradeoff(engine, session.snapshot().dataset(), *request.outcome->split,
                           request.outcome->result.partial.config.k, request.users, request.seed, sampling);
        if (!sample) return sample.error();
        QStringList attributes;
        for (const auto& a : sample.value().attributes) attributes.push_back(display::text(a));
        drawn(attributes, sample.value().categories > 0, display::text(sample.value().providerField));
        for (std::size_t n = 0; n < request.values.size(); ++n) {
          if (control.cancelled()) return makeError(ErrorCode::Cancelled, "the sweep was cancelled");
          control.report(0.8 + 0.2 * double(n) / double(request.values.size()), "re-ranking");
          for (const auto& point : tradeoffSweep(sample.value(), request.knob, {request.values[n]}))
            post(point);
        }
        return request.values.size();
      },
      [this, generation](Result<std::size_t> result) {
        if (generation == m_generation) {
          if (result) {
            Q_EMIT completed();
          } else if (result.error().code != ErrorCode::Cancelled) {
            Q_EMIT failed(tr("The trade-off sweep failed: %1").arg(display::text(result.error().message)));
          }
        }
        launch();  // a sweep asked for while this one ran
      });
}

}  // namespace reclens
