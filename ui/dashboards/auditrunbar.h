#pragma once
#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;

namespace reclens {

class AuditService;
class JobProgressBar;

// The row above the audit dashboards: the audited model, K, a Run Audit button, the running audit's
// progress with Cancel, and a line on the audit shown (or why there is none).
class AuditRunBar : public QWidget {
  Q_OBJECT

 public:
  explicit AuditRunBar(AuditService& service, QWidget* parent = nullptr);

  QPushButton* runButton() const { return m_run; }
  QSpinBox* kBox() const { return m_k; }
  QLabel* statusLabel() const { return m_status; }
  // Starts an audit of the current model at the chosen K; false when none could start.
  bool run();

 private:
  void update();
  void showFailure(const QString& message, bool cancelled);

  AuditService& m_service;
  QLabel* m_model;
  QSpinBox* m_k;
  QPushButton* m_run;
  JobProgressBar* m_progress;
  QLabel* m_status;
  QString m_failure;  // the last audit's failure, shown until the next one starts
  bool m_failureIsError = false;
};

}  // namespace reclens
