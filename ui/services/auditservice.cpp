#include "services/auditservice.h"

#include <QElapsedTimer>

#include <algorithm>

#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "model/trainingmetadata.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
// Share of the progress bar taken by scoring every user; finishing (bootstrap, permutations) gets the rest.
constexpr double kScoringShare = 0.85;

// A TaskControl that maps the progress of one stage into [from, from + span) of `outer`'s.
TaskControl stageControl(const TaskControl& outer, double from, double span) {
  TaskControl control;
  control.cancel = outer.cancel;
  control.progress = [outer, from, span](double fraction, std::string_view stage) {
    outer.report(from + span * std::clamp(fraction, 0.0, 1.0), stage);
  };
  return control;
}
}  // namespace

AuditService::AuditService(QObject* parent) : QObject(parent) {}

void AuditService::setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  m_job.cancel();
  m_session.reset();
  m_outcome.reset();
  Q_EMIT sessionChanged();
}

void AuditService::setSession(std::shared_ptr<const ModelSession> session) {
  if (session == m_session) return;
  m_job.cancel();
  m_session = std::move(session);
  m_outcome.reset();
  Q_EMIT sessionChanged();
}

AuditConfig AuditService::defaultConfig(int k) const {
  AuditConfig config;
  config.k = k;
  config.itemGroupings = {"tier"};
  if (!m_session) return config;
  const auto& dataset = m_session->snapshot().dataset();
  config.itemGroupings = defaultItemGroupings(dataset);
  // Intersections of the first three user attributes (e.g. gender × age band): groups a single
  // attribute hides, at a cost the audit can afford (at most three more groupings).
  const auto& fields = dataset.users.fields;
  const std::size_t first = std::min<std::size_t>(fields.size(), 3);
  for (std::size_t a = 0; a < first; ++a) {
    for (std::size_t b = a + 1; b < first; ++b)
      config.intersections.push_back({fields[a].name(), fields[b].name()});
  }
  // Flipping an attribute can change a list only when the model reads it.
  for (const auto& field : m_session->model()->metadata().userFields) {
    if (dataset.users.fieldIndex(field.name) >= 0) config.flipAttributes.push_back(field.name);
  }
  return config;
}

bool AuditService::runAudit(const AuditConfig& config) {
  if (!m_session) return false;
  auto session = m_session;
  const bool started = m_job.start<std::shared_ptr<const AuditOutcome>>(
      tr("Auditing %1 @%2").arg(display::text(session->name())).arg(config.k),
      [session, config](const TaskControl& control) -> Result<std::shared_ptr<const AuditOutcome>> {
        QElapsedTimer clock;
        clock.start();
        const auto& dataset = session->snapshot().dataset();
        auto outcome = std::make_shared<AuditOutcome>();
        outcome->session = session;
        control.report(0.0, "splitting the log");
        // The model's own split (the one it was trained on, as evaluate uses it); time:1 when it records
        // none.
        auto own = trainingSplitOf(session->model()->metadata().json);
        if (!own) return own.error();
        if (own.value()) outcome->splitSpec = *own.value();
        auto split = std::make_shared<TrainTestSplit>(splitDataset(dataset, outcome->splitSpec));
        // The engine lives on this worker thread only.
        ScoringEngine engine(session->model());
        auto partial = auditModel(engine, dataset, *split, config, stageControl(control, 0.0, kScoringShare));
        if (!partial) return partial.error();
        auto result = finishAudit(partial.value(), dataset, *split,
                                  stageControl(control, kScoringShare, 1.0 - kScoringShare));
        if (!result) return result.error();
        std::vector<bool> trainRows(split->part.size());
        for (std::size_t r = 0; r < trainRows.size(); ++r) trainRows[r] = split->part[r] == SplitPart::Train;
        outcome->trainPopularity = itemPopularity(dataset.interactions, dataset.items.size(), &trainRows);
        outcome->result = std::move(result).value();
        outcome->split = std::move(split);
        outcome->seconds = static_cast<double>(clock.elapsed()) / 1000.0;
        return std::shared_ptr<const AuditOutcome>(std::move(outcome));
      },
      [this, session](Result<std::shared_ptr<const AuditOutcome>> result) {
        if (session != m_session) return;  // the model was replaced meanwhile
        if (!result) {
          const bool cancelled = result.error().code == ErrorCode::Cancelled;
          Q_EMIT auditFailed(cancelled
                                 ? tr("The audit was cancelled.")
                                 : tr("The audit failed: %1").arg(display::text(result.error().message)),
                             cancelled);
          return;
        }
        m_outcome = std::move(result).value();
        Q_EMIT auditFinished();
      });
  return started;
}

AuditRun AuditService::currentRun(const std::string& name) const {
  AuditRun run;
  run.name = name;
  const auto& session = *m_outcome->session;
  run.provenance = currentAuditProvenance();
  run.provenance.project = session.snapshot().projectPath();
  run.provenance.datasetName = session.snapshot().dataset().info.name;
  run.provenance.modelName = session.name();
  run.provenance.modelPath = session.sourcePath();
  run.provenance.modelKind = session.model()->metadata().kind;
  setAuditSplit(run.provenance, m_outcome->splitSpec);
  run.provenance.device = session.model()->device().description;
  run.result = m_outcome->result;
  return run;
}

Result<std::int64_t> AuditService::saveRun(const std::string& name) const {
  if (!m_outcome) return makeError(ErrorCode::InvalidArgument, "there is no audit to save");
  auto run = currentRun(name);
  const auto& project = m_outcome->session->snapshot().projectPath();
  auto models = ModelSession::registeredModels(project);
  if (!models) return models.error();
  for (const auto& record : models.value()) {
    if (record.name == run.provenance.modelName) run.modelId = record.id;
  }
  auto store = ProjectStore::open(project, ProjectStore::Mode::ReadWrite);
  if (!store) return store.error();
  return saveAuditRun(*store.value(), run);
}

}  // namespace reclens
