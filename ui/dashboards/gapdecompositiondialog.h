#pragma once
#include <QDialog>
#include <QFutureWatcher>

#include <memory>
#include <optional>
#include <string>

#include "audit/gapdecomposition.h"
#include "common/result.h"
#include "services/auditoutcome.h"

class QComboBox;
class QLabel;
class QTableWidget;

namespace reclens {

// Why This Gap? (Fairness page): the gap of one metric between two groups of a user attribute split
// over the groups of an item grouping (core/audit/gapdecomposition.h): for each category, brand or tier,
// what the high and the low group earn from its items, the difference and its share of the gap.
// Computed off the GUI thread whenever a choice changes.
class GapDecompositionDialog : public QDialog {
  Q_OBJECT

 public:
  // `attribute`: a user grouping of the audit; `metric` and `grouping` are preselected when offered.
  GapDecompositionDialog(std::shared_ptr<const AuditOutcome> outcome, const std::string& attribute,
                         const std::string& metric, const std::string& grouping, QWidget* parent = nullptr);
  ~GapDecompositionDialog() override;

  QComboBox* metricBox() const { return m_metric; }
  QComboBox* groupingBox() const { return m_grouping; }
  QComboBox* highBox() const { return m_high; }
  QComboBox* lowBox() const { return m_low; }
  QLabel* summaryLabel() const { return m_summary; }
  QTableWidget* table() const { return m_table; }
  // The decomposition shown, if any.
  const std::optional<GapDecomposition>& decomposition() const { return m_shown; }

 Q_SIGNALS:
  void decompositionShown();

 private:
  void compute();
  void showDecomposition(Result<GapDecomposition> result);

  std::shared_ptr<const AuditOutcome> m_outcome;
  std::string m_attribute;
  QComboBox* m_metric;
  QComboBox* m_grouping;
  QComboBox* m_high;
  QComboBox* m_low;
  QLabel* m_summary;
  QTableWidget* m_table;
  QFutureWatcher<Result<GapDecomposition>> m_watcher;
  std::optional<GapDecomposition> m_shown;
  bool m_again = false;
};

}  // namespace reclens
