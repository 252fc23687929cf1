#pragma once
#include "tables/snapshottablemodel.h"

namespace reclens {

// Users of a snapshot: id, each user attribute, number of interactions, first and last activity.
class UserTableModel : public SnapshotTableModel {
  Q_OBJECT

 public:
  explicit UserTableModel(QObject* parent = nullptr);

  // Column of user attribute `field` (index into UserTable::fields).
  static int attributeColumn(int field) { return 1 + field; }
  int interactionsColumn() const;
  int firstActivityColumn() const { return interactionsColumn() + 1; }
  int lastActivityColumn() const { return interactionsColumn() + 2; }

  double sortKey(int row, int column) const override;
  bool matchesText(int row, std::string_view lowerNeedle) const override;
  int valueCode(int row, int column) const override;

 protected:
  int rowsIn(const DatasetSnapshot& snapshot) const override;
  int columnsIn(const DatasetSnapshot& snapshot) const override;
  QVariant display(int row, int column) const override;
  QString columnTitle(int column) const override;
  QString columnToolTip(int column) const override;
  bool isNumeric(int column) const override;

 private:
  int fieldCount() const;
  // Attribute index of `column`, or -1.
  int fieldOf(int column) const;
};

}  // namespace reclens
