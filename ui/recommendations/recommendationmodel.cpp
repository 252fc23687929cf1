#include "recommendations/recommendationmodel.h"

#include <QColor>
#include <QLocale>

#include <cmath>
#include <unordered_set>

#include "tables/itemtablemodel.h"
#include "widgets/displayformat.h"

namespace reclens {

RecommendationModel::RecommendationModel(QObject* parent)
    : QAbstractTableModel(parent), m_fade(new QTimer(this)) {
  m_fade->setSingleShot(true);
  m_fade->setInterval(kMarkMs);
  connect(m_fade, &QTimer::timeout, this, [this] {
    if (m_changes.empty()) return;
    m_changes.clear();
    if (!m_items.empty())
      Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::BackgroundRole});
  });
}

void RecommendationModel::setList(std::shared_ptr<const DatasetSnapshot> snapshot,
                                  std::vector<Recommendation> items, bool markChanges) {
  std::vector<Change> changes;
  if (markChanges && snapshot) {
    std::unordered_set<std::int32_t> before;
    for (const auto& r : m_items) before.insert(r.item);
    changes.reserve(items.size());
    for (const auto& r : items) changes.push_back(before.count(r.item) > 0 ? Change::None : Change::New);
  }
  beginResetModel();
  m_changes = std::move(changes);
  m_snapshot = std::move(snapshot);
  m_items = m_snapshot ? std::move(items) : std::vector<Recommendation>{};
  m_reasons.clear();
  m_tooltips.clear();
  m_splits.clear();
  m_categoryField = m_snapshot ? m_snapshot->dataset().items.fieldIndex("category") : -1;
  m_brandField = m_snapshot ? m_snapshot->dataset().items.fieldIndex("brand") : -1;
  endResetModel();
  if (!m_changes.empty()) m_fade->start();
}

RecommendationModel::Change RecommendationModel::changeAt(int row) const {
  return row >= 0 && static_cast<std::size_t>(row) < m_changes.size()
             ? m_changes[static_cast<std::size_t>(row)]
             : Change::None;
}

void RecommendationModel::clear() {
  setList(nullptr, {});
}

void RecommendationModel::setReasons(const std::vector<std::int32_t>& items, QStringList reasons,
                                     QStringList tooltips) {
  const auto rows = static_cast<qsizetype>(m_items.size());
  if (items != this->items() || reasons.size() != rows || m_items.empty()) return;
  if (!tooltips.isEmpty() && tooltips.size() != rows) return;
  m_reasons = std::move(reasons);
  m_tooltips = std::move(tooltips);
  Q_EMIT dataChanged(index(0, ReasonColumn), index(rowCount() - 1, ReasonColumn));
}

void RecommendationModel::setSplits(const std::vector<std::int32_t>& items, std::vector<ScoreSplit> splits) {
  if (items != this->items() || splits.size() != m_items.size() || m_items.empty()) return;
  m_splits = std::move(splits);
  Q_EMIT dataChanged(index(0, CommonColumn), index(rowCount() - 1, PersonalColumn));
}

std::vector<std::int32_t> RecommendationModel::items() const {
  std::vector<std::int32_t> out;
  out.reserve(m_items.size());
  for (const auto& r : m_items) out.push_back(r.item);
  return out;
}

std::int32_t RecommendationModel::itemAt(int row) const {
  return row >= 0 && row < rowCount() ? m_items[static_cast<std::size_t>(row)].item : -1;
}

int RecommendationModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

int RecommendationModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString RecommendationModel::fieldValue(int field, std::size_t item) const {
  if (field < 0) return {};
  return display::text(m_snapshot->dataset().items.fields[static_cast<std::size_t>(field)].valueAt(item));
}

QVariant RecommendationModel::sortValue(int row, int column) const {
  const auto& rec = m_items[static_cast<std::size_t>(row)];
  switch (column) {
    case RankColumn:
      return rec.rank;
    case PriceColumn: {
      const double price = m_snapshot->dataset().items.prices[static_cast<std::size_t>(rec.item)];
      return std::isfinite(price) ? QVariant(price) : QVariant();
    }
    case ScoreColumn:
      return static_cast<double>(rec.score);
    case CommonColumn:
    case PersonalColumn:
      if (m_splits.empty()) return {};
      return column == CommonColumn ? m_splits[static_cast<std::size_t>(row)].common
                                    : m_splits[static_cast<std::size_t>(row)].personal;
    default:
      return data(index(row, column), Qt::DisplayRole);
  }
}

QVariant RecommendationModel::toolTip(int row, int column) const {
  const auto item = static_cast<std::size_t>(m_items[static_cast<std::size_t>(row)].item);
  switch (column) {
    case TierColumn:
      return ItemTableModel::tierRule();
    case TitleColumn:
      return display::text(m_snapshot->dataset().items.titles[item]);
    case ReasonColumn:
      return m_tooltips.isEmpty() ? m_reasons.value(row) : m_tooltips.value(row);
    case CommonColumn:
    case PersonalColumn: {
      if (m_splits.empty()) return {};
      const auto& split = m_splits[static_cast<std::size_t>(row)];
      const QLocale locale;
      return tr("Score %1 = common part %2 (what the average user gets for this item) + personal part %3 "
                "(what this user's own vector adds)")
          .arg(locale.toString(split.score, 'f', 4), locale.toString(split.common, 'f', 4),
               locale.toString(split.personal, 'f', 4));
    }
    default:
      return {};
  }
}

QVariant RecommendationModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const auto& rec = m_items[static_cast<std::size_t>(index.row())];
  const auto item = static_cast<std::size_t>(rec.item);
  const auto& catalog = m_snapshot->dataset().items;
  if (item >= catalog.size()) return {};
  if (role == Qt::TextAlignmentRole) {
    const bool numeric = index.column() == RankColumn || index.column() == PriceColumn ||
                         index.column() == ScoreColumn || index.column() == CommonColumn ||
                         index.column() == PersonalColumn;
    return QVariant::fromValue(Qt::AlignVCenter | (numeric ? Qt::AlignRight : Qt::AlignLeft));
  }
  if (role == kTierRole && index.column() == TierColumn) return static_cast<int>(m_snapshot->itemTier(item));
  if (role == kSortRole) return sortValue(index.row(), index.column());
  if (role == Qt::BackgroundRole) {
    if (changeAt(index.row()) == Change::New) return QColor(255, 236, 179);  // amber: new to the list
    return {};
  }
  if (role == Qt::ToolTipRole) return toolTip(index.row(), index.column());
  if (role == Qt::DisplayRole && index.column() == ReasonColumn) return m_reasons.value(index.row());
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case RankColumn:
      return rec.rank;
    case ItemColumn:
      return display::text(catalog.ids[item]);
    case TitleColumn:
      return display::text(catalog.titles[item]);
    case CategoryColumn:
      return fieldValue(m_categoryField, item);
    case BrandColumn:
      return fieldValue(m_brandField, item);
    case PriceColumn:
      return display::price(catalog.prices[item]);
    case ScoreColumn:
      return QLocale().toString(static_cast<double>(rec.score), 'f', 4);
    case CommonColumn:
    case PersonalColumn:
      if (m_splits.empty()) return {};
      return QLocale().toString(index.column() == CommonColumn
                                    ? m_splits[static_cast<std::size_t>(index.row())].common
                                    : m_splits[static_cast<std::size_t>(index.row())].personal,
                                'f', 4);
    case TierColumn:
      return ItemTableModel::tierName(m_snapshot->itemTier(item));
    default:
      return {};
  }
}

QVariant RecommendationModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
    switch (section) {
      case CommonColumn:
        return tr(
            "The common part of the score: what the average user of the project gets for this item "
            "(mostly popularity). Click to sort.");
      case PersonalColumn:
        return tr(
            "The personal part of the score: what this user's own vector adds to or takes from the "
            "common part. Sort by it to see what is recommended to this user in particular.");
      case ReasonColumn:
        return tr(
            "What raises this user's personal part of the score most (the score against the average user's); "
            "when one item rests on history items the other recommendations do not, those are named instead");
      default:
        return {};
    }
  }
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case RankColumn:
      return tr("Rank");
    case ItemColumn:
      return tr("Item");
    case TitleColumn:
      return tr("Title");
    case CategoryColumn:
      return tr("Category");
    case BrandColumn:
      return tr("Brand");
    case PriceColumn:
      return tr("Price");
    case ScoreColumn:
      return tr("Score");
    case CommonColumn:
      return tr("Common");
    case PersonalColumn:
      return tr("Personal");
    case TierColumn:
      return tr("Popularity");
    case ReasonColumn:
      return tr("Why");
    default:
      return {};
  }
}

}  // namespace reclens
