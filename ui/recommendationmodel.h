#pragma once
#include <QAbstractTableModel>

#include <memory>
#include <vector>

#include "datasetsnapshot.h"
#include "engine/recommendation.h"

namespace reclens {

// One top-K list as a table: rank, item id, title, category, brand, price, score and popularity
// tier. data() only indexes the list and the snapshot.
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
    ColumnCount
  };
  // The tier column answers this role with the PopularityTier as an int (for the badge delegate).
  static constexpr int kTierRole = Qt::UserRole + 1;

  explicit RecommendationModel(QObject* parent = nullptr);

  // Shows `items` (catalog rows of `snapshot`); an empty list clears the table.
  void setList(std::shared_ptr<const DatasetSnapshot> snapshot, std::vector<Recommendation> items);
  void clear();
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
  int m_categoryField = -1;
  int m_brandField = -1;
};

}  // namespace reclens
