#include "plots/plotstyle.h"

#include <qcustomplot.h>
#include <QEvent>
#include <QFontMetrics>

namespace reclens::plotstyle {

namespace {
const char* const kTitleName = "reclensTitle";
const char* const kPlaceholderName = "reclensPlaceholder";
}  // namespace

void apply(QCustomPlot* plot, const QString& title) {
  plot->setBackground(Qt::white);
  plot->setAntialiasedElements(QCP::aeAll);
  plot->setNotAntialiasedElements(QCP::aeGrid | QCP::aeAxes);
  QFont base = plot->font();
  QFont small = base;
  small.setPointSizeF(base.pointSizeF() * 0.9);
  for (QCPAxis* axis : plot->axisRect()->axes()) {
    axis->setTickLabelFont(small);
    axis->setLabelFont(base);
    axis->setBasePen(QPen(QColor(0x80, 0x80, 0x80)));
    axis->setTickPen(QPen(QColor(0x80, 0x80, 0x80)));
    axis->setSubTickPen(QPen(QColor(0xa0, 0xa0, 0xa0)));
    axis->grid()->setPen(QPen(QColor(0xe4, 0xe4, 0xe4), 0, Qt::SolidLine));
    axis->grid()->setSubGridPen(QPen(QColor(0xf2, 0xf2, 0xf2), 0, Qt::SolidLine));
    axis->grid()->setZeroLinePen(Qt::NoPen);
  }
  plot->legend->setFont(small);
  plot->legend->setBrush(QColor(255, 255, 255, 220));
  plot->legend->setBorderPen(QPen(QColor(0xc8, 0xc8, 0xc8)));
  // QCustomPlot clips each legend entry to the taller of its icon and its text line, and the text line
  // (the font's height) cuts off the lowest row of "g", "p" and "y"; a one pixel taller icon keeps it.
  plot->legend->setIconSize(16, QFontMetrics(small).height() + 1);
  QCPTextElement* titleElement = nullptr;
  for (int i = 0; i < plot->plotLayout()->elementCount(); ++i) {
    auto* element = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i));
    if (element != nullptr && element->objectName() == QLatin1String(kTitleName)) titleElement = element;
  }
  if (titleElement == nullptr) {
    plot->plotLayout()->insertRow(0);
    QFont bold = base;
    bold.setBold(true);
    titleElement = new QCPTextElement(plot, title, bold);
    titleElement->setObjectName(QLatin1String(kTitleName));
    titleElement->setMargins(QMargins(0, 6, 0, 0));
    plot->plotLayout()->addElement(0, 0, titleElement);
  }
  titleElement->setText(title);
  plot->setWindowTitle(title);
}

QColor series(int index) {
  // Tableau 10: distinguishable, print-safe, colour-blind friendly enough for a handful of groups.
  static const QColor kPalette[] = {
      {0x4e, 0x79, 0xa7}, {0xf2, 0x8e, 0x2b}, {0xe1, 0x57, 0x59}, {0x76, 0xb7, 0xb2}, {0x59, 0xa1, 0x4f},
      {0xed, 0xc9, 0x48}, {0xb0, 0x7a, 0xa1}, {0xff, 0x9d, 0xa7}, {0x9c, 0x75, 0x5f}, {0xba, 0xb0, 0xac}};
  const int n = static_cast<int>(std::size(kPalette));
  return kPalette[((index % n) + n) % n];
}

void logAxis(QCPAxis* axis) {
  axis->setScaleType(QCPAxis::stLogarithmic);
  QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
  ticker->setLogBase(10);
  ticker->setSubTickCount(8);
  axis->setTicker(ticker);
  axis->setNumberFormat(QStringLiteral("eb"));
  axis->setNumberPrecision(0);
}

namespace {
// Replots a plot the next time it is shown, once per replotShown() call that found it hidden.
class ReplotWhenShown : public QObject {
 public:
  using QObject::QObject;
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::Show) {
      if (auto* plot = qobject_cast<QCustomPlot*>(watched); plot && plot->property(kPending).toBool()) {
        plot->setProperty(kPending, false);
        plot->replot();
      }
    }
    return false;
  }
  static constexpr const char* kPending = "reclensReplotPending";
};
}  // namespace

void replotShown(QCustomPlot* plot) {
  if (plot->isVisible()) {
    plot->replot();
    return;
  }
  // Replotting a hidden plot draws into an empty paint buffer (and Qt warns about it); draw on show.
  if (!plot->findChild<ReplotWhenShown*>(QString(), Qt::FindDirectChildrenOnly))
    plot->installEventFilter(new ReplotWhenShown(plot));
  plot->setProperty(ReplotWhenShown::kPending, true);
}

void legendBelow(QCustomPlot* plot) {
  if (plot->legend->layout() == plot->plotLayout()) return;
  auto* inset = plot->axisRect()->insetLayout();
  for (int i = 0; i < inset->elementCount(); ++i) {
    if (inset->elementAt(i) == plot->legend) {
      inset->take(plot->legend);
      break;
    }
  }
  inset->simplify();
  const int row = plot->plotLayout()->rowCount();
  plot->plotLayout()->addElement(row, 0, plot->legend);
  plot->plotLayout()->setRowStretchFactor(row, 0.001);
  plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  plot->legend->setWrap(4);
  plot->legend->setBorderPen(Qt::NoPen);
  plot->legend->setMargins(QMargins(6, 2, 6, 2));
}

void setPlaceholder(QCustomPlot* plot, const QString& text) {
  QCPItemText* item = nullptr;
  for (int i = 0; i < plot->itemCount(); ++i) {
    auto* candidate = qobject_cast<QCPItemText*>(plot->item(i));
    if (candidate != nullptr && candidate->objectName() == QLatin1String(kPlaceholderName)) item = candidate;
  }
  if (text.isEmpty()) {
    if (item != nullptr) plot->removeItem(item);
    return;
  }
  if (item == nullptr) {
    item = new QCPItemText(plot);
    item->setObjectName(QLatin1String(kPlaceholderName));
    item->position->setType(QCPItemPosition::ptAxisRectRatio);
    item->position->setCoords(0.5, 0.5);
    item->setColor(QColor(0x70, 0x70, 0x70));
    item->setClipToAxisRect(false);
  }
  item->setText(text);
}

}  // namespace reclens::plotstyle
