#include "simulation/simulationservice.h"

#include <QMetaObject>

#include <algorithm>

#include "sim/oracle.h"
#include "sim/simretrain.h"
#include "store/projectstore.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {

// The user attributes the core groups users by: every user field with a vocabulary (as the run's
// SimResult::attributes will list them), so that live group gaps have names before the run ends.
std::vector<sim::SimAttribute> userAttributes(const Dataset& dataset) {
  std::vector<sim::SimAttribute> out;
  for (const auto& field : dataset.users.fields) {
    if (field.vocabulary().empty()) continue;
    out.push_back({field.name(), field.vocabulary()});
  }
  return out;
}

}  // namespace

SimulationService::SimulationService(QObject* parent) : QObject(parent) {}

namespace {

// The generated world's tastes, from the project's stored generator configuration.
Result<std::unique_ptr<sim::Oracle>> generatedTruth(const ModelSession& session, double scale) {
  std::string generatorConfig;
  {
    // This thread's own read-only connection; the project is never written.
    auto store = ProjectStore::open(session.snapshot().projectPath(), ProjectStore::Mode::ReadOnly);
    if (!store) return store.error();
    auto value = store.value()->metaValue("generator.config");
    if (!value) return value.error();
    generatorConfig = std::move(value).value();
  }
  return sim::makeSyntheticOracle(generatorConfig, session.snapshot().dataset(), scale);
}

// A registered model of the project as the truth (the session's own model when it is the one named),
// loaded as the Recommendations page loads models: a file that is not trusted is refused with the reason.
Result<std::unique_ptr<sim::Oracle>> modelTruth(const std::shared_ptr<const ModelSession>& session,
                                                const std::string& name, int negatives, std::uint64_t seed) {
  std::shared_ptr<const ModelSession> truth;
  if (name == session->name()) {
    truth = session;
  } else {
    auto records = ModelSession::registeredModels(session->snapshot().projectPath());
    if (!records) return records.error();
    const auto it = std::find_if(records.value().begin(), records.value().end(),
                                 [&name](const ProjectStore::ModelRecord& r) { return r.name == name; });
    if (it == records.value().end())
      return makeError(ErrorCode::NotFound, "no registered model is called '" + name + "'");
    auto loaded = ModelSession::load(std::shared_ptr<const DatasetSnapshot>(session, &session->snapshot()),
                                     *it, session->model()->device());
    if (!loaded) return loaded.error();
    truth = std::move(loaded).value();
  }
  // The oracle holds the loaded model itself; the file is not read again.
  return sim::makeModelOracle(truth->model(), session->snapshot().dataset(), negatives, seed, nullptr, name);
}

}  // namespace

void SimulationService::setSession(std::shared_ptr<const ModelSession> session) {
  if (session == m_session) return;
  m_job.cancel();
  ++m_generation;
  // A run's rows are those of its project: a model of another project (or none) drops what is shown. A
  // result opened before any model was loaded stays (the first model of the project it was opened in).
  const DatasetSnapshot* before = m_session ? &m_session->snapshot() : nullptr;
  const DatasetSnapshot* after = session ? &session->snapshot() : nullptr;
  if (before != nullptr && before != after) {
    m_result.reset();
    m_live.reset();
    m_shown.reset();
  }
  m_session = std::move(session);
  Q_EMIT sessionChanged();
}

bool SimulationService::run(const SimulationRequest& request) {
  if (!m_session || m_job.isRunning()) return false;
  auto session = m_session;
  sim::SimConfig config = request.config;
  config.keepSlates = true;
  const double scale = request.appealScale;
  const std::string truthModel = request.truthModel;
  const int truthNegatives = request.truthNegatives;
  const std::uint64_t generation = ++m_generation;

  m_live = std::make_shared<sim::SimResult>();
  m_live->config = config;
  m_live->model = session->name();
  m_live->users = session->snapshot().userCount();
  m_live->items = session->snapshot().itemCount();
  m_live->attributes = userAttributes(session->snapshot().dataset());
  for (const auto& p : config.policies) m_live->runs.push_back({p.name, {}});

  const bool started = m_job.start<std::shared_ptr<const sim::SimResult>>(
      tr("Simulating %1 rounds").arg(config.rounds),
      [this, session, config, scale, truthModel, truthNegatives,
       generation](const TaskControl& control) -> Result<std::shared_ptr<const sim::SimResult>> {
        const auto& dataset = session->snapshot().dataset();
        control.report(0.0, "reading the project's truth");
        auto oracle = truthModel.empty() ? generatedTruth(*session, scale)
                                         : modelTruth(session, truthModel, truthNegatives, config.seed);
        if (!oracle) return oracle.error();
        sim::Retrainer retrain;
        if (config.retrainEvery > 0) retrain = sim::makeSimRetrainer(session->model()->device());
        // Rounds travel to the GUI thread as copies in posted events; the worker never touches widgets.
        const sim::RoundObserver observer =
            [this, generation](int seedIndex, int round, const std::vector<sim::RoundResult>& perPolicy) {
              QMetaObject::invokeMethod(
                  this,
                  [this, generation, seedIndex, round, perPolicy] {
                    receiveRound(generation, seedIndex, round, perPolicy);
                  },
                  Qt::QueuedConnection);
            };
        auto result = sim::runSimulation(dataset, session->model(), *oracle.value(), config, retrain, control,
                                         observer);
        if (!result) return result.error();
        result.value().model = session->name();
        // The page lists the slates of the first seed only; the others' would just hold memory.
        for (auto& run : result.value().runs) {
          for (std::size_t s = 1; s < run.seeds.size(); ++s)
            std::vector<std::vector<sim::ShownSlate>>().swap(run.seeds[s].slates);
        }
        return std::make_shared<const sim::SimResult>(std::move(result).value());
      },
      [this, generation](Result<std::shared_ptr<const sim::SimResult>> result) {
        if (generation != m_generation) return;  // the model was replaced meanwhile
        if (!result) {
          const bool cancelled = result.error().code == ErrorCode::Cancelled;
          Q_EMIT runFailed(
              cancelled ? tr("The simulation was cancelled.")
                        : tr("The simulation could not run: %1").arg(display::text(result.error().message)),
              cancelled);
          return;
        }
        m_result = std::move(result).value();
        m_shown = m_result;
        m_live.reset();
        Q_EMIT resultChanged();
      });
  if (!started) return false;
  m_shown = m_live;
  Q_EMIT runStarted();
  return true;
}

void SimulationService::receiveRound(std::uint64_t generation, int seedIndex, int round,
                                     const std::vector<sim::RoundResult>& perPolicy) {
  if (generation != m_generation || !m_live) return;
  for (std::size_t p = 0; p < perPolicy.size() && p < m_live->runs.size(); ++p) {
    auto& seeds = m_live->runs[p].seeds;
    auto it = std::find_if(seeds.begin(), seeds.end(),
                           [seedIndex](const sim::SeedRun& s) { return s.seedIndex == seedIndex; });
    if (it == seeds.end()) {
      sim::SeedRun seed;
      seed.seedIndex = seedIndex;
      seed.seed = m_live->config.seed + static_cast<std::uint64_t>(seedIndex);
      seeds.push_back(std::move(seed));
      it = std::prev(seeds.end());
    }
    // Rounds arrive in order for each seed; a gap would mean a lost event, so keep the index honest.
    if (static_cast<int>(it->rounds.size()) == round - 1) it->rounds.push_back(perPolicy[p]);
  }
  Q_EMIT roundReceived(seedIndex, round);
}

void SimulationService::setResult(sim::SimResult result) {
  m_job.cancel();
  ++m_generation;
  m_result = std::make_shared<const sim::SimResult>(std::move(result));
  m_shown = m_result;
  m_live.reset();
  Q_EMIT resultChanged();
}

}  // namespace reclens
