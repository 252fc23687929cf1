#include "tables/snapshottablemodel.h"

namespace reclens {

SnapshotTableModel::SnapshotTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void SnapshotTableModel::setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot) {
  beginResetModel();
  m_snapshot = std::move(snapshot);
  m_rows = m_snapshot ? rowsIn(*m_snapshot) : 0;
  m_columns = m_snapshot ? columnsIn(*m_snapshot) : 0;
  endResetModel();
}

int SnapshotTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : m_rows;
}

int SnapshotTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : m_columns;
}

QVariant SnapshotTableModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const int row = index.row();
  const int column = index.column();
  switch (role) {
    case Qt::DisplayRole:
      return display(row, column);
    case SortKeyRole:
      return sortKey(row, column);
    case ValueCodeRole:
      return valueCode(row, column);
    case Qt::TextAlignmentRole:
      return isNumeric(column) ? int(Qt::AlignRight | Qt::AlignVCenter)
                               : int(Qt::AlignLeft | Qt::AlignVCenter);
    default:
      return extraData(row, column, role);
  }
}

QVariant SnapshotTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || section < 0 || section >= m_columns) {
    return QAbstractTableModel::headerData(section, orientation, role);
  }
  if (role == Qt::DisplayRole) return columnTitle(section);
  if (role == Qt::ToolTipRole) return columnToolTip(section);
  return {};
}

QVariant SnapshotTableModel::extraData(int, int, int) const {
  return {};
}

}  // namespace reclens
