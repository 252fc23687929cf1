#pragma once
#include <QObject>
#include <QString>

#include <memory>

#include "common/error.h"
#include "services/backgroundjob.h"
#include "services/datasetsnapshot.h"

namespace reclens {

class RecentProjects;

// Opens projects off the GUI thread: loads the dataset into a DatasetSnapshot (or first generates
// the bundled demo project), keeps the current snapshot and records opened files as recent.
class ProjectController : public QObject {
  Q_OBJECT

 public:
  // `demoPath` is where the demo project lives (generated there on first use).
  ProjectController(RecentProjects& recent, QString demoPath, QObject* parent = nullptr);

  BackgroundJob& job() { return m_job; }
  const std::shared_ptr<const DatasetSnapshot>& snapshot() const { return m_snapshot; }
  QString demoPath() const { return m_demoPath; }

  // Replaces the current snapshot by the same project with rows appended (live events), without
  // reopening it: nothing is emitted.
  void growSnapshot(std::shared_ptr<const DatasetSnapshot> grown) { m_snapshot = std::move(grown); }
  // Starts loading `path`; false when another operation is still running.
  bool openProject(const QString& path);
  // Opens the demo project, generating it first when it does not exist yet.
  bool openDemo();
  // True when the demo project still has to be generated.
  bool demoNeedsGeneration() const;

 Q_SIGNALS:
  void projectOpened();
  // `action` is a translated sentence such as "Could not open the project".
  void failed(const QString& action, const reclens::Error& error);
  void cancelled();

 private:
  void finish(Result<std::shared_ptr<const DatasetSnapshot>> result, const QString& failureAction,
              bool remember);

  RecentProjects& m_recent;
  QString m_demoPath;
  BackgroundJob m_job;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
};

}  // namespace reclens
