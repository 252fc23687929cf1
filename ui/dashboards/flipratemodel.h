#pragma once
#include <QAbstractTableModel>

#include <vector>

#include "audit/audit.h"

namespace reclens {

// Counterfactual flips, one row per attribute: users audited, the share whose top-K changes when
// the attribute is set to another value, and the mean Jaccard overlap of the original and flipped
// lists. EditRole gives the raw numbers.
class FlipRateModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { AttributeColumn, UsersColumn, RateColumn, JaccardColumn, ColumnCount };

  explicit FlipRateModel(QObject* parent = nullptr);

  void setFlips(std::vector<FlipRate> flips);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  std::vector<FlipRate> m_flips;
};

}  // namespace reclens
