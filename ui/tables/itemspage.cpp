#include "tables/itemspage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QTableView>

#include "tables/itemtablemodel.h"
#include "tables/snapshotfilterproxymodel.h"
#include "widgets/displayformat.h"

namespace reclens {

ItemsPage::ItemsPage(QWidget* parent)
    : TablePage(new ItemTableModel, tr("Filter items by id or title…"), parent),
      m_items(static_cast<ItemTableModel*>(model())),
      m_tier(new QComboBox(this)) {
  m_tier->setObjectName(QStringLiteral("filter_tier"));
  m_tier->setToolTip(ItemTableModel::tierRule());
  m_tier->addItem(tr("Any tier"), -1);
  for (const auto tier : {PopularityTier::Head, PopularityTier::Mid, PopularityTier::Tail}) {
    m_tier->addItem(ItemTableModel::tierName(tier), static_cast<int>(tier));
  }
  filterBar()->addWidget(m_tier);
  connect(m_tier, &QComboBox::currentIndexChanged, this,
          [this] { proxy()->setValueFilter(m_items->tierColumn(), m_tier->currentData().toInt()); });
}

void ItemsPage::snapshotChanged() {
  const auto& snapshot = m_items->snapshot();
  if (snapshot) {
    // Show each tier's size in the combo so the analyst sees how long the tail is.
    for (int i = 1; i < m_tier->count(); ++i) {
      const auto tier = static_cast<PopularityTier>(m_tier->itemData(i).toInt());
      m_tier->setItemText(
          i,
          tr("%1 (%2 items)").arg(ItemTableModel::tierName(tier), display::count(snapshot->tierSize(tier))));
    }
  }
  m_tier->setCurrentIndex(0);
  for (auto* combo : m_memberFilters) combo->deleteLater();
  m_memberFilters.clear();
  if (snapshot) {
    const auto& fields = snapshot->dataset().items.fields;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (!fields[f].setValued()) continue;
      auto* combo = new QComboBox(this);
      const QString name = display::text(fields[f].name());
      combo->setObjectName(QStringLiteral("filter_set_%1").arg(name));
      combo->setToolTip(tr("Show the items whose \"%1\" holds this value (an item with several values "
                           "is shown under each of them)")
                            .arg(name));
      combo->addItem(tr("Any %1").arg(name));
      for (const auto& member : memberVocabulary(fields[f])) combo->addItem(display::text(member));
      combo->setProperty("field", static_cast<int>(f));
      filterBar()->addWidget(combo);
      connect(combo, &QComboBox::currentIndexChanged, this, &ItemsPage::applyMemberFilters);
      m_memberFilters.push_back(combo);
    }
  }
  applyMemberFilters();
  view()->sortByColumn(m_items->interactionsColumn(), Qt::DescendingOrder);
}

void ItemsPage::applyMemberFilters() {
  const auto snapshot = m_items->snapshot();
  std::vector<std::pair<std::size_t, std::string>> wanted;
  for (auto* combo : m_memberFilters) {
    if (combo->currentIndex() > 0)
      wanted.emplace_back(combo->property("field").toInt(), combo->currentText().toStdString());
  }
  if (!snapshot || wanted.empty()) {
    proxy()->setRowFilter({});
    return;
  }
  // The model's current snapshot, so that items appended by live events are filtered too.
  proxy()->setRowFilter([this, wanted](int row) {
    const auto& current = m_items->snapshot();
    if (!current) return true;
    const auto& fields = current->dataset().items.fields;
    for (const auto& [f, member] : wanted) {
      if (f >= fields.size() || !setHasMember(fields[f].valueAt(static_cast<std::size_t>(row)), member))
        return false;
    }
    return true;
  });
}

QString ItemsPage::countText(qint64 shown, qint64 total) const {
  return tr("Showing %1 of %2 items").arg(display::count(shown), display::count(total));
}

}  // namespace reclens
