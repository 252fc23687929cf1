#include "recommendations/recommendationmodel.h"

#include <QLocale>

#include "tables/itemtablemodel.h"
#include "widgets/displayformat.h"

namespace reclens {

RecommendationModel::RecommendationModel(QObject* parent) : QAbstractTableModel(parent) {}

void RecommendationModel::setList(std::shared_ptr<const DatasetSnapshot> snapshot,
                                  std::vector<Recommendation> items) {
  beginResetModel();
  m_snapshot = std::move(snapshot);
  m_items = m_snapshot ? std::move(items) : std::vector<Recommendation>{};
  m_reasons.clear();
  m_categoryField = m_snapshot ? m_snapshot->dataset().items.fieldIndex("category") : -1;
  m_brandField = m_snapshot ? m_snapshot->dataset().items.fieldIndex("brand") : -1;
  endResetModel();
}

void RecommendationModel::clear() {
  setList(nullptr, {});
}

void RecommendationModel::setReasons(const std::vector<std::int32_t>& items, QStringList reasons) {
  if (items != this->items() || reasons.size() != static_cast<qsizetype>(m_items.size()) || m_items.empty())
    return;
  m_reasons = std::move(reasons);
  Q_EMIT dataChanged(index(0, ReasonColumn), index(rowCount() - 1, ReasonColumn));
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

QVariant RecommendationModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const auto& rec = m_items[static_cast<std::size_t>(index.row())];
  const auto item = static_cast<std::size_t>(rec.item);
  const auto& catalog = m_snapshot->dataset().items;
  if (item >= catalog.size()) return {};
  if (role == Qt::TextAlignmentRole) {
    const bool numeric =
        index.column() == RankColumn || index.column() == PriceColumn || index.column() == ScoreColumn;
    return QVariant::fromValue(Qt::AlignVCenter | (numeric ? Qt::AlignRight : Qt::AlignLeft));
  }
  if (role == kTierRole && index.column() == TierColumn) return static_cast<int>(m_snapshot->itemTier(item));
  if (role == Qt::ToolTipRole && index.column() == TierColumn) return ItemTableModel::tierRule();
  if (role == Qt::ToolTipRole && index.column() == TitleColumn) return display::text(catalog.titles[item]);
  if ((role == Qt::ToolTipRole || role == Qt::DisplayRole) && index.column() == ReasonColumn)
    return m_reasons.value(index.row());
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
    case TierColumn:
      return ItemTableModel::tierName(m_snapshot->itemTier(item));
    default:
      return {};
  }
}

QVariant RecommendationModel::headerData(int section, Qt::Orientation orientation, int role) const {
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
    case TierColumn:
      return tr("Popularity");
    case ReasonColumn:
      return tr("Why");
    default:
      return {};
  }
}

}  // namespace reclens
