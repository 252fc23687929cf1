#pragma once
#include <vector>

#include "tables/tablepage.h"

class QComboBox;

namespace reclens {

class ItemTableModel;

// The catalog browser: every item with its attributes, popularity and popularity tier, a text
// filter on id and title, a tier filter, and a member filter per set-valued attribute (an item in
// several genres is kept when one of them is the genre chosen).
class ItemsPage : public TablePage {
  Q_OBJECT

 public:
  explicit ItemsPage(QWidget* parent = nullptr);

  QComboBox* tierFilter() const { return m_tier; }
  // The member filters, one per set-valued attribute of the current project.
  const std::vector<QComboBox*>& memberFilters() const { return m_memberFilters; }

 protected:
  void snapshotChanged() override;
  QString countText(qint64 shown, qint64 total) const override;

 private:
  void applyMemberFilters();

  ItemTableModel* m_items;
  QComboBox* m_tier;
  std::vector<QComboBox*> m_memberFilters;  // object name "filter_set_<field>", data: the field index
};

}  // namespace reclens
