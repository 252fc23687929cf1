#pragma once
#include <QAbstractTableModel>

#include <memory>
#include <string_view>
#include <vector>

#include "services/datasetsnapshot.h"

namespace reclens {

// Base of the read-only tables over a DatasetSnapshot. Rows are snapshot rows; subclasses map
// columns to snapshot fields. Everything data() returns is computed from the snapshot on demand,
// so a million rows cost nothing until they are shown.
class SnapshotTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Role {
    SortKeyRole = Qt::UserRole + 1,  // double: numbers as numbers, text as its natural-order rank
    ValueCodeRole,                   // int: categorical code (or tier) for value filters, -1 missing
  };

  explicit SnapshotTableModel(QObject* parent = nullptr);

  void setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot);
  // Moves to `grown`, the same project with rows appended (live events): the new rows are inserted
  // at the end and `changedRows` (rows whose values changed) are refreshed, so views keep their
  // selection, sorting and filters. Anything else (fewer rows, other columns) is a setSnapshot().
  void growSnapshot(std::shared_ptr<const DatasetSnapshot> grown, const std::vector<int>& changedRows);
  const std::shared_ptr<const DatasetSnapshot>& snapshot() const { return m_snapshot; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  // The key rows are sorted by in `column` (what SortKeyRole returns).
  virtual double sortKey(int row, int column) const = 0;
  // True when the row's searchable text (ids, titles) contains `lowerNeedle` (lower-case UTF-8).
  virtual bool matchesText(int row, std::string_view lowerNeedle) const = 0;
  // The categorical code of `column` at `row` (what ValueCodeRole returns), -1 when not categorical.
  virtual int valueCode(int row, int column) const = 0;

 protected:
  virtual int rowsIn(const DatasetSnapshot& snapshot) const = 0;
  virtual int columnsIn(const DatasetSnapshot& snapshot) const = 0;
  virtual QVariant display(int row, int column) const = 0;
  virtual QString columnTitle(int column) const = 0;
  virtual QString columnToolTip(int column) const = 0;
  virtual bool isNumeric(int column) const = 0;
  // Hook for per-cell extras (colours, tooltips); default: none.
  virtual QVariant extraData(int row, int column, int role) const;

 private:
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  int m_rows = 0;
  int m_columns = 0;
};

}  // namespace reclens
