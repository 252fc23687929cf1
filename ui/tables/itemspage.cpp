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
  view()->sortByColumn(m_items->interactionsColumn(), Qt::DescendingOrder);
}

QString ItemsPage::countText(qint64 shown, qint64 total) const {
  return tr("Showing %1 of %2 items").arg(display::count(shown), display::count(total));
}

}  // namespace reclens
