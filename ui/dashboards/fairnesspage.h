#pragma once
#include <QWidget>

#include <cstdint>
#include <string>
#include <vector>

class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QTableView;

namespace reclens {

class AuditRunBar;
class AuditService;
class FairnessGapModel;
class FlipRateModel;
class GapDecompositionDialog;
class GroupUsersModel;
class RunComparisonDialog;

// The Fairness dashboard for the audited model: per-group means of an accuracy metric for a chosen
// user attribute with 95% bootstrap intervals, the gap table (max−min, UserMAD, permutation p) of
// every metric, item-side exposure share against catalog and interaction share by tier, category or
// brand, and counterfactual flip rates. Clicking a group's bar lists its users; double-clicking a
// user asks for their recommendations. Audits run from here; a finished one can be saved into the
// project or exported as an HTML or PDF report.
class FairnessPage : public QWidget {
  Q_OBJECT

 public:
  explicit FairnessPage(AuditService& audit, QWidget* parent = nullptr);
  ~FairnessPage() override;

  AuditRunBar* runBar() const { return m_runBar; }
  QComboBox* attributeBox() const { return m_attribute; }
  QComboBox* metricBox() const { return m_metric; }
  QComboBox* groupingBox() const { return m_grouping; }
  QCustomPlot* groupPlot() const { return m_groupPlot; }
  QCustomPlot* exposurePlot() const { return m_exposurePlot; }
  QTableView* gapTable() const { return m_gapTable; }
  QTableView* flipTable() const { return m_flipTable; }
  QTableView* usersTable() const { return m_usersTable; }
  GroupUsersModel* groupUsers() const { return m_users; }
  // The groups of the bars, left to right (natural order of their names: "19-24" before "100+").
  const std::vector<std::string>& plottedGroups() const { return m_plottedGroups; }
  QPushButton* saveButton() const { return m_save; }
  QPushButton* reportButton() const { return m_report; }
  QPushButton* compareButton() const { return m_compare; }
  // Opens Compare Audit Runs on the project's saved runs (and the audit on screen); null without a
  // project.
  RunComparisonDialog* openComparison();
  QPushButton* whyButton() const { return m_why; }
  // Opens Why This Gap? on the chosen user attribute, metric and item grouping; null without an audit.
  GapDecompositionDialog* openGapDecomposition();

  // Lists the users of bar `index` of the group plot (as clicking it does); false when out of range.
  bool selectGroup(int index);
  // Saves the shown audit into the project as `name`; false with `error` set on failure.
  bool saveRun(const QString& name, QString* error);
  // Writes the shown audit's report to `path`: PDF for a ".pdf" suffix, HTML otherwise.
  bool exportReport(const QString& path, QString* error);

 Q_SIGNALS:
  // The user asked for the recommendations of dataset user row `user`.
  void recommendationsRequested(int user);
  // The shown audit was saved into the project under id `id`.
  void runSaved(qint64 id);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void clear();
  void showOutcome();
  void fillMetrics();
  void drawGroups();
  void drawExposure();
  void onGroupClicked(int index);
  void askAndSave();
  void askAndExport();
  QWidget* buildExportButton();

  AuditService& m_audit;
  AuditRunBar* m_runBar;
  QComboBox* m_attribute;
  QComboBox* m_metric;
  QComboBox* m_grouping;
  QCustomPlot* m_groupPlot;
  QCustomPlot* m_exposurePlot;
  FairnessGapModel* m_gaps;
  FlipRateModel* m_flips;
  GroupUsersModel* m_users;
  QTableView* m_gapTable;
  QTableView* m_flipTable;
  QTableView* m_usersTable;
  QLabel* m_flipNote;
  QLabel* m_usersTitle;
  QPushButton* m_save;
  QPushButton* m_report;
  QPushButton* m_compare;
  QPushButton* m_why;
  std::vector<std::string> m_plottedGroups;
};

}  // namespace reclens
