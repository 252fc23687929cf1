#include "mainwindow/presentationcaption.h"

#include <QEvent>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace reclens {

namespace {
constexpr int kMargin = 28;
constexpr int kPadding = 18;
}  // namespace

PresentationCaption::PresentationCaption(QWidget* parent) : QWidget(parent) {
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setFocusPolicy(Qt::NoFocus);
  parent->installEventFilter(this);
  hide();
}

void PresentationCaption::setCaption(const QString& title, const QString& text, int step, int steps) {
  m_title = title;
  m_text = text;
  m_footer =
      tr("Step %1 of %2   ·   → or Space: next   ·   ←: back   ·   Esc: leave").arg(step + 1).arg(steps);
  place();
  raise();
  update();
}

bool PresentationCaption::eventFilter(QObject* watched, QEvent* event) {
  if (watched == parentWidget() && event->type() == QEvent::Resize) place();
  return QWidget::eventFilter(watched, event);
}

void PresentationCaption::place() {
  const QWidget* host = parentWidget();
  const int width = std::min(host->width() - 2 * kMargin, 1100);
  QFont titleFont = font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
  titleFont.setBold(true);
  const QFontMetrics title(titleFont);
  const QFontMetrics body(font());
  const QRect textRect = body.boundingRect(QRect(0, 0, width - 2 * kPadding, 1000), Qt::TextWordWrap, m_text);
  const int height = kPadding * 2 + title.height() + 8 + textRect.height() + 10 + body.height();
  setGeometry((host->width() - width) / 2, host->height() - height - kMargin, width, height);
}

void PresentationCaption::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  QPainterPath panel;
  panel.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 12, 12);
  p.fillPath(panel, QColor(20, 28, 40, 225));
  p.setPen(QColor(255, 255, 255, 60));
  p.drawPath(panel);
  QFont titleFont = font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
  titleFont.setBold(true);
  const QFontMetrics title(titleFont);
  QRect area = rect().adjusted(kPadding, kPadding, -kPadding, -kPadding);
  p.setFont(titleFont);
  p.setPen(Qt::white);
  p.drawText(area, Qt::AlignLeft | Qt::AlignTop, m_title);
  area.setTop(area.top() + title.height() + 8);
  p.setFont(font());
  p.setPen(QColor(0xe8, 0xee, 0xf4));
  p.drawText(area, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_text);
  p.setPen(QColor(0x9f, 0xb3, 0xc8));
  p.drawText(area, Qt::AlignRight | Qt::AlignBottom, m_footer);
}

}  // namespace reclens
