#pragma once
#include <QAbstractTableModel>
#include <QStringList>
#include <QVariant>

#include <cstdint>
#include <vector>

namespace reclens {

// A small read-only table of the Item view (search hits, similar items, bought-together items, users
// who get an item): fixed column titles and rows of ready-made values, each row keyed by the catalog
// or user row it stands for. Numbers are right-aligned and sort by value (Qt::EditRole).
class ItemViewListModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  // The row key (catalog row or user row) of every cell, as an int.
  static constexpr int kKeyRole = Qt::UserRole + 1;

  struct Row {
    std::int32_t key = -1;
    QVariantList values;  // one per column: QString, or a number (int, qint64, double)
    QString toolTip;      // shown on every cell of the row; may be empty
  };

  ItemViewListModel(QStringList columns, QObject* parent = nullptr);

  // Replaces every row (a model reset).
  void setRows(std::vector<Row> rows);
  void clear() { setRows({}); }
  // Key of row `row`, -1 when out of range.
  std::int32_t keyAt(int row) const;
  // The row whose key is `key`, -1 when none.
  int rowOfKey(std::int32_t key) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  QStringList m_columns;
  std::vector<Row> m_rows;
};

}  // namespace reclens
