#pragma once
#include <QDialog>

namespace reclens {

class BackgroundJob;
class JobProgressBar;

// A window-modal dialog around a JobProgressBar, for work the user waits for (e.g. generating the
// demo project). Open it right after starting the job; it closes itself when the job finishes, and
// closing it cancels the job.
class JobProgressDialog : public QDialog {
  Q_OBJECT

 public:
  JobProgressDialog(BackgroundJob* job, const QString& heading, QWidget* parent = nullptr);

 protected:
  void reject() override;

 private:
  BackgroundJob* m_job;
  JobProgressBar* m_bar;
};

}  // namespace reclens
