#include "whatif/whatiflistmodel.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

#include <unordered_map>

#include "tables/itemtablemodel.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
const QColor kUp(0x1b, 0x7f, 0x3b);
const QColor kDown(0xb0, 0x3a, 0x2e);
const QColor kNew(0x1f, 0x5f, 0xbf);
}  // namespace

WhatIfListModel::WhatIfListModel(QObject* parent) : QAbstractTableModel(parent) {}

void WhatIfListModel::setResult(std::shared_ptr<const DatasetSnapshot> snapshot, const WhatIfResult& result) {
  beginResetModel();
  m_snapshot = std::move(snapshot);
  m_changes = m_snapshot ? result.comparison.changes : std::vector<RankChange>{};
  std::unordered_map<std::int32_t, float> score;
  for (const auto& r : result.baseline) score[r.item] = r.score;
  for (const auto& r : result.list) score[r.item] = r.score;
  m_scores.clear();
  for (const auto& c : m_changes) m_scores.push_back(score[c.item]);
  m_categoryField = m_snapshot ? m_snapshot->dataset().items.fieldIndex("category") : -1;
  m_brandField = m_snapshot ? m_snapshot->dataset().items.fieldIndex("brand") : -1;
  endResetModel();
}

void WhatIfListModel::clear() {
  setResult(nullptr, {});
}

std::int32_t WhatIfListModel::itemAt(int row) const {
  return row >= 0 && row < rowCount() ? m_changes[static_cast<std::size_t>(row)].item : -1;
}

QString WhatIfListModel::changeText(const RankChange& change) {
  switch (change.kind) {
    case RankChangeKind::New:
      return tr("new");
    case RankChangeKind::Dropped:
      return tr("dropped");
    case RankChangeKind::Same:
      return QStringLiteral("=");
    case RankChangeKind::Moved:
      return change.after < change.before ? QStringLiteral("↑%1").arg(change.before - change.after)
                                          : QStringLiteral("↓%1").arg(change.after - change.before);
  }
  return {};
}

int WhatIfListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_changes.size());
}

int WhatIfListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString WhatIfListModel::fieldValue(int field, std::size_t item) const {
  if (field < 0) return {};
  return display::text(m_snapshot->dataset().items.fields[static_cast<std::size_t>(field)].valueAt(item));
}

QVariant WhatIfListModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const auto& c = m_changes[static_cast<std::size_t>(index.row())];
  const auto item = static_cast<std::size_t>(c.item);
  const bool dropped = c.kind == RankChangeKind::Dropped;
  const auto& catalog = m_snapshot->dataset().items;
  switch (role) {
    case kItemRole:
      return c.item;
    case kTierRole:
      return index.column() == TierColumn ? QVariant(static_cast<int>(m_snapshot->itemTier(item)))
                                          : QVariant();
    case Qt::TextAlignmentRole: {
      const bool numeric = index.column() == RankColumn || index.column() == ScoreColumn;
      const bool centred = index.column() == ChangeColumn;
      return QVariant::fromValue(Qt::AlignVCenter |
                                 (numeric ? Qt::AlignRight : (centred ? Qt::AlignHCenter : Qt::AlignLeft)));
    }
    case Qt::ForegroundRole:
      if (dropped) return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
      if (index.column() != ChangeColumn) return {};
      if (c.kind == RankChangeKind::New) return QBrush(kNew);
      if (c.kind == RankChangeKind::Moved) return QBrush(c.after < c.before ? kUp : kDown);
      return {};
    case Qt::FontRole: {
      QFont font;
      font.setStrikeOut(dropped && index.column() == TitleColumn);
      font.setBold(index.column() == ChangeColumn && c.kind != RankChangeKind::Same);
      return font;
    }
    case Qt::ToolTipRole:
      if (index.column() == ChangeColumn) {
        if (c.kind == RankChangeKind::New) return tr("Not in the baseline list");
        if (dropped) return tr("Rank %1 in the baseline; not in this list").arg(c.before);
        return tr("Rank %1 in the baseline, %2 now").arg(c.before).arg(c.after);
      }
      if (index.column() == TierColumn) return ItemTableModel::tierRule();
      return display::itemName(catalog, item);
    case Qt::DisplayRole:
      break;
    default:
      return {};
  }
  switch (index.column()) {
    case RankColumn:
      return dropped ? QVariant(QStringLiteral("—")) : QVariant(c.after);
    case ChangeColumn:
      return changeText(c);
    case TitleColumn:
      return display::itemName(catalog, item);
    case CategoryColumn:
      return fieldValue(m_categoryField, item);
    case BrandColumn:
      return fieldValue(m_brandField, item);
    case ScoreColumn:
      return QString::number(static_cast<double>(m_scores[static_cast<std::size_t>(index.row())]), 'f', 3);
    case TierColumn:
      return ItemTableModel::tierName(m_snapshot->itemTier(item));
    default:
      return {};
  }
}

QVariant WhatIfListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case RankColumn:
      return tr("Rank");
    case ChangeColumn:
      return tr("Change");
    case TitleColumn:
      return tr("Title");
    case CategoryColumn:
      return tr("Category");
    case BrandColumn:
      return tr("Brand");
    case ScoreColumn:
      return tr("Score");
    case TierColumn:
      return tr("Popularity");
    default:
      return {};
  }
}

}  // namespace reclens
