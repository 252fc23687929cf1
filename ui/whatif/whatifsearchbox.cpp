#include "whatif/whatifsearchbox.h"

#include <QDoubleSpinBox>
#include <QFuture>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/userprofilebuilder.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
constexpr int kItemRole = Qt::UserRole + 1;
}

WhatIfSearchBox::WhatIfSearchBox(QWidget* parent)
    : QWidget(parent),
      m_edit(new QLineEdit(this)),
      m_hits(new QListWidget(this)),
      m_weight(new QDoubleSpinBox(this)),
      m_add(new QPushButton(tr("Add to history"), this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_edit->setPlaceholderText(tr("Add an item: search the catalog by title, category, brand or id"));
  m_edit->setClearButtonEnabled(true);
  layout->addWidget(m_edit);
  m_hits->setMaximumHeight(120);
  m_hits->hide();
  layout->addWidget(m_hits);
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("Weight:"), this));
  m_weight->setRange(0.0, 1000.0);
  m_weight->setDecimals(2);
  m_weight->setValue(1.0);
  m_weight->setToolTip(tr("The interaction weight the added item gets"));
  row->addWidget(m_weight);
  row->addStretch(1);
  row->addWidget(m_add);
  layout->addLayout(row);
  m_add->setEnabled(false);
  connect(m_edit, &QLineEdit::textChanged, this, &WhatIfSearchBox::runSearch);
  connect(m_edit, &QLineEdit::returnPressed, this, &WhatIfSearchBox::addCurrent);
  connect(m_hits, &QListWidget::currentRowChanged, this,
          [this](int current) { m_add->setEnabled(current >= 0); });
  connect(m_hits, &QListWidget::itemDoubleClicked, this, &WhatIfSearchBox::addCurrent);
  connect(m_add, &QPushButton::clicked, this, &WhatIfSearchBox::addCurrent);
}

void WhatIfSearchBox::setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  m_index.reset();
  m_hits->clear();
  m_hits->hide();
  if (!m_snapshot) return;
  auto snap = m_snapshot;
  QtConcurrent::run([snap] {
    const auto& d = snap->dataset();
    return std::make_shared<const ItemSearchIndex>(d.items, itemPopularity(d.interactions, d.items.size()));
  }).then(this, [this, snap](std::shared_ptr<const ItemSearchIndex> index) {
    // A newer project was set meanwhile.
    if (snap != m_snapshot) return;
    m_index = std::move(index);
    Q_EMIT indexed();
    runSearch();
  });
}

void WhatIfSearchBox::runSearch() {
  m_hits->clear();
  const std::string query = m_edit->text().trimmed().toStdString();
  if (!m_index || query.empty()) {
    m_hits->hide();
    m_add->setEnabled(false);
    return;
  }
  const auto result = m_index->search(query, kMaxHits);
  const auto& items = m_snapshot->dataset().items;
  const int category = items.fieldIndex("category");
  for (const auto& hit : result.hits) {
    const auto row = static_cast<std::size_t>(hit.item);
    QString text = display::itemName(items, row);
    if (category >= 0)
      text += QStringLiteral("  ·  ") +
              display::text(items.fields[static_cast<std::size_t>(category)].valueAt(row));
    auto* entry = new QListWidgetItem(text, m_hits);
    entry->setData(kItemRole, hit.item);
    entry->setToolTip(tr("Item %1").arg(display::text(items.ids[row])));
  }
  m_hits->setVisible(!result.hits.empty());
  if (!result.hits.empty()) m_hits->setCurrentRow(0);
  m_add->setEnabled(!result.hits.empty());
}

void WhatIfSearchBox::addCurrent() {
  const QListWidgetItem* entry = m_hits->currentItem();
  if (entry == nullptr) return;
  Q_EMIT addRequested(entry->data(kItemRole).toInt(), static_cast<float>(m_weight->value()));
}

}  // namespace reclens
