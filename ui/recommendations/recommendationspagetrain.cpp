// RecommendationsPage: training a model from the page, with its learning curve drawn live.
#include <algorithm>

#include "model/learningcurve.h"
#include "model/modelregistration.h"
#include "plots/learningcurveplot.h"
#include "recommendations/recommendationspage.h"
#include "recommendations/traindialog.h"
#include "recommendations/trainprogressdialog.h"
#include "widgets/displayformat.h"

namespace reclens {

TrainProgressDialog* RecommendationsPage::trainProgress() const {
  return m_trainProgress.data();
}

void RecommendationsPage::chooseAndTrain() {
  if (!m_snapshot) return;
  auto* dialog = new TrainDialog(this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setStartModels(m_records);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    const auto parent = dialog->startModelName().toStdString();
    std::string name;
    if (!parent.empty()) {
      // A fine-tuned model gets the first free name of <parent>-ft, <parent>-ft2, ...
      const auto taken = [this](const std::string& n) {
        return std::any_of(m_records.begin(), m_records.end(), [&n](const auto& r) { return r.name == n; });
      };
      name = parent + "-ft";
      for (int n = 2; taken(name); ++n) name = parent + "-ft" + std::to_string(n);
    }
    trainModel(dialog->config(), name, true);
  });
  dialog->open();
}

bool RecommendationsPage::trainModel(const TrainConfig& config, const std::string& chosenName,
                                     bool keepOutcome) {
  if (!m_snapshot) return false;
  auto snapshot = m_snapshot;
  const std::string name =
      !chosenName.empty() ? chosenName
                          : config.kind + "-" + std::to_string(config.kind == "popularity" ? 1 : config.dim);
  const QString title = tr("Training %1").arg(display::text(name));
  const bool started = m_job.start<ProjectStore::ModelRecord>(
      title,
      [this, snapshot, config, name](const TaskControl& control) -> Result<ProjectStore::ModelRecord> {
        const auto& project = snapshot->projectPath();
        const auto out = defaultModelPath(project, name);
        // Each epoch travels to the GUI thread as a copy; only the dialog there touches the plot. The
        // page outlives the run: its BackgroundJob cancels and waits for the work when destroyed.
        const auto onEpoch = [this](const EpochProgress& epoch) {
          QMetaObject::invokeMethod(
              this,
              [this, epoch] {
                if (m_trainProgress) m_trainProgress->addEpoch(epoch);
              },
              Qt::QueuedConnection);
        };
        auto report = reclens::trainModel(snapshot->dataset(), config, out, control, onEpoch);
        if (!report) return report.error();
        // This thread opens its own connection to the project file.
        auto store = ProjectStore::open(project, ProjectStore::Mode::ReadWrite);
        if (!store) return store.error();
        return registerModelFile(*store.value(), project, name, out, report.value().metadataJson);
      },
      [this, project = m_project, keepOutcome](Result<ProjectStore::ModelRecord> result) {
        if (project != m_project) return;
        if (!result) {
          const QString message = result.error().code == ErrorCode::Cancelled
                                      ? tr("Training was cancelled.")
                                      : tr("Training failed: %1").arg(display::text(result.error().message));
          showMessage(message, result.error().code != ErrorCode::Cancelled);
          Q_EMIT modelFailed(message);
          return;
        }
        if (keepOutcome && m_trainProgress) {
          // Read back from the metadata saved in the file: what the model keeps, not what was seen live.
          auto curve = learningCurveOf(result.value().metadataJson);
          m_trainProgress->showOutcome(curve ? LearningCurvePlot::outcome(curve.value()) : QString());
        }
        m_session.reset();  // a retrained model may replace the file of the one shown
        reloadModels(display::text(result.value().name));
      });
  if (!started) return false;
  m_trainProgress = new TrainProgressDialog(
      &m_job, tr("%1 on %2…").arg(title, display::text(m_device.description)), config, this);
  m_trainProgress->setAttribute(Qt::WA_DeleteOnClose);
  m_trainProgress->open();
  return true;
}

}  // namespace reclens
