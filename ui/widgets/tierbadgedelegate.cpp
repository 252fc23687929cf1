#include "widgets/tierbadgedelegate.h"

#include <QApplication>
#include <QPainter>

namespace reclens {

namespace {
constexpr int kPadding = 8;
constexpr int kMargin = 3;
}  // namespace

TierBadgeDelegate::TierBadgeDelegate(int tierRole, QObject* parent)
    : QStyledItemDelegate(parent), m_tierRole(tierRole) {}

QColor TierBadgeDelegate::colour(PopularityTier tier) {
  switch (tier) {
    case PopularityTier::Head:
      return {0xb0, 0x4a, 0x12};
    case PopularityTier::Mid:
      return {0x8a, 0x6d, 0x00};
    case PopularityTier::Tail:
      return {0x1f, 0x5f, 0x9e};
  }
  return {};
}

void TierBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
  const QVariant tier = index.data(m_tierRole);
  if (!tier.isValid()) {
    QStyledItemDelegate::paint(painter, option, index);
    return;
  }
  // Selection and focus background first, then the badge on top.
  QStyleOptionViewItem background = option;
  initStyleOption(&background, index);
  background.text.clear();
  const QWidget* widget = option.widget;
  QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

  const QString text = index.data(Qt::DisplayRole).toString();
  const QFontMetrics metrics(option.font);
  const int width = metrics.horizontalAdvance(text) + 2 * kPadding;
  const int height = std::min(option.rect.height() - 2 * kMargin, metrics.height() + 4);
  const QRect badge(option.rect.left() + kMargin, option.rect.center().y() - height / 2 + 1, width, height);
  painter->save();
  painter->setRenderHint(QPainter::Antialiasing);
  painter->setPen(Qt::NoPen);
  painter->setBrush(colour(static_cast<PopularityTier>(tier.toInt())));
  painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
  painter->setPen(Qt::white);
  painter->setFont(option.font);
  painter->drawText(badge, Qt::AlignCenter, text);
  painter->restore();
}

QSize TierBadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
  const QSize base = QStyledItemDelegate::sizeHint(option, index);
  const QFontMetrics metrics(option.font);
  const int width =
      metrics.horizontalAdvance(index.data(Qt::DisplayRole).toString()) + 2 * kPadding + 2 * kMargin;
  return {std::max(base.width(), width), std::max(base.height(), metrics.height() + 4 + 2 * kMargin)};
}

}  // namespace reclens
