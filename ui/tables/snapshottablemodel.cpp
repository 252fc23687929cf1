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

void SnapshotTableModel::growSnapshot(std::shared_ptr<const DatasetSnapshot> grown,
                                      const std::vector<int>& changedRows) {
  const int rows = grown ? rowsIn(*grown) : 0;
  if (!m_snapshot || !grown || rows < m_rows || columnsIn(*grown) != m_columns)
    return setSnapshot(std::move(grown));
  const int old = m_rows;
  if (rows > old) {
    beginInsertRows({}, old, rows - 1);
    m_snapshot = std::move(grown);
    m_rows = rows;
    endInsertRows();
  } else {
    m_snapshot = std::move(grown);
  }
  if (old == 0 || m_columns == 0) return;
  // Many changed rows are one signal; a few are one each, so a sorted view re-sorts only those.
  constexpr std::size_t kManyRows = 256;
  if (changedRows.size() > kManyRows) {
    Q_EMIT dataChanged(index(0, 0), index(old - 1, m_columns - 1));
    return;
  }
  for (const int row : changedRows) {
    if (row >= 0 && row < old) Q_EMIT dataChanged(index(row, 0), index(row, m_columns - 1));
  }
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
