#pragma once
#include <QAbstractTableModel>

#include <memory>
#include <vector>

#include "engine/whatif.h"
#include "services/datasetsnapshot.h"

namespace reclens {

// A what-if list against its baseline as a table: the edited list in rank order, each with its rank
// change (new, ↑n, ↓n, same), then the items that dropped out, greyed. data() only indexes the
// comparison and the snapshot.
class WhatIfListModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    RankColumn,
    ChangeColumn,
    TitleColumn,
    CategoryColumn,
    BrandColumn,
    ScoreColumn,
    TierColumn,
    ColumnCount
  };
  // The tier column answers this role with the PopularityTier as an int (for the badge delegate).
  static constexpr int kTierRole = Qt::UserRole + 1;
  // Any column answers this role with the catalog row.
  static constexpr int kItemRole = Qt::UserRole + 2;

  explicit WhatIfListModel(QObject* parent = nullptr);

  // Shows `result` (the edited list and its comparison with the baseline) of `snapshot`'s catalog.
  void setResult(std::shared_ptr<const DatasetSnapshot> snapshot, const WhatIfResult& result);
  void clear();

  // Catalog row of table row `row`, -1 when out of range.
  std::int32_t itemAt(int row) const;
  const RankChange& change(int row) const { return m_changes[static_cast<std::size_t>(row)]; }
  // The text of the change column for `change`: "new", "dropped", "↑3", "↓2" or "=".
  static QString changeText(const RankChange& change);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  QString fieldValue(int field, std::size_t item) const;

  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::vector<RankChange> m_changes;
  std::vector<float>
      m_scores;  // per change: the score in the edited list (or the baseline for dropped items)
  int m_categoryField = -1;
  int m_brandField = -1;
};

}  // namespace reclens
