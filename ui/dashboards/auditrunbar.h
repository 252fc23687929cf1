#pragma once
#include <QWidget>

#include "engine/rerank.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace reclens {

class AuditService;
class JobProgressBar;

// The row above the audit dashboards: the audited model, K, the re-ranking of the audited lists (off by
// default; the same knobs as the Recommendations page), a Run Audit button, the running audit's
// progress with Cancel, and a line on the audit shown (or why there is none).
class AuditRunBar : public QWidget {
  Q_OBJECT

 public:
  explicit AuditRunBar(AuditService& service, QWidget* parent = nullptr);

  QPushButton* runButton() const { return m_run; }
  QSpinBox* kBox() const { return m_k; }
  QLabel* statusLabel() const { return m_status; }
  QToolButton* reRankButton() const { return m_rerankButton; }
  // The re-ranking the next audit applies to every list (inactive: the model's own lists).
  ReRankOptions reRankOptions() const;
  void setReRankOptions(const ReRankOptions& options);
  // Starts an audit of the current model at the chosen K; false when none could start.
  bool run();

 private:
  void update();
  void updateReRankButton();
  void showFailure(const QString& message, bool cancelled);

  AuditService& m_service;
  QLabel* m_model;
  QSpinBox* m_k;
  QPushButton* m_run;
  QToolButton* m_rerankButton;
  QDoubleSpinBox* m_penalty;
  QDoubleSpinBox* m_mmr;
  QSpinBox* m_cap;
  QDoubleSpinBox* m_calibration;
  QDoubleSpinBox* m_userAware;
  QDoubleSpinBox* m_provider;
  QComboBox* m_providerField;
  QComboBox* m_providerTarget;
  JobProgressBar* m_progress;
  QLabel* m_status;
  QString m_failure;  // the last audit's failure, shown until the next one starts
  bool m_failureIsError = false;
};

}  // namespace reclens
