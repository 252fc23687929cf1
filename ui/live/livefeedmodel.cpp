#include "live/livefeedmodel.h"

#include <QFont>

#include <algorithm>

#include "widgets/displayformat.h"

namespace reclens {

LiveFeedModel::LiveFeedModel(QObject* parent) : QAbstractTableModel(parent) {}

void LiveFeedModel::add(const LiveUpdate& update) {
  const auto& d = update.snapshot->dataset();
  const auto& log = d.interactions;
  const std::size_t end = log.size();
  // Of a large batch only the newest rows can be shown.
  const std::size_t first = std::max(update.firstRow, end > std::size_t(kMaxRows) ? end - kMaxRows : 0);
  if (first >= end) return;
  std::vector<Row> rows;
  rows.reserve(end - first);
  for (std::size_t r = end; r-- > first;) {
    Row row;
    const auto u = static_cast<std::size_t>(log.user[r]);
    const auto i = static_cast<std::size_t>(log.item[r]);
    row.time = display::time(log.ts[r], d.info.timeUnit);
    row.user = display::text(d.users.ids[u]);
    row.userRow = log.user[r];
    const QString title = i < d.items.titles.size() ? display::text(d.items.titles[i]) : QString();
    row.item = title.isEmpty() ? display::text(d.items.ids[i]) : title;
    row.itemToolTip = tr("Item %1").arg(display::text(d.items.ids[i]));
    const auto k = static_cast<std::size_t>(log.kind[r]);
    row.kind = k < log.kindNames.size() ? display::text(log.kindNames[k]) : QString();
    rows.push_back(std::move(row));
  }
  const int added = static_cast<int>(rows.size());
  beginInsertRows({}, 0, added - 1);
  m_rows.insert(m_rows.begin(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  endInsertRows();
  if (m_rows.size() > std::size_t(kMaxRows)) {
    beginRemoveRows({}, kMaxRows, static_cast<int>(m_rows.size()) - 1);
    m_rows.resize(kMaxRows);
    endRemoveRows();
  }
}

void LiveFeedModel::clear() {
  beginResetModel();
  m_rows.clear();
  endResetModel();
}

void LiveFeedModel::setHighlightedUser(int user) {
  if (user == m_highlightedUser) return;
  m_highlightedUser = user;
  if (!m_rows.empty())
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::FontRole});
}

int LiveFeedModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LiveFeedModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant LiveFeedModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const Row& row = m_rows[static_cast<std::size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case TimeColumn:
          return row.time;
        case UserColumn:
          return row.user;
        case ItemColumn:
          return row.item;
        case KindColumn:
          return row.kind;
        default:
          return {};
      }
    case Qt::ToolTipRole:
      return index.column() == ItemColumn ? row.itemToolTip : QVariant();
    case Qt::FontRole:
      if (row.userRow == m_highlightedUser && m_highlightedUser >= 0) {
        QFont bold;
        bold.setBold(true);
        return bold;
      }
      return {};
    case kUserRowRole:
      return row.userRow;
    default:
      return {};
  }
}

QVariant LiveFeedModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case TimeColumn:
      return tr("Time");
    case UserColumn:
      return tr("User");
    case ItemColumn:
      return tr("Item");
    case KindColumn:
      return tr("Kind");
    default:
      return {};
  }
}

}  // namespace reclens
