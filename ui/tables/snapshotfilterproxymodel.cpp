#include "tables/snapshotfilterproxymodel.h"

#include "tables/snapshottablemodel.h"

namespace reclens {

SnapshotFilterProxyModel::SnapshotFilterProxyModel(QObject* parent) : QSortFilterProxyModel(parent) {
  setSortRole(SnapshotTableModel::SortKeyRole);
}

void SnapshotFilterProxyModel::setTableModel(SnapshotTableModel* model) {
  m_table = model;
  setSourceModel(model);
}

void SnapshotFilterProxyModel::setTextFilter(const QString& text) {
  const QString trimmed = text.trimmed();
  if (trimmed == m_text) return;
  m_text = trimmed;
  m_needle = trimmed.toLower().toStdString();
  invalidateFilter();
}

void SnapshotFilterProxyModel::setValueFilter(int column, int code) {
  const auto it = m_valueFilters.find(column);
  if (code < 0) {
    if (it == m_valueFilters.end()) return;
    m_valueFilters.erase(it);
  } else {
    if (it != m_valueFilters.end() && it->second == code) return;
    m_valueFilters[column] = code;
  }
  invalidateFilter();
}

void SnapshotFilterProxyModel::clearValueFilters() {
  if (m_valueFilters.empty()) return;
  m_valueFilters.clear();
  invalidateFilter();
}

void SnapshotFilterProxyModel::setRowFilter(std::function<bool(int)> accept) {
  m_rowFilter = std::move(accept);
  invalidateFilter();
}

bool SnapshotFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  if (m_table == nullptr || sourceParent.isValid()) return true;
  if (m_rowFilter && !m_rowFilter(sourceRow)) return false;
  for (const auto& [column, code] : m_valueFilters) {
    if (m_table->valueCode(sourceRow, column) != code) return false;
  }
  return m_table->matchesText(sourceRow, m_needle);
}

bool SnapshotFilterProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
  if (m_table == nullptr) return QSortFilterProxyModel::lessThan(left, right);
  return m_table->sortKey(left.row(), left.column()) < m_table->sortKey(right.row(), right.column());
}

}  // namespace reclens
