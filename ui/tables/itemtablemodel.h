#pragma once
#include "tables/snapshottablemodel.h"

namespace reclens {

// Catalog items of a snapshot: id, title, each item attribute (category and brand first), price,
// interactions (popularity), first seen and popularity tier.
class ItemTableModel : public SnapshotTableModel {
  Q_OBJECT

 public:
  explicit ItemTableModel(QObject* parent = nullptr);

  static constexpr int kIdColumn = 0;
  static constexpr int kTitleColumn = 1;
  static int attributeColumn(int field) { return 2 + field; }
  int priceColumn() const;
  int interactionsColumn() const { return priceColumn() + 1; }
  int firstSeenColumn() const { return priceColumn() + 2; }
  int tierColumn() const { return priceColumn() + 3; }

  // Display name of a tier ("Head", "Mid", "Tail") and the rule that defines the tiers.
  static QString tierName(PopularityTier tier);
  static QString tierRule();

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
  QVariant extraData(int row, int column, int role) const override;

 private:
  int fieldCount() const;
  int fieldOf(int column) const;
};

}  // namespace reclens
