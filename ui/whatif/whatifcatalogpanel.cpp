#include "whatif/whatifcatalogpanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "widgets/displayformat.h"

namespace reclens {

namespace {
constexpr int kBrandRole = Qt::UserRole + 1;  // the brand (QString) of a delisted entry, or none
constexpr int kItemRole = Qt::UserRole + 2;   // the catalog row of a delisted entry, or -1

QString percent(double v) {
  return QStringLiteral("%1%").arg(v * 100.0, 0, 'f', 1);
}
}  // namespace

WhatIfCatalogPanel::WhatIfCatalogPanel(QWidget* parent)
    : QWidget(parent),
      m_brands(new QComboBox(this)),
      m_delist(new QPushButton(tr("Delist brand"), this)),
      m_delisted(new QListWidget(this)),
      m_restore(new QPushButton(tr("Restore"), this)),
      m_impact(new QTableWidget(5, 4, this)),
      m_summary(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  auto* brandRow = new QHBoxLayout;
  m_brands->setEditable(true);
  m_brands->setInsertPolicy(QComboBox::NoInsert);
  m_brands->setToolTip(tr("A brand whose items should be left out of every list"));
  m_delist->setToolTip(tr("Leave every item of this brand out of the lists (undoable)"));
  brandRow->addWidget(new QLabel(tr("Brand:"), this));
  brandRow->addWidget(m_brands, 1);
  brandRow->addWidget(m_delist);
  layout->addLayout(brandRow);
  auto* hint =
      new QLabel(tr("Delist single items from the what-if list (right-click or the Delist button)."), this);
  hint->setWordWrap(true);
  hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
  layout->addWidget(hint);
  layout->addWidget(new QLabel(tr("Delisted:"), this));
  m_delisted->setMaximumHeight(110);
  m_delisted->setSelectionMode(QAbstractItemView::ExtendedSelection);
  layout->addWidget(m_delisted);
  auto* restoreRow = new QHBoxLayout;
  restoreRow->addStretch(1);
  restoreRow->addWidget(m_restore);
  layout->addLayout(restoreRow);
  auto* title = new QLabel(tr("<b>Effect on sampled users' lists</b>"), this);
  layout->addWidget(title);
  m_impact->setHorizontalHeaderLabels({tr("Metric"), tr("Baseline"), tr("What-if"), tr("Δ")});
  const QStringList metrics = {tr("Item coverage"), tr("Gini of exposure"), tr("Exposure entropy (bits)"),
                               tr("Mid + tail share"), tr("Delisted items' exposure")};
  for (int r = 0; r < metrics.size(); ++r) m_impact->setItem(r, 0, new QTableWidgetItem(metrics[r]));
  m_impact->verticalHeader()->hide();
  m_impact->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_impact->setSelectionMode(QAbstractItemView::NoSelection);
  m_impact->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_impact->setMinimumHeight(170);
  layout->addWidget(m_impact);
  m_summary->setWordWrap(true);
  layout->addWidget(m_summary);
  layout->addStretch(1);

  connect(m_delist, &QPushButton::clicked, this, [this] {
    const QString brand = m_brands->currentText().trimmed();
    if (!brand.isEmpty() && m_brands->findText(brand) >= 0)
      Q_EMIT brandDelistRequested(brand.toStdString(), true);
  });
  connect(m_restore, &QPushButton::clicked, this, &WhatIfCatalogPanel::restoreSelected);
  connect(m_delisted, &QListWidget::itemDoubleClicked, this, &WhatIfCatalogPanel::restoreSelected);
  showPending(true);
}

void WhatIfCatalogPanel::setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  m_brands->clear();
  if (!m_snapshot) return;
  const auto& items = m_snapshot->dataset().items;
  const int field = items.fieldIndex("brand");
  m_brands->setEnabled(field >= 0);
  m_delist->setEnabled(field >= 0);
  if (field < 0) return;
  QStringList brands;
  for (const auto& v : items.fields[static_cast<std::size_t>(field)].vocabulary()) brands << display::text(v);
  brands.sort(Qt::CaseInsensitive);
  m_brands->addItems(brands);
}

void WhatIfCatalogPanel::setState(const WhatIfState& state) {
  m_delisted->clear();
  for (const auto& brand : state.delistedBrands) {
    auto* entry = new QListWidgetItem(tr("Brand %1").arg(display::text(brand)), m_delisted);
    entry->setData(kBrandRole, display::text(brand));
    entry->setData(kItemRole, -1);
  }
  for (const auto item : state.delistedItems) {
    if (!m_snapshot) break;
    const auto& items = m_snapshot->dataset().items;
    const auto row = static_cast<std::size_t>(item);
    auto* entry = new QListWidgetItem(tr("Item %1").arg(display::itemName(items, row)), m_delisted);
    entry->setData(kItemRole, item);
  }
  m_restore->setEnabled(m_delisted->count() > 0);
}

void WhatIfCatalogPanel::restoreSelected() {
  for (QListWidgetItem* entry : m_delisted->selectedItems()) {
    const int item = entry->data(kItemRole).toInt();
    if (item >= 0) {
      Q_EMIT itemDelistRequested(item, false);
    } else {
      Q_EMIT brandDelistRequested(entry->data(kBrandRole).toString().toStdString(), false);
    }
  }
}

void WhatIfCatalogPanel::showPending(bool nothingDelisted) {
  for (int r = 0; r < m_impact->rowCount(); ++r) {
    for (int c = 1; c < 4; ++c) m_impact->setItem(r, c, new QTableWidgetItem(QStringLiteral("…")));
  }
  m_summary->setText(nothingDelisted
                         ? tr("Delist a brand or an item to see how the lists of a user sample change.")
                         : tr("Recomputing the sampled users' lists…"));
}

void WhatIfCatalogPanel::showImpact(const WhatIfImpactOutcome& outcome) {
  if (outcome.error) {
    m_summary->setText(tr("Could not compute the effect: %1").arg(display::text(outcome.error->message)));
    return;
  }
  const auto& b = outcome.before;
  const auto& a = outcome.after;
  const double before[] = {b.coverage, b.gini, b.entropy, b.tailShare, b.delistedShare};
  const double after[] = {a.coverage, a.gini, a.entropy, a.tailShare, a.delistedShare};
  const bool share[] = {true, false, false, true, true};
  for (int r = 0; r < 5; ++r) {
    const auto text = [&](double v) { return share[r] ? percent(v) : QString::number(v, 'f', 3); };
    const double delta = after[r] - before[r];
    m_impact->setItem(r, 1, new QTableWidgetItem(text(before[r])));
    m_impact->setItem(r, 2, new QTableWidgetItem(text(after[r])));
    auto* d = new QTableWidgetItem(
        (delta > 0 ? QStringLiteral("+") : QString()) +
        (share[r] ? QStringLiteral("%1 pp").arg(delta * 100.0, 0, 'f', 1) : QString::number(delta, 'f', 3)));
    d->setForeground(delta > 1e-12 ? QColor(0x1b, 0x7f, 0x3b)
                                   : (delta < -1e-12 ? QColor(0xb0, 0x3a, 0x2e) : QColor()));
    m_impact->setItem(r, 3, d);
    for (int c = 1; c < 4; ++c) m_impact->item(r, c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  }
  m_summary->setText(tr("%1 users sampled, top-%2: %3 of the lists change; mean Jaccard overlap %4 (%5 ms).")
                         .arg(outcome.users)
                         .arg(outcome.request.k)
                         .arg(percent(outcome.changedShare))
                         .arg(outcome.meanJaccard, 0, 'f', 3)
                         .arg(outcome.milliseconds, 0, 'f', 0));
}

}  // namespace reclens
