#pragma once
#include <QAbstractTableModel>
#include <QDialog>
#include <QFutureWatcher>
#include <QSortFilterProxyModel>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit/auditrun.h"
#include "audit/runcomparison.h"
#include "common/result.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace reclens {

// The rows of a RunComparison: metric, A, B, B − A, the paired 95% interval and its users; rows that
// changed significantly are bold and marked ▲/▼.
class RunComparisonModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Section, Metric, A, B, Difference, Interval, Users, ColumnCount };
  explicit RunComparisonModel(QObject* parent = nullptr);

  void setComparison(RunComparison comparison);
  const RunComparison& comparison() const { return m_comparison; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  static constexpr int kSignificantRole = Qt::UserRole + 1;
  // The translated title of a RunComparisonRow::section.
  static QString sectionTitle(const std::string& section);

 private:
  RunComparison m_comparison;
};

// Keeps the rows whose metric contains the filter text, and with "significant only" the rows whose
// paired interval excludes 0.
class RunComparisonFilter : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  void setText(const QString& text);
  void setSignificantOnly(bool on);

 protected:
  bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

 private:
  QString m_text;
  bool m_significantOnly = false;
};

// Compare Audit Runs (Fairness page): two of the project's saved runs, or a saved run and the audit
// on screen, side by side with B − A, paired bootstrap intervals over the users audited in both and
// "changed significantly" markers; loaded and compared off the GUI thread; exported as an HTML report.
class RunComparisonDialog : public QDialog {
  Q_OBJECT

 public:
  // `projectPath`: the project whose saved runs are listed; `current`: the audit on screen (may be
  // null), offered as "the current audit (not saved)".
  RunComparisonDialog(const std::string& projectPath, std::shared_ptr<const AuditRun> current,
                      QWidget* parent = nullptr);
  ~RunComparisonDialog() override;

  QComboBox* runABox() const { return m_runA; }
  QComboBox* runBBox() const { return m_runB; }
  QTableView* table() const { return m_table; }
  RunComparisonModel* model() const { return m_model; }
  QLabel* notesLabel() const { return m_notes; }
  QLineEdit* filterEdit() const { return m_filter; }
  QCheckBox* significantOnlyBox() const { return m_significantOnly; }
  RunComparisonFilter* filterModel() const { return m_proxy; }
  // Chooses the saved runs named (or with the ids) `a` and `b`; false, choosing nothing, when either is
  // not in the project.
  bool selectRuns(const QString& a, const QString& b);
  // Writes the comparison shown as an HTML report; false with `error` set on failure.
  bool exportReport(const QString& path, QString* error);

 Q_SIGNALS:
  // A comparison was computed and is shown (or its error is).
  void comparisonShown();

 private:
  struct Outcome {
    std::shared_ptr<const AuditRun> a;
    std::shared_ptr<const AuditRun> b;
    RunComparison comparison;
  };
  void listRuns();
  void compare();
  void showOutcome();
  void askAndExport();

  std::string m_projectPath;
  std::shared_ptr<const AuditRun> m_current;
  QComboBox* m_runA;
  QComboBox* m_runB;
  QLineEdit* m_filter;
  QCheckBox* m_significantOnly;
  QLabel* m_notes;
  QTableView* m_table;
  QPushButton* m_export;
  RunComparisonModel* m_model;
  RunComparisonFilter* m_proxy;
  QFutureWatcher<Result<Outcome>> m_watcher;
  std::optional<Outcome> m_shown;
  bool m_again = false;  // the choice changed while a comparison ran
  QString m_listError;   // why the project's saved runs could not be listed (empty: they were)
};

}  // namespace reclens
