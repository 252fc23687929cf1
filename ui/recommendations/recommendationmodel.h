#pragma once
#include <QAbstractTableModel>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

#include "engine/recommendation.h"
#include "explain/background.h"
#include "services/datasetsnapshot.h"

namespace reclens {

// One top-K list as a table: rank, item id, title, category, brand, price, score, the common and
// personal parts of the score, popularity tier and the reason line ("Why"). The parts and the reason
// arrive later from an explanation computed off the GUI thread. data() only indexes the list, the
// snapshot, the parts and the reasons; kSortRole gives numbers for the numeric columns.
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
    CommonColumn,
    PersonalColumn,
    TierColumn,
    ReasonColumn,
    ColumnCount
  };
  // The tier column answers this role with the PopularityTier as an int (for the badge delegate).
  static constexpr int kTierRole = Qt::UserRole + 1;
  // What a sorting proxy compares: numbers for rank, price, score and its parts (none while a part is
  // not known), the text otherwise.
  static constexpr int kSortRole = Qt::UserRole + 2;

  explicit RecommendationModel(QObject* parent = nullptr);

  // How a row differs from the list shown before it, when setList was asked to mark changes.
  enum class Change { None, New };
  // How long the marks of a new list stay.
  static constexpr int kMarkMs = 2500;

  // Shows `items` (catalog rows of `snapshot`); an empty list clears the table. With `markChanges`,
  // rows new to the list get a background colour for kMarkMs.
  void setList(std::shared_ptr<const DatasetSnapshot> snapshot, std::vector<Recommendation> items,
               bool markChanges = false);
  // The mark of table row `row` (None once the marks have faded).
  Change changeAt(int row) const;
  void clear();
  // Sets the reason line of each row; ignored unless `items` are the catalog rows of the list shown,
  // in order (the list may have changed while the reasons were computed).
  // `tooltips`, when given, has one per row too.
  void setReasons(const std::vector<std::int32_t>& items, QStringList reasons, QStringList tooltips = {});
  // Sets the common and personal parts of each row's score, under the same rule as setReasons.
  void setSplits(const std::vector<std::int32_t>& items, std::vector<ScoreSplit> splits);
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
  QVariant sortValue(int row, int column) const;
  QVariant toolTip(int row, int column) const;

  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::vector<Recommendation> m_items;
  std::vector<Change> m_changes;  // empty, or one per row
  QTimer* m_fade;
  QStringList m_reasons;             // empty, or one per row
  QStringList m_tooltips;            // empty, or one per row
  std::vector<ScoreSplit> m_splits;  // empty, or one per row
  int m_categoryField = -1;
  int m_brandField = -1;
};

}  // namespace reclens
