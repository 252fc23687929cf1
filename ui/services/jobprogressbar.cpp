#include "services/jobprogressbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

#include <algorithm>
#include <cmath>

#include "services/backgroundjob.h"

namespace reclens {

namespace {
constexpr int kSteps = 1000;
}

JobProgressBar::JobProgressBar(QWidget* parent)
    : QWidget(parent),
      m_label(new QLabel(this)),
      m_bar(new QProgressBar(this)),
      m_cancel(new QToolButton(this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_bar->setRange(0, kSteps);
  m_bar->setMinimumWidth(160);
  m_bar->setTextVisible(true);
  m_cancel->setText(tr("Cancel"));
  m_cancel->setToolTip(tr("Stop this operation; nothing is changed on disk"));
  m_label->setMinimumWidth(120);
  layout->addWidget(m_label, 1);
  layout->addWidget(m_bar);
  layout->addWidget(m_cancel);
  setVisible(false);
}

void JobProgressBar::attach(BackgroundJob* job) {
  m_job = job;
  connect(job, &BackgroundJob::started, this, &JobProgressBar::onStarted);
  connect(job, &BackgroundJob::progressed, this, &JobProgressBar::onProgressed);
  connect(job, &BackgroundJob::cancelRequested, this, [this] {
    m_cancel->setEnabled(false);
    m_label->setText(tr("%1: cancelling…").arg(m_title));
  });
  connect(job, &BackgroundJob::finished, this, [this] { setVisible(false); });
  connect(m_cancel, &QToolButton::clicked, job, &BackgroundJob::cancel);
  if (job->isRunning()) onStarted(job->title());
}

void JobProgressBar::onStarted(const QString& title) {
  m_title = title;
  m_label->setText(title);
  m_bar->setValue(0);
  m_cancel->setEnabled(true);
  setVisible(true);
}

void JobProgressBar::onProgressed(double fraction, const QString& stage) {
  if (!m_job || !m_job->isRunning()) return;
  m_bar->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * kSteps)));
  if (m_cancel->isEnabled()) m_label->setText(stage.isEmpty() ? m_title : tr("%1: %2").arg(m_title, stage));
}

}  // namespace reclens
