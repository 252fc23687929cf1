#include "services/jobprogressdialog.h"

#include <QLabel>
#include <QVBoxLayout>

#include "services/backgroundjob.h"
#include "services/jobprogressbar.h"

namespace reclens {

JobProgressDialog::JobProgressDialog(BackgroundJob* job, const QString& heading, QWidget* parent)
    : QDialog(parent), m_job(job), m_bar(new JobProgressBar(this)), m_layout(new QVBoxLayout(this)) {
  setWindowTitle(heading);
  setWindowModality(Qt::WindowModal);
  auto* label = new QLabel(heading, this);
  label->setWordWrap(true);
  m_layout->addWidget(label);
  m_layout->addWidget(m_bar);
  m_bar->attach(job);
  setMinimumWidth(460);
  connect(job, &BackgroundJob::finished, this, [this] {
    m_job->disconnect(this);
    m_job->disconnect(m_bar);
    m_bar->hide();
    m_finished = true;
    jobFinished();
  });
}

void JobProgressDialog::jobFinished() {
  done(QDialog::Accepted);
}

void JobProgressDialog::reject() {
  // Escape or the close button cancel the work; the dialog closes once it has stopped.
  if (!m_finished && m_job->isRunning()) {
    m_job->cancel();
    return;
  }
  QDialog::reject();
}

}  // namespace reclens
