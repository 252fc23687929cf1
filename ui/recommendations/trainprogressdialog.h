#pragma once
#include "model/trainer.h"
#include "services/jobprogressdialog.h"

class QDialogButtonBox;
class QLabel;

namespace reclens {

class LearningCurvePlot;

// Follows a training run: the job's progress bar with Cancel and, for learned models, the learning
// curve drawn live one epoch at a time. Window-modal while the job runs; closing it cancels the run.
// When the job ends it closes itself, unless showOutcome() was called first: then it stays open,
// no longer modal, with the sentence saying which epoch the model keeps and why, and a Close button.
class TrainProgressDialog : public JobProgressDialog {
  Q_OBJECT

 public:
  TrainProgressDialog(BackgroundJob* job, const QString& heading, const TrainConfig& config,
                      QWidget* parent = nullptr);

  // Adds a finished epoch to the curve (GUI thread).
  void addEpoch(const EpochProgress& epoch);
  // Shows `text` under the curve and keeps the dialog open once the job has finished.
  void showOutcome(const QString& text);

  LearningCurvePlot* curve() const { return m_curve; }
  QLabel* outcomeLabel() const { return m_outcome; }

 protected:
  void jobFinished() override;

 private:
  LearningCurvePlot* m_curve;
  QLabel* m_outcome;
  QDialogButtonBox* m_buttons;
};

}  // namespace reclens
