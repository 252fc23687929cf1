#include "tables/itemtablemodel.h"

#include <QBrush>
#include <QColor>

#include <cmath>
#include <limits>

#include "widgets/displayformat.h"

namespace reclens {

ItemTableModel::ItemTableModel(QObject* parent) : SnapshotTableModel(parent) {}

QString ItemTableModel::tierName(PopularityTier tier) {
  switch (tier) {
    case PopularityTier::Head:
      return tr("Head");
    case PopularityTier::Mid:
      return tr("Mid");
    case PopularityTier::Tail:
      return tr("Tail");
  }
  return {};
}

QString ItemTableModel::tierRule() {
  return tr(
      "Popularity tier. Head: the most popular items that together hold 80% of all interactions "
      "(the short head). Mid: the next items, up to 95% of all interactions. Tail: all other items, "
      "including items nobody interacted with. Mid and tail together are the long tail.");
}

int ItemTableModel::fieldCount() const {
  return snapshot() ? static_cast<int>(snapshot()->dataset().items.fields.size()) : 0;
}

int ItemTableModel::priceColumn() const {
  return 2 + fieldCount();
}

int ItemTableModel::fieldOf(int column) const {
  const int field = column - 2;
  return field >= 0 && field < fieldCount() ? field : -1;
}

int ItemTableModel::rowsIn(const DatasetSnapshot& snapshot) const {
  return static_cast<int>(snapshot.itemCount());
}

int ItemTableModel::columnsIn(const DatasetSnapshot& snapshot) const {
  return 6 + static_cast<int>(snapshot.dataset().items.fields.size());
}

QVariant ItemTableModel::display(int row, int column) const {
  const auto& s = *snapshot();
  const auto& items = s.dataset().items;
  const auto r = static_cast<std::size_t>(row);
  if (column == kIdColumn) return display::text(items.ids[r]);
  if (column == kTitleColumn) return display::text(items.titles[r]);
  if (const int field = fieldOf(column); field >= 0) {
    return display::text(items.fields[static_cast<std::size_t>(field)].valueAt(r));
  }
  if (column == priceColumn()) return display::price(items.prices[r]);
  if (column == interactionsColumn()) return display::count(s.itemInteractions(r));
  if (column == firstSeenColumn()) return display::time(s.itemFirstSeen(r), s.dataset().info.timeUnit);
  if (column == tierColumn()) return tierName(s.itemTier(r));
  return {};
}

double ItemTableModel::sortKey(int row, int column) const {
  const auto& s = *snapshot();
  const auto r = static_cast<std::size_t>(row);
  if (column == kIdColumn) return s.itemIdRank(r);
  if (column == kTitleColumn) return s.itemTitleRank(r);
  if (const int field = fieldOf(column); field >= 0) {
    const auto f = static_cast<std::size_t>(field);
    return s.itemValueRank(f, s.dataset().items.fields[f].codeAt(r));
  }
  if (column == priceColumn()) {
    const double p = s.dataset().items.prices[r];
    return std::isnan(p) ? -std::numeric_limits<double>::infinity() : p;  // unknown prices sort first
  }
  if (column == interactionsColumn()) return static_cast<double>(s.itemInteractions(r));
  if (column == firstSeenColumn()) return static_cast<double>(s.itemFirstSeen(r));
  if (column == tierColumn()) return static_cast<double>(s.itemTier(r));
  return 0.0;
}

bool ItemTableModel::matchesText(int row, std::string_view lowerNeedle) const {
  const auto& items = snapshot()->dataset().items;
  const auto r = static_cast<std::size_t>(row);
  return DatasetSnapshot::containsIgnoringCase(items.ids[r], lowerNeedle) ||
         DatasetSnapshot::containsIgnoringCase(items.titles[r], lowerNeedle);
}

int ItemTableModel::valueCode(int row, int column) const {
  const auto r = static_cast<std::size_t>(row);
  if (column == tierColumn()) return static_cast<int>(snapshot()->itemTier(r));
  const int field = fieldOf(column);
  if (field < 0) return -1;
  return snapshot()->dataset().items.fields[static_cast<std::size_t>(field)].codeAt(r);
}

QString ItemTableModel::columnTitle(int column) const {
  if (column == kIdColumn) return tr("Item");
  if (column == kTitleColumn) return tr("Title");
  if (const int field = fieldOf(column); field >= 0) {
    const auto& name = snapshot()->dataset().items.fields[static_cast<std::size_t>(field)].name();
    if (name == "category") return tr("Category");
    if (name == "brand") return tr("Brand");
    return display::text(name);
  }
  if (column == priceColumn()) return tr("Price");
  if (column == interactionsColumn()) return tr("Interactions");
  if (column == firstSeenColumn()) return tr("First seen");
  if (column == tierColumn()) return tr("Tier");
  return {};
}

QString ItemTableModel::columnToolTip(int column) const {
  if (column == kIdColumn) return tr("The item's id in the source data");
  if (column == kTitleColumn) return tr("The item's title in the catalog");
  if (fieldOf(column) >= 0) return tr("Item attribute \"%1\" as imported").arg(columnTitle(column));
  if (column == priceColumn()) return tr("Unit price as imported; empty when unknown");
  if (column == interactionsColumn()) return tr("Number of interactions with the item (its popularity)");
  if (column == firstSeenColumn()) {
    return tr(
        "When the item appeared: the catalog's date, or its first interaction when the catalog has none "
        "(UTC)");
  }
  if (column == tierColumn()) return tierRule();
  return {};
}

bool ItemTableModel::isNumeric(int column) const {
  return column == priceColumn() || column == interactionsColumn();
}

QVariant ItemTableModel::extraData(int row, int column, int role) const {
  if (column != tierColumn() || role != Qt::ForegroundRole) return {};
  switch (snapshot()->itemTier(static_cast<std::size_t>(row))) {
    case PopularityTier::Head:
      return QBrush(QColor(0xb0, 0x4a, 0x12));
    case PopularityTier::Mid:
      return QBrush(QColor(0x6b, 0x5b, 0x00));
    case PopularityTier::Tail:
      return QBrush(QColor(0x1f, 0x5f, 0x9e));
  }
  return {};
}

}  // namespace reclens
