#pragma once
#include "tables/tablepage.h"

class QComboBox;

namespace reclens {

class ItemTableModel;

// The catalog browser: every item with its attributes, popularity and popularity tier, a text
// filter on id and title, and a tier filter.
class ItemsPage : public TablePage {
  Q_OBJECT

 public:
  explicit ItemsPage(QWidget* parent = nullptr);

  QComboBox* tierFilter() const { return m_tier; }

 protected:
  void snapshotChanged() override;
  QString countText(qint64 shown, qint64 total) const override;

 private:
  ItemTableModel* m_items;
  QComboBox* m_tier;
};

}  // namespace reclens
