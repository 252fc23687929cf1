#pragma once
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace reclens {

class BackgroundJob;

// A compact progress bar with the job's title and stage and a Cancel button. Visible only while
// the attached BackgroundJob runs.
class JobProgressBar : public QWidget {
  Q_OBJECT

 public:
  explicit JobProgressBar(QWidget* parent = nullptr);

  void attach(BackgroundJob* job);

 private:
  void onStarted(const QString& title);
  void onProgressed(double fraction, const QString& stage);

  BackgroundJob* m_job = nullptr;
  QLabel* m_label;
  QProgressBar* m_bar;
  QToolButton* m_cancel;
  QString m_title;
};

}  // namespace reclens
