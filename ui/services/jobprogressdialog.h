#pragma once
#include <QDialog>

class QVBoxLayout;

namespace reclens {

class BackgroundJob;
class JobProgressBar;

// A window-modal dialog around a JobProgressBar, for work the user waits for (e.g. generating the
// demo project). Open it right after starting the job; it closes itself when the job finishes, and
// closing it while the job runs cancels the job. Subclasses may add widgets below the bar and do
// something else when the job ends (jobFinished).
class JobProgressDialog : public QDialog {
  Q_OBJECT

 public:
  JobProgressDialog(BackgroundJob* job, const QString& heading, QWidget* parent = nullptr);

 protected:
  void reject() override;
  // Called once, when the job this dialog follows has finished; closes the dialog. The bar stops
  // following the job then, so that a later job on the same BackgroundJob does not appear here.
  virtual void jobFinished();
  QVBoxLayout* contentLayout() const { return m_layout; }

 private:
  BackgroundJob* m_job;
  JobProgressBar* m_bar;
  QVBoxLayout* m_layout;
  bool m_finished = false;
};

}  // namespace reclens
