#pragma once
#include <QWidget>

#include <memory>

#include "engine/itemsearch.h"
#include "services/datasetsnapshot.h"

class QDoubleSpinBox;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace reclens {

// Adds items to a what-if history: a catalog search (title, category, brand or id; the index is built
// off the GUI thread), the hits as a list, a weight, and Add (or a double-click on a hit).
class WhatIfSearchBox : public QWidget {
  Q_OBJECT

 public:
  static constexpr std::size_t kMaxHits = 30;

  explicit WhatIfSearchBox(QWidget* parent = nullptr);

  // Indexes `snapshot`'s catalog (in the background); searches wait for it.
  void setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot);
  bool isIndexed() const { return m_index != nullptr; }

  QLineEdit* searchEdit() const { return m_edit; }
  QListWidget* hitList() const { return m_hits; }
  QDoubleSpinBox* weightBox() const { return m_weight; }
  QPushButton* addButton() const { return m_add; }

 Q_SIGNALS:
  // The index of the catalog is ready.
  void indexed();
  // Add catalog row `item` with `weight` to the history.
  void addRequested(int item, float weight);

 private:
  void runSearch();
  void addCurrent();

  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::shared_ptr<const ItemSearchIndex> m_index;
  QLineEdit* m_edit;
  QListWidget* m_hits;
  QDoubleSpinBox* m_weight;
  QPushButton* m_add;
};

}  // namespace reclens
