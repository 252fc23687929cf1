#include "recommendations/trainprogressdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

#include "plots/learningcurveplot.h"

namespace reclens {

TrainProgressDialog::TrainProgressDialog(BackgroundJob* job, const QString& heading,
                                         const TrainConfig& config, QWidget* parent)
    : JobProgressDialog(job, heading, parent),
      m_curve(new LearningCurvePlot(this)),
      m_outcome(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this)) {
  contentLayout()->addWidget(m_curve, 1);
  contentLayout()->addWidget(m_outcome);
  contentLayout()->addWidget(m_buttons);
  m_curve->start(config.epochs, config.patience, config.evalK);
  // Popularity counts once and has no epochs to draw.
  m_curve->setVisible(config.kind != "popularity");
  m_outcome->setWordWrap(true);
  m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_outcome->hide();
  m_buttons->hide();
  connect(m_buttons, &QDialogButtonBox::rejected, this, &TrainProgressDialog::reject);
  setMinimumWidth(520);
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
    JobProgressDialog::jobFinished();
    return;
  }
  // Stays to be read, without blocking the window behind it (modality changes only while hidden).
  hide();
  setWindowModality(Qt::NonModal);
  m_buttons->show();
  show();
}

}  // namespace reclens
