#pragma once
#include <QSortFilterProxyModel>

#include <functional>
#include <map>
#include <string>

namespace reclens {

class SnapshotTableModel;

// Sorts and filters a SnapshotTableModel without going through QVariant: sorting compares the
// model's numeric sort keys, the text filter searches ids/titles in the snapshot's UTF-8 strings,
// and value filters keep rows whose categorical code in a column equals a given code.
class SnapshotFilterProxyModel : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  explicit SnapshotFilterProxyModel(QObject* parent = nullptr);

  void setTableModel(SnapshotTableModel* model);
  SnapshotTableModel* tableModel() const { return m_table; }

  // Keeps rows whose searchable text contains `text` (case-insensitive); empty keeps all.
  void setTextFilter(const QString& text);
  QString textFilter() const { return m_text; }
  // Keeps rows whose code in `column` is `code`; a negative code removes the filter on that column.
  void setValueFilter(int column, int code);
  void clearValueFilters();
  // Keeps only the source rows `accept` says yes to (e.g. bookmarked users); an empty function keeps all.
  // Set it again when its answers change.
  void setRowFilter(std::function<bool(int sourceRow)> accept);

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

 private:
  SnapshotTableModel* m_table = nullptr;
  QString m_text;
  std::string m_needle;  // lower-case UTF-8 of m_text
  std::map<int, int> m_valueFilters;
  std::function<bool(int)> m_rowFilter;
};

}  // namespace reclens
