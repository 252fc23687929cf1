#include "itemview/itemviewlistmodel.h"

#include <QLocale>

namespace reclens {

ItemViewListModel::ItemViewListModel(QStringList columns, QObject* parent)
    : QAbstractTableModel(parent), m_columns(std::move(columns)) {}

void ItemViewListModel::setRows(std::vector<Row> rows) {
  beginResetModel();
  m_rows = std::move(rows);
  endResetModel();
}

std::int32_t ItemViewListModel::keyAt(int row) const {
  return row >= 0 && row < rowCount() ? m_rows[static_cast<std::size_t>(row)].key : -1;
}

int ItemViewListModel::rowOfKey(std::int32_t key) const {
  for (std::size_t r = 0; r < m_rows.size(); ++r) {
    if (m_rows[r].key == key) return static_cast<int>(r);
  }
  return -1;
}

int ItemViewListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ItemViewListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant ItemViewListModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const auto& row = m_rows[static_cast<std::size_t>(index.row())];
  const QVariant value = index.column() < row.values.size() ? row.values[index.column()] : QVariant();
  const bool numeric = value.typeId() != QMetaType::QString && value.isValid();
  switch (role) {
    case Qt::DisplayRole:
      if (value.typeId() == QMetaType::Double) return QLocale().toString(value.toDouble(), 'f', 3);
      if (numeric) return QLocale().toString(value.toLongLong());
      return value;
    case Qt::EditRole:
      return value;
    case Qt::TextAlignmentRole:
      return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
      return row.toolTip.isEmpty() ? QVariant() : QVariant(row.toolTip);
    case kKeyRole:
      return row.key;
    default:
      return {};
  }
}

QVariant ItemViewListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= m_columns.size())
    return {};
  return m_columns[section];
}

}  // namespace reclens
