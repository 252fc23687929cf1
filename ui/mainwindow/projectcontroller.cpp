#include "mainwindow/projectcontroller.h"

#include <QDir>
#include <QFileInfo>

#include <filesystem>
#include <system_error>

#include "data/generator.h"
#include "mainwindow/recentprojects.h"
#include "store/projectstore.h"

namespace reclens {

namespace {

using SnapshotResult = Result<std::shared_ptr<const DatasetSnapshot>>;

// A TaskControl that maps a sub-task's [0, 1] onto [from, to] of the parent's progress.
TaskControl scaled(const TaskControl& parent, double from, double to) {
  TaskControl sub;
  sub.cancel = parent.cancel;
  sub.progress = [parent, from, to](double fraction, std::string_view stage) {
    parent.report(from + (to - from) * fraction, stage);
  };
  return sub;
}

SnapshotResult loadSnapshot(const std::string& path, const TaskControl& control) {
  auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
  if (!store) return store.error();
  auto dataset = store.value()->loadDataset(scaled(control, 0.0, 0.7));
  if (!dataset) return dataset.error();
  return DatasetSnapshot::build(std::move(dataset).value(), path, scaled(control, 0.7, 1.0));
}

// Generates the demo into a side file and renames it into place, so a cancelled or failed run
// never leaves a half-made demo behind.
Status generateDemo(const std::string& path, const TaskControl& control) {
  auto config = GeneratorConfig::preset("demo");
  if (!config) return config.error();
  const std::string partial = path + ".partial";
  std::error_code ec;
  std::filesystem::remove(partial, ec);
  {
    auto store = ProjectStore::open(partial, ProjectStore::Mode::Create);
    if (!store) return store.error();
    auto summary = generateProject(config.value(), *store.value(), control);
    if (!summary) {
      store.value().reset();
      std::filesystem::remove(partial, ec);
      return summary.error();
    }
  }
  std::filesystem::rename(partial, path, ec);
  if (ec) return makeError(ErrorCode::Io, "Cannot move the demo project into place: " + ec.message(), path);
  return Status::success();
}

}  // namespace

ProjectController::ProjectController(RecentProjects& recent, QString demoPath, QObject* parent)
    : QObject(parent), m_recent(recent), m_demoPath(std::move(demoPath)) {}

bool ProjectController::demoNeedsGeneration() const {
  return !QFileInfo::exists(m_demoPath);
}

bool ProjectController::openProject(const QString& path) {
  const std::string file = QFileInfo(path).absoluteFilePath().toStdString();
  return m_job.start<std::shared_ptr<const DatasetSnapshot>>(
      tr("Opening %1").arg(QFileInfo(path).fileName()),
      [file](const TaskControl& control) { return loadSnapshot(file, control); },
      [this](SnapshotResult result) { finish(std::move(result), tr("Could not open the project"), true); });
}

bool ProjectController::openDemo() {
  if (!demoNeedsGeneration()) return openProject(m_demoPath);
  QDir().mkpath(QFileInfo(m_demoPath).absolutePath());
  const std::string file = m_demoPath.toStdString();
  return m_job.start<std::shared_ptr<const DatasetSnapshot>>(
      tr("Generating the demo project"),
      [file](const TaskControl& control) -> SnapshotResult {
        if (auto status = generateDemo(file, scaled(control, 0.0, 0.8)); !status) return status.error();
        return loadSnapshot(file, scaled(control, 0.8, 1.0));
      },
      [this](SnapshotResult result) {
        finish(std::move(result), tr("Could not create the demo project"), false);
      });
}

void ProjectController::finish(SnapshotResult result, const QString& failureAction, bool remember) {
  if (!result) {
    if (result.error().code == ErrorCode::Cancelled) {
      Q_EMIT cancelled();
    } else {
      Q_EMIT failed(failureAction, result.error());
    }
    return;
  }
  m_snapshot = std::move(result).value();
  if (remember) m_recent.add(QString::fromStdString(m_snapshot->projectPath()));
  Q_EMIT projectOpened();
}

}  // namespace reclens
