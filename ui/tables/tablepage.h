#pragma once
#include <QWidget>

#include <memory>

#include "services/datasetsnapshot.h"

class QHBoxLayout;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace reclens {

class SnapshotFilterProxyModel;
class SnapshotTableModel;

// A page with a text filter, optional value filters, a sortable table over a snapshot model and a
// "showing N of M" line. Subclasses add their own filter widgets to filterBar().
class TablePage : public QWidget {
  Q_OBJECT

 public:
  TablePage(SnapshotTableModel* model, const QString& filterPlaceholder, QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot);
  // Follows live events: `grown` is the same project with rows appended; filters, sorting and the
  // selection stay (SnapshotTableModel::growSnapshot).
  void growSnapshot(std::shared_ptr<const DatasetSnapshot> grown, const std::vector<int>& changedRows);
  // Puts the keyboard focus into the text filter and selects its text.
  void focusFilter();

  QLineEdit* filterEdit() const { return m_filter; }
  QTableView* view() const { return m_view; }
  SnapshotFilterProxyModel* proxy() const { return m_proxy; }
  SnapshotTableModel* model() const { return m_model; }

 protected:
  QHBoxLayout* filterBar() const { return m_filterBar; }
  // Called after a new snapshot is in the model: rebuild value filters, choose the default sort.
  virtual void snapshotChanged() = 0;
  // Unit of the rows in the count line, e.g. "users".
  virtual QString countText(qint64 shown, qint64 total) const = 0;
  void updateCount();

 private:
  SnapshotTableModel* m_model;
  SnapshotFilterProxyModel* m_proxy;
  QLineEdit* m_filter;
  QHBoxLayout* m_filterBar;
  QTableView* m_view;
  QLabel* m_count;
  QTimer* m_debounce;
};

}  // namespace reclens
