#pragma once
#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>

#include "services/backgroundjob.h"
#include "services/modelsession.h"
#include "sim/simulation.h"

namespace reclens {

// What the Simulation page asks for: the core's run configuration and the truth: the generated world's
// tastes (truthModel empty) with their appeal scale, or a registered model of the project trained on all
// the data, its scores turned into probabilities by a link fitted on `truthNegatives` drawn items per
// held-out item (docs/simulation.md).
struct SimulationRequest {
  sim::SimConfig config;
  double appealScale = 0.02;
  std::string truthModel;
  int truthNegatives = 20;
};

// Runs simulations of the model shown on the Recommendations page off the GUI thread (one at a time,
// with progress and Cancel through job()), against the truth of the open project (its stored generator
// configuration, or a registered model as the truth). The project is only read. While a run goes on, live()
// grows round by round: every round reported by the core's observer is copied to the GUI thread and appended
// to the seed it belongs to, so plots can draw the rounds finished so far. A finished run (or one opened from
// a file) is result().
class SimulationService : public QObject {
  Q_OBJECT

 public:
  explicit SimulationService(QObject* parent = nullptr);

  // The model to simulate from now on (null: none); cancels a running simulation.
  void setSession(std::shared_ptr<const ModelSession> session);
  const std::shared_ptr<const ModelSession>& session() const { return m_session; }
  BackgroundJob& job() { return m_job; }

  // Starts a run with keepSlates set; false when there is no model or a run is going on.
  bool run(const SimulationRequest& request);
  // What the page shows: while a run goes on (or after it failed) the rounds received so far, seeds in
  // seed-index order; else the last finished run or the one opened from a file. Null when none. The
  // live object grows in place as rounds arrive (on the GUI thread).
  std::shared_ptr<const sim::SimResult> shown() const { return m_shown; }
  // The last finished run, or one opened from a file; null when none.
  const std::shared_ptr<const sim::SimResult>& result() const { return m_result; }
  // Shows a result read from a file (no slates), replacing the shown one.
  void setResult(sim::SimResult result);

 Q_SIGNALS:
  void sessionChanged();
  // A run started: shown() holds its configuration and no rounds yet.
  void runStarted();
  // shown() received round `round` (1-based) of seed index `seedIndex` for every policy.
  void roundReceived(int seedIndex, int round);
  // result() holds a new run (finished or opened).
  void resultChanged();
  // The run failed or was cancelled; `message` is a translated sentence.
  void runFailed(const QString& message, bool cancelled);

 private:
  void receiveRound(std::uint64_t generation, int seedIndex, int round,
                    const std::vector<sim::RoundResult>& perPolicy);

  BackgroundJob m_job;
  std::shared_ptr<const ModelSession> m_session;
  std::shared_ptr<const sim::SimResult> m_result;
  std::shared_ptr<sim::SimResult> m_live;
  std::shared_ptr<const sim::SimResult> m_shown;
  std::uint64_t m_generation = 0;  // drops rounds of an earlier run that arrive late
};

}  // namespace reclens
