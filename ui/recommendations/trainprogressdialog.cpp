#include "recommendations/trainprogressdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

#include "plots/learningcurveplot.h"
#include "services/backgroundjob.h"
#include "services/jobprogressbar.h"

namespace reclens {

TrainProgressDialog::TrainProgressDialog(BackgroundJob* job, const QString& heading,
                                         const TrainConfig& config, QWidget* parent)
    : QDialog(parent),
      m_job(job),
      m_bar(new JobProgressBar(this)),
      m_curve(new LearningCurvePlot(this)),
      m_outcome(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this)) {
  setWindowTitle(heading);
  setWindowModality(Qt::WindowModal);
  auto* layout = new QVBoxLayout(this);
  auto* label = new QLabel(heading, this);
  label->setWordWrap(true);
  layout->addWidget(label);
  layout->addWidget(m_bar);
  layout->addWidget(m_curve, 1);
  layout->addWidget(m_outcome);
  layout->addWidget(m_buttons);
  m_curve->start(config.epochs, config.patience, config.evalK);
  // Popularity counts once and has no epochs to draw.
  m_curve->setVisible(config.kind != "popularity");
  m_outcome->setWordWrap(true);
  m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_outcome->hide();
  m_buttons->hide();
  connect(m_buttons, &QDialogButtonBox::rejected, this, &TrainProgressDialog::reject);
  m_bar->attach(job);
  setMinimumWidth(520);
  connect(job, &BackgroundJob::finished, this, &TrainProgressDialog::jobFinished);
}

void TrainProgressDialog::addEpoch(const EpochProgress& epoch) {
  m_curve->addEpoch(epoch);
}

void TrainProgressDialog::showOutcome(const QString& text) {
  m_outcome->setText(text);
  m_outcome->setVisible(!text.isEmpty());
}

void TrainProgressDialog::jobFinished() {
  if (m_outcome->text().isEmpty()) {
    done(QDialog::Accepted);
    return;
  }
  // Stays to be read, without blocking the window behind it (modality changes only while hidden).
  hide();
  setWindowModality(Qt::NonModal);
  m_buttons->show();
  show();
}

void TrainProgressDialog::reject() {
  // Escape or the close button cancel the work; the dialog closes once it has stopped.
  if (m_job->isRunning()) {
    m_job->cancel();
    return;
  }
  QDialog::reject();
}

}  // namespace reclens
