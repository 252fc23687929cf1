#include "dashboards/auditrunbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>

#include "services/auditservice.h"
#include "services/jobprogressbar.h"
#include "widgets/displayformat.h"

namespace reclens {

AuditRunBar::AuditRunBar(AuditService& service, QWidget* parent)
    : QWidget(parent),
      m_service(service),
      m_model(new QLabel(this)),
      m_k(new QSpinBox(this)),
      m_run(new QPushButton(QIcon(QStringLiteral(":/icons/reclens.svg")), tr("&Run Audit"), this)),
      m_progress(new JobProgressBar(this)),
      m_status(new QLabel(this)) {
  m_k->setRange(1, 200);
  m_k->setValue(20);
  m_k->setToolTip(tr("List length audited: every metric is computed @K"));
  m_run->setToolTip(
      tr("Recommend the top-K to every user with the model and compute accuracy, long-tail, exposure and "
         "fairness statistics (off the GUI thread; Cancel stops it)"));
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_progress->attach(&m_service.job());
  auto* kLabel = new QLabel(tr("&K:"), this);
  kLabel->setBuddy(m_k);
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(m_model);
  row->addSpacing(12);
  row->addWidget(kLabel);
  row->addWidget(m_k);
  row->addWidget(m_run);
  row->addSpacing(12);
  row->addWidget(m_status, 1);
  row->addWidget(m_progress, 1);
  connect(m_run, &QPushButton::clicked, this, &AuditRunBar::run);
  const auto clearFailure = [this] {
    m_failure.clear();
    update();
  };
  connect(&m_service, &AuditService::sessionChanged, this, clearFailure);
  connect(&m_service, &AuditService::auditFinished, this, clearFailure);
  connect(&m_service, &AuditService::auditFailed, this, &AuditRunBar::showFailure);
  connect(&m_service.job(), &BackgroundJob::started, this, clearFailure);
  connect(&m_service.job(), &BackgroundJob::finished, this, &AuditRunBar::update);
  update();
}

bool AuditRunBar::run() {
  return m_service.runAudit(m_service.defaultConfig(m_k->value()));
}

void AuditRunBar::update() {
  const auto& session = m_service.session();
  const bool running = m_service.job().isRunning();
  m_model->setText(session ? tr("Model: <b>%1</b>").arg(display::text(session->name()).toHtmlEscaped())
                           : tr("No model loaded"));
  m_run->setEnabled(session != nullptr && !running);
  m_status->setVisible(!running);
  m_status->setStyleSheet(m_failureIsError && !m_failure.isEmpty() ? QStringLiteral("color: #b00020;")
                                                                   : QString());
  if (!m_failure.isEmpty()) {
    m_status->setText(m_failure);
  } else if (!session) {
    m_status->setText(tr("Load or train a model on the Recommendations page to audit it."));
  } else if (const auto& outcome = m_service.outcome()) {
    const auto& result = outcome->result;
    m_status->setText(tr("Audit @%1 of %2 users (%3 with a held-out item) in %4 s")
                          .arg(result.partial.config.k)
                          .arg(display::count(static_cast<qint64>(result.partial.users.size())),
                               display::count(static_cast<qint64>(result.evaluatedUsers)),
                               QLocale().toString(outcome->seconds, 'f', 1)));
  } else {
    m_status->setText(tr("Not audited yet: press Run Audit."));
  }
}

void AuditRunBar::showFailure(const QString& message, bool cancelled) {
  m_failure = message;
  m_failureIsError = !cancelled;
  update();
}

}  // namespace reclens
