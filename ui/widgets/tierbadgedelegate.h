#pragma once
#include <QStyledItemDelegate>

#include "services/datasetsnapshot.h"

namespace reclens {

// Paints a popularity tier as a small coloured badge (head warm, mid amber, tail blue) with the
// tier's name in white. Reads the tier from a role of the model; no computation in paint().
class TierBadgeDelegate : public QStyledItemDelegate {
  Q_OBJECT

 public:
  // `tierRole` is the model role that answers the PopularityTier as an int.
  TierBadgeDelegate(int tierRole, QObject* parent = nullptr);

  // Badge background colour of `tier`.
  static QColor colour(PopularityTier tier);

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

 private:
  int m_tierRole;
};

}  // namespace reclens
