#pragma once
#include <QObject>
#include <QString>

#include <memory>

#include "audit/audit.h"
#include "audit/auditrun.h"
#include "services/auditoutcome.h"
#include "services/backgroundjob.h"
#include "services/datasetsnapshot.h"
#include "services/modelsession.h"

namespace reclens {

// Runs whole-model audits of the model shown on the Recommendations page off the GUI thread (one at
// a time, with progress and Cancel through job()) and keeps the last finished one for the Long-tail
// and Fairness pages. A new project or model drops the kept audit, and an audit that finishes after
// its model was replaced is discarded.
class AuditService : public QObject {
  Q_OBJECT

 public:
  explicit AuditService(QObject* parent = nullptr);

  // A new project: forgets the model and the audit.
  void setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot);
  // The model to audit from now on (null: none); forgets the audit of another model.
  void setSession(std::shared_ptr<const ModelSession> session);

  const std::shared_ptr<const DatasetSnapshot>& snapshot() const { return m_snapshot; }
  const std::shared_ptr<const ModelSession>& session() const { return m_session; }
  // The last finished audit of the current model, or null.
  const std::shared_ptr<const AuditOutcome>& outcome() const { return m_outcome; }
  BackgroundJob& job() { return m_job; }

  // The audit configuration the pages start from: every user attribute, the tier, category and brand
  // groupings the catalog has, and flips of the user attributes the model reads.
  AuditConfig defaultConfig(int k) const;
  // Starts auditing the current model; false when there is none or an audit is running.
  bool runAudit(const AuditConfig& config);

  // The shown audit as a run named `name`, with its provenance (project, model, split, device,
  // versions, time). Requires outcome().
  AuditRun currentRun(const std::string& name) const;
  // Saves currentRun(name) in the project file (its own connection, one transaction); the error names
  // a duplicate name or an unwritable project.
  Result<std::int64_t> saveRun(const std::string& name) const;

 Q_SIGNALS:
  // The model changed (or was dropped): pages clear what they show of the old one.
  void sessionChanged();
  // outcome() holds a new audit.
  void auditFinished();
  // The audit failed or was cancelled; `message` is a translated sentence.
  void auditFailed(const QString& message, bool cancelled);

 private:
  BackgroundJob m_job;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::shared_ptr<const ModelSession> m_session;
  std::shared_ptr<const AuditOutcome> m_outcome;
};

}  // namespace reclens
