#pragma once
#include <QString>
#include <QWidget>

#include <memory>

#include "common/result.h"
#include "services/modelsession.h"

class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace reclens {

class JobProgressBar;
class SimulationForm;
class SimulationPlot;
class SimulationService;
class SimulationSlateView;
class SimulationSummaryModel;

// The Simulation page: what happens after deployment. The settings of a run (policies, rounds, users
// per round, K, examination, re-training, seeds) beside a plot of any metric against the round (one
// line and 95% band per policy, drawn live as rounds finish), the final figures per policy with their
// intervals, and the slate a user was shown in a round ("why did round t show this?"), which opens
// the user on the Recommendations or Explanation page. Runs go off the GUI thread with progress and
// Cancel; a result can be saved as JSON and opened again without re-running.
class SimulationPage : public QWidget {
  Q_OBJECT

 public:
  explicit SimulationPage(QWidget* parent = nullptr);
  ~SimulationPage() override;

  // The model of the Recommendations page (null: none).
  void setSession(std::shared_ptr<const ModelSession> session);

  // Starts a run with the form's settings; false (with the reason shown) when none could start.
  bool run();
  // Writes the shown finished result as JSON; the error names the file.
  Status saveResult(const QString& path) const;
  // Writes the shown finished result as a self-contained HTML report stamped like the audit report.
  Status saveReport(const QString& path) const;
  // Reads a result written by saveResult (or `reclens-cli simulate --out`) and shows it.
  Status openResult(const QString& path);

  SimulationService& service() const { return *m_service; }
  SimulationForm* form() const { return m_form; }
  SimulationPlot* plot() const { return m_plot; }
  QTableView* summaryTable() const { return m_table; }
  SimulationSummaryModel* summaryModel() const { return m_summary; }
  SimulationSlateView* slateView() const { return m_slates; }
  QPushButton* runButton() const { return m_run; }
  QLabel* statusLabel() const { return m_status; }
  QTabWidget* tabs() const { return m_tabs; }

 Q_SIGNALS:
  // Open dataset user row `user` on the Recommendations page.
  void recommendationsRequested(int user);
  // Open the user on the Explanation page with catalog row `item` explained (-1: the list).
  void explanationRequested(int user, int item);

 private:
  QWidget* buildSettings();
  QToolButton* buildFileButton();
  void chooseSavePath();
  void chooseReportPath();
  void chooseOpenPath();
  void offerTruths();
  void showShown();
  void showFailure(const QString& message, bool cancelled);
  void updateStatus();

  SimulationService* m_service;
  SimulationForm* m_form;
  SimulationPlot* m_plot;
  SimulationSummaryModel* m_summary;
  QTableView* m_table;
  SimulationSlateView* m_slates;
  QTabWidget* m_tabs;
  QPushButton* m_run;
  JobProgressBar* m_progress;
  QLabel* m_model;
  QLabel* m_status;
  QLabel* m_about;
  QTimer* m_redraw;
  QString m_failure;  // the last run's failure, shown until the next one starts
  bool m_failureIsError = false;
};

}  // namespace reclens
