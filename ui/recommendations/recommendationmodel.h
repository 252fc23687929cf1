#pragma once
#include <QAbstractTableModel>
#include <QStringList>

#include <memory>
#include <vector>

#include "engine/recommendation.h"
#include "services/datasetsnapshot.h"

namespace reclens {

// One top-K list as a table: rank, item id, title, category, brand, price, score, popularity tier
// and the reason line ("Why"), which arrives later from an explanation computed off the GUI thread.
// data() only indexes the list, the snapshot and the reasons.
class RecommendationModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    RankColumn,
    ItemColumn,
    TitleColumn,
    CategoryColumn,
    BrandColumn,
    PriceColumn,
    ScoreColumn,
    TierColumn,
    ReasonColumn,
    ColumnCount
  };
  // The tier column answers this role with the PopularityTier as an int (for the badge delegate).
  static constexpr int kTierRole = Qt::UserRole + 1;

  explicit RecommendationModel(QObject* parent = nullptr);

  // Shows `items` (catalog rows of `snapshot`); an empty list clears the table.
  void setList(std::shared_ptr<const DatasetSnapshot> snapshot, std::vector<Recommendation> items);
  void clear();
  // Sets the reason line of each row; ignored unless `items` are the catalog rows of the list shown,
  // in order (the list may have changed while the reasons were computed).
  void setReasons(const std::vector<std::int32_t>& items, QStringList reasons);
  // The catalog rows of the list shown, in rank order.
  std::vector<std::int32_t> items() const;
  // Catalog row of table row `row`, -1 when out of range.
  std::int32_t itemAt(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  QString fieldValue(int field, std::size_t item) const;

  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::vector<Recommendation> m_items;
  QStringList m_reasons;  // empty, or one per row
  int m_categoryField = -1;
  int m_brandField = -1;
};

}  // namespace reclens
