#pragma once
#include <QAbstractTableModel>

#include "audit/audit.h"

namespace reclens {

// The fairness gaps of one user attribute, one row per metric: groups, max−min gap of the group
// means, mean absolute pairwise gap (UserMAD) and the permutation-test p-value of the max−min gap.
// EditRole gives the raw numbers (for CSV export); DisplayRole formatted text.
class FairnessGapModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { MetricColumn, GroupsColumn, GapColumn, MadColumn, PValueColumn, ColumnCount };

  explicit FairnessGapModel(QObject* parent = nullptr);

  // Shows `attribute` (audited @k); an empty attribute clears the table.
  void setAttribute(AttributeFairness attribute, int k);
  void clear();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  AttributeFairness m_attribute;
  int m_k = 0;
};

}  // namespace reclens
