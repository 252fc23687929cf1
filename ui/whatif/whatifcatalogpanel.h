#pragma once
#include <QWidget>

#include <memory>
#include <string>

#include "services/datasetsnapshot.h"
#include "services/whatifresult.h"
#include "whatif/whatifstate.h"

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace reclens {

// Catalog what-ifs: delist a brand (or, from the list, an item) so that it is left out of every list,
// see what is delisted and restore it, and read the effect on a sample of users' lists — coverage,
// Gini, entropy, the share of mid- and tail-tier items and of the delisted items' exposure — before
// and after, with the difference.
class WhatIfCatalogPanel : public QWidget {
  Q_OBJECT

 public:
  explicit WhatIfCatalogPanel(QWidget* parent = nullptr);

  // Offers the brands of `snapshot`'s catalog.
  void setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot);
  // Lists what `state` delists.
  void setState(const WhatIfState& state);
  // Says the sample is being recomputed, or that nothing is delisted.
  void showPending(bool nothingDelisted);
  void showImpact(const WhatIfImpactOutcome& outcome);

  QComboBox* brandBox() const { return m_brands; }
  QPushButton* delistButton() const { return m_delist; }
  QListWidget* delistedList() const { return m_delisted; }
  QTableWidget* impactTable() const { return m_impact; }
  QLabel* summaryLabel() const { return m_summary; }

 Q_SIGNALS:
  void brandDelistRequested(const std::string& brand, bool delisted);
  void itemDelistRequested(int item, bool delisted);

 private:
  void restoreSelected();

  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  QComboBox* m_brands;
  QPushButton* m_delist;
  QListWidget* m_delisted;
  QPushButton* m_restore;
  QTableWidget* m_impact;
  QLabel* m_summary;
};

}  // namespace reclens
