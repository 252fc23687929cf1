#include "tables/tablepage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "tables/snapshotfilterproxymodel.h"
#include "tables/snapshottablemodel.h"

namespace reclens {

namespace {
// Typing pauses this long before the filter runs, so a million rows are scanned once per pause.
constexpr int kFilterDelayMs = 150;
// Long titles should not push the other columns out of sight.
constexpr int kMaxInitialColumnWidth = 360;
}  // namespace

TablePage::TablePage(SnapshotTableModel* model, const QString& filterPlaceholder, QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_proxy(new SnapshotFilterProxyModel(this)),
      m_filter(new QLineEdit(this)),
      m_filterBar(new QHBoxLayout),
      m_view(new QTableView(this)),
      m_count(new QLabel(this)),
      m_debounce(new QTimer(this)) {
  m_model->setParent(this);
  m_proxy->setTableModel(m_model);

  auto* layout = new QVBoxLayout(this);
  m_filter->setPlaceholderText(filterPlaceholder);
  m_filter->setClearButtonEnabled(true);
  m_filter->setToolTip(tr("Type to keep only matching rows (Ctrl+F)"));
  m_filter->setMinimumWidth(260);
  m_filterBar->addWidget(m_filter, 2);
  layout->addLayout(m_filterBar);

  m_view->setModel(m_proxy);
  m_view->setSortingEnabled(true);
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
  m_view->setAlternatingRowColors(true);
  m_view->setWordWrap(false);
  m_view->verticalHeader()->setVisible(false);
  m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
  m_view->horizontalHeader()->setStretchLastSection(true);
  m_view->horizontalHeader()->setSectionsMovable(true);
  layout->addWidget(m_view, 1);
  layout->addWidget(m_count);

  m_debounce->setSingleShot(true);
  m_debounce->setInterval(kFilterDelayMs);
  connect(m_filter, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
  connect(m_debounce, &QTimer::timeout, this, [this] { m_proxy->setTextFilter(m_filter->text()); });
  connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &TablePage::updateCount);
  connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &TablePage::updateCount);
  connect(m_proxy, &QAbstractItemModel::modelReset, this, &TablePage::updateCount);
  connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &TablePage::updateCount);
}

void TablePage::setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot) {
  m_proxy->clearValueFilters();
  m_model->setSnapshot(std::move(snapshot));
  snapshotChanged();
  m_view->resizeColumnsToContents();
  for (int column = 0; column < m_model->columnCount(); ++column) {
    if (m_view->columnWidth(column) > kMaxInitialColumnWidth)
      m_view->setColumnWidth(column, kMaxInitialColumnWidth);
  }
  updateCount();
}

void TablePage::growSnapshot(std::shared_ptr<const DatasetSnapshot> grown,
                             const std::vector<int>& changedRows) {
  m_model->growSnapshot(std::move(grown), changedRows);
  updateCount();
}

void TablePage::focusFilter() {
  m_filter->setFocus(Qt::ShortcutFocusReason);
  m_filter->selectAll();
}

void TablePage::updateCount() {
  m_count->setText(countText(m_proxy->rowCount(), m_model->rowCount()));
}

}  // namespace reclens
