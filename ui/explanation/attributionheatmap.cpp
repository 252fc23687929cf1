#include "explanation/attributionheatmap.h"

#include <qcustomplot.h>
#include <QKeyEvent>
#include <QLocale>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "widgets/displayformat.h"

namespace reclens {

namespace {
constexpr int kRowLabelWidth = 260;     // pixels before a row label is elided
constexpr int kColumnLabelWidth = 170;  // pixels before a column label is elided
// Negative: each label ends at its column and runs down to the left, under the row labels, so the
// last columns keep theirs (QCustomPlot drops a label that would cross the widget border).
constexpr double kColumnLabelRotation = -40.0;

// Blue for negative, near-white at zero, red for positive (ColorBrewer RdBu).
QCPColorGradient divergingGradient() {
  QCPColorGradient gradient;
  gradient.clearColorStops();
  gradient.setColorStopAt(0.0, QColor(0x05, 0x30, 0x61));
  gradient.setColorStopAt(0.15, QColor(0x21, 0x66, 0xac));
  gradient.setColorStopAt(0.32, QColor(0x92, 0xc5, 0xde));
  gradient.setColorStopAt(0.5, QColor(0xf7, 0xf7, 0xf7));
  gradient.setColorStopAt(0.68, QColor(0xf4, 0xa5, 0x82));
  gradient.setColorStopAt(0.85, QColor(0xb2, 0x18, 0x2b));
  gradient.setColorStopAt(1.0, QColor(0x67, 0x00, 0x1f));
  gradient.setLevelCount(256);
  return gradient;
}

QString signedNumber(double value) {
  const QString text = QLocale().toString(value, 'g', 4);
  return value > 0 ? QStringLiteral("+") + text : text;
}
}  // namespace

AttributionHeatmap::AttributionHeatmap(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  setFocusPolicy(Qt::StrongFocus);
  m_plot->setFocusProxy(this);
  m_plot->setMouseTracking(true);
  m_plot->setMinimumSize(320, 220);

  m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
  m_map->setInterpolate(false);
  m_map->setTightBoundary(false);
  m_scale = new QCPColorScale(m_plot);
  m_plot->plotLayout()->addElement(0, 1, m_scale);
  m_scale->setType(QCPAxis::atRight);
  m_scale->setBarWidth(14);
  m_scale->axis()->setLabel(tr("Attribution"));
  m_map->setColorScale(m_scale);
  m_map->setGradient(divergingGradient());
  auto* group = new QCPMarginGroup(m_plot);
  m_plot->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, group);
  m_scale->setMarginGroup(QCP::msTop | QCP::msBottom, group);

  for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis, m_plot->xAxis2}) {
    axis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    axis->grid()->setVisible(false);
    axis->setSubTicks(false);
    axis->setTickLength(0, 3);
    axis->setBasePen(Qt::NoPen);
  }
  m_plot->xAxis->setTickLabelRotation(kColumnLabelRotation);
  m_plot->yAxis->setRangeReversed(true);
  m_plot->xAxis2->setVisible(true);
  m_plot->xAxis2->setTickLength(0, 0);
  QFont captions = m_plot->xAxis2->tickLabelFont();
  captions.setBold(true);
  m_plot->xAxis2->setTickLabelFont(captions);

  connect(m_plot, &QCustomPlot::mousePress, this, &AttributionHeatmap::onMousePress);
  connect(m_plot, &QCustomPlot::mouseMove, this, &AttributionHeatmap::onMouseMove);
  clear();
}

void AttributionHeatmap::setExplanation(Explanation explanation, QStringList rowLabels) {
  const int oldRow = m_selectedRow;
  const int oldColumn = m_selectedColumn;
  m_explanation = std::move(explanation);
  m_rowLabels = std::move(rowLabels);
  while (m_rowLabels.size() < rowCount()) m_rowLabels << QString();
  buildColumns();
  // The range follows the single fields; the summed rest of the history may saturate the colours
  // (its exact value is in the tooltip) rather than wash out every other cell.
  m_limit = 0.0;
  double all = 0.0;
  for (int r = 0; r < rowCount(); ++r) {
    for (int c = 0; c < columnCount(); ++c) {
      const double v = std::abs(value(r, c));
      all = std::max(all, v);
      if (m_columns[std::size_t(c)].kind != Column::Kind::OtherHistory) m_limit = std::max(m_limit, v);
    }
  }
  if (m_limit == 0.0) m_limit = all;
  m_selectedRow = oldRow < rowCount() ? oldRow : -1;
  m_selectedColumn = oldColumn < columnCount() ? oldColumn : -1;
  rebuildPlot();
}

void AttributionHeatmap::clear() {
  setExplanation({}, {});
}

void AttributionHeatmap::buildColumns() {
  m_columns.clear();
  if (m_explanation.items.empty()) return;
  const auto& fields = m_explanation.items.front().fields;
  std::vector<int> history;
  for (int f = 0; f < static_cast<int>(fields.size()); ++f) {
    const auto& field = fields[static_cast<std::size_t>(f)];
    if (field.kind == FieldKind::History) {
      history.push_back(f);
    } else if (field.kind == FieldKind::UserField) {
      const QString value = field.value.empty() ? tr("(missing)") : display::text(field.value);
      m_columns.push_back(
          {Column::Kind::UserField, {f}, tr("%1: %2").arg(display::text(field.label), value)});
    }
  }
  for (int f = 0; f < static_cast<int>(fields.size()); ++f) {
    const auto& field = fields[static_cast<std::size_t>(f)];
    if (field.kind != FieldKind::ItemPart || field.reference) continue;
    // The part named "item" is the item's own embedding; other parts are catalog fields (category, brand).
    const QString label = field.label == "item" ? tr("item itself") : display::text(field.label);
    // In a contrast each part is shown net of the same part of the item (or items) compared with: the two
    // nearly cancel, and apart they would set the colour scale for every other cell.
    std::vector<int> parts{f};
    for (int r = 0; r < static_cast<int>(fields.size()); ++r) {
      const auto& other = fields[static_cast<std::size_t>(r)];
      if (other.reference && other.kind == FieldKind::ItemPart && other.index == field.index)
        parts.push_back(r);
    }
    m_columns.push_back(
        {Column::Kind::ItemPart, parts, parts.size() > 1 ? tr("%1 (net)").arg(label) : label});
  }
  if (m_recency) {
    // Newest first: history fields are in the profile's order, oldest first.
    std::sort(history.begin(), history.end(), [&fields](int a, int b) {
      return fields[static_cast<std::size_t>(a)].index > fields[static_cast<std::size_t>(b)].index;
    });
    const auto shown = std::min<std::size_t>(history.size(), kMaxHistoryColumns);
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& field = fields[static_cast<std::size_t>(history[i])];
      //: A history event by its position from the newest (−1 is the newest), then its title.
      m_columns.push_back({Column::Kind::History,
                           {history[i]},
                           tr("−%1 %2").arg(static_cast<int>(i) + 1).arg(display::text(field.label))});
    }
    if (history.size() > shown) {
      std::vector<int> rest(history.begin() + static_cast<std::ptrdiff_t>(shown), history.end());
      std::sort(rest.begin(), rest.end());
      const auto count = static_cast<int>(rest.size());
      m_columns.push_back(
          {Column::Kind::OtherHistory, std::move(rest), tr("Older history (%n events)", "", count)});
    }
    return;
  }
  // The history items that move the scores most over all rows come first.
  std::vector<double> total(fields.size(), 0.0);
  for (const auto& item : m_explanation.items)
    for (std::size_t f = 0; f < item.fields.size() && f < total.size(); ++f)
      total[f] += std::abs(item.fields[f].attribution);
  std::stable_sort(history.begin(), history.end(), [&total](int a, int b) {
    return total[static_cast<std::size_t>(a)] > total[static_cast<std::size_t>(b)];
  });
  const auto shown = std::min<std::size_t>(history.size(), kMaxHistoryColumns);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& field = fields[static_cast<std::size_t>(history[i])];
    m_columns.push_back({Column::Kind::History, {history[i]}, display::text(field.label)});
  }
  if (history.size() > shown) {
    std::vector<int> rest(history.begin() + static_cast<std::ptrdiff_t>(shown), history.end());
    std::sort(rest.begin(), rest.end());
    const auto count = static_cast<int>(rest.size());
    m_columns.push_back(
        {Column::Kind::OtherHistory, std::move(rest), tr("Other history (%n items)", "", count)});
  }
}

double AttributionHeatmap::value(int row, int column) const {
  if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount()) return 0.0;
  const auto& fields = m_explanation.items[static_cast<std::size_t>(row)].fields;
  double sum = 0.0;
  for (const int f : m_columns[static_cast<std::size_t>(column)].fields) {
    if (f >= 0 && f < static_cast<int>(fields.size())) sum += fields[static_cast<std::size_t>(f)].attribution;
  }
  return sum;
}

QString AttributionHeatmap::valueText(int row, int column) const {
  if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount()) return {};
  const auto& col = m_columns[static_cast<std::size_t>(column)];
  if (col.kind == Column::Kind::OtherHistory) return tr("%n items", "", static_cast<int>(col.fields.size()));
  const auto& field =
      m_explanation.items[static_cast<std::size_t>(row)].fields[static_cast<std::size_t>(col.fields.front())];
  if (field.value.empty()) return tr("(missing)");
  return display::text(field.value);
}

double AttributionHeatmap::colourRangeLower() const {
  return m_map->dataRange().lower;
}

double AttributionHeatmap::colourRangeUpper() const {
  return m_map->dataRange().upper;
}

QColor AttributionHeatmap::colourAt(double v) const {
  QRgb rgb = 0;
  m_map->gradient().colorize(&v, m_map->dataRange(), &rgb, 1);
  return QColor::fromRgb(rgb);
}

QString AttributionHeatmap::cellToolTip(int row, int column) const {
  if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount()) return {};
  const auto& item = m_explanation.items[static_cast<std::size_t>(row)];
  const auto& col = m_columns[static_cast<std::size_t>(column)];
  QString kind;
  switch (col.kind) {
    case Column::Kind::UserField:
      kind = tr("User field");
      break;
    case Column::Kind::ItemPart:
      kind = tr("Item part");
      break;
    case Column::Kind::History:
      kind = tr("History item");
      break;
    case Column::Kind::OtherHistory:
      kind = tr("History");
      break;
  }
  const double v = value(row, column);
  const double span = item.output - item.baselineOutput;
  QString share;
  if (std::abs(span) > 0.0)
    share = tr(" (%1 % of f(x) − f(x′))").arg(QLocale().toString(100.0 * v / span, 'f', 1));
  return tr("<b>%1</b><br>%2: %3<br>Value: %4<br>Attribution: %5%6")
      .arg(m_rowLabels.value(row).toHtmlEscaped(), kind, col.label.toHtmlEscaped(),
           valueText(row, column).toHtmlEscaped(), signedNumber(v), share);
}

void AttributionHeatmap::rebuildPlot() {
  const int rows = rowCount();
  const int columns = columnCount();
  // A colour map of one cell per axis draws nothing, so each axis holds at least two cells; the
  // axis ranges below show only the real ones.
  const int keys = std::max(2, columns);
  const int values = std::max(2, rows);
  m_map->data()->setSize(keys, values);
  m_map->data()->setRange(QCPRange(0, keys - 1), QCPRange(0, values - 1));
  for (int c = 0; c < keys; ++c)
    for (int r = 0; r < values; ++r)
      m_map->data()->setCell(c, r, c < columns && r < rows ? value(r, c) : 0.0);
  const double limit = m_limit > 0.0 ? m_limit : 1.0;
  m_map->setDataRange(QCPRange(-limit, limit));
  m_map->setVisible(rows > 0 && columns > 0);
  m_scale->setVisible(rows > 0 && columns > 0);
  m_plot->xAxis->setRange(-0.5, std::max(columns, 1) - 0.5);
  m_plot->xAxis2->setRange(-0.5, std::max(columns, 1) - 0.5);
  m_plot->yAxis->setRange(-0.5, std::max(rows, 1) - 0.5);

  const QFontMetrics columnMetrics(m_plot->xAxis->tickLabelFont());
  auto columnTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  for (int c = 0; c < columns; ++c)
    columnTicker->addTick(
        c, columnMetrics.elidedText(m_columns[std::size_t(c)].label, Qt::ElideRight, kColumnLabelWidth));
  m_plot->xAxis->setTicker(columnTicker);
  const QFontMetrics rowMetrics(m_plot->yAxis->tickLabelFont());
  auto rowTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  for (int r = 0; r < rows; ++r)
    rowTicker->addTick(r, rowMetrics.elidedText(m_rowLabels.value(r), Qt::ElideRight, kRowLabelWidth));
  m_plot->yAxis->setTicker(rowTicker);

  // Captions over the groups of columns and thin separators between them.
  m_plot->clearItems();
  auto groupTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  int start = 0;
  for (int c = 1; c <= columns; ++c) {
    const auto kindAt = [this](int i) {
      const auto kind = m_columns[std::size_t(i)].kind;
      return kind == Column::Kind::OtherHistory ? Column::Kind::History : kind;
    };
    if (c < columns && kindAt(c) == kindAt(start)) continue;
    const auto kind = kindAt(start);
    const QString caption = kind == Column::Kind::UserField  ? tr("User")
                            : kind == Column::Kind::ItemPart ? tr("Item")
                                                             : tr("History");
    groupTicker->addTick(0.5 * (start + c - 1), caption);
    if (c < columns) {
      auto* line = new QCPItemStraightLine(m_plot);
      line->point1->setCoords(c - 0.5, 0);
      line->point2->setCoords(c - 0.5, 1);
      line->setPen(QPen(QColor(0x40, 0x40, 0x40), 2));
    }
    start = c;
  }
  m_plot->xAxis2->setTicker(groupTicker);
  m_rowMark = new QCPItemRect(m_plot);
  m_rowMark->setPen(QPen(QColor(0x20, 0x20, 0x20), 1, Qt::DashLine));
  m_cellMark = new QCPItemRect(m_plot);
  m_cellMark->setPen(QPen(Qt::black, 2.5));
  updateSelectionMark();
}

void AttributionHeatmap::updateSelectionMark() {
  const bool selected = m_selectedRow >= 0 && m_selectedColumn >= 0;
  m_rowMark->setVisible(selected);
  m_cellMark->setVisible(selected);
  if (selected) {
    m_rowMark->topLeft->setCoords(-0.5, m_selectedRow - 0.5);
    m_rowMark->bottomRight->setCoords(columnCount() - 0.5, m_selectedRow + 0.5);
    m_cellMark->topLeft->setCoords(m_selectedColumn - 0.5, m_selectedRow - 0.5);
    m_cellMark->bottomRight->setCoords(m_selectedColumn + 0.5, m_selectedRow + 0.5);
  }
  // A hidden plot has no paint buffer to draw into; showEvent() draws it when it appears.
  if (m_plot->isVisible()) m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void AttributionHeatmap::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void AttributionHeatmap::selectCell(int row, int column) {
  const bool valid = row >= 0 && row < rowCount() && column >= 0 && column < columnCount();
  m_selectedRow = valid ? row : -1;
  m_selectedColumn = valid ? column : -1;
  updateSelectionMark();
  if (valid) Q_EMIT cellSelected(row, column);
}

QPoint AttributionHeatmap::cellCentre(int row, int column) const {
  return QPoint(qRound(m_plot->xAxis->coordToPixel(column)), qRound(m_plot->yAxis->coordToPixel(row)));
}

QPoint AttributionHeatmap::cellAt(const QPoint& pos) const {
  const QRect rect = m_plot->axisRect()->rect();
  const int row = qRound(m_plot->yAxis->pixelToCoord(pos.y()));
  if (row < 0 || row >= rowCount() || pos.y() < rect.top() || pos.y() > rect.bottom()) return {-1, -1};
  // Left of the map (on the row labels) the row is meant with the column already selected.
  if (pos.x() < rect.left()) return {std::max(m_selectedColumn, 0), row};
  const int column = qRound(m_plot->xAxis->pixelToCoord(pos.x()));
  if (column < 0 || column >= columnCount() || pos.x() > rect.right()) return {-1, -1};
  return {column, row};
}

void AttributionHeatmap::onMousePress(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  setFocus(Qt::MouseFocusReason);  // the arrow keys move on from the clicked cell
  const QPoint cell = cellAt(event->pos());
  if (cell.x() >= 0) selectCell(cell.y(), cell.x());
}

void AttributionHeatmap::onMouseMove(QMouseEvent* event) {
  const QPoint cell = cellAt(event->pos());
  if (cell.x() < 0) {
    QToolTip::hideText();
    return;
  }
  QToolTip::showText(event->globalPosition().toPoint(), cellToolTip(cell.y(), cell.x()), m_plot);
}

void AttributionHeatmap::keyPressEvent(QKeyEvent* event) {
  if (rowCount() == 0) return QWidget::keyPressEvent(event);
  int row = std::max(m_selectedRow, 0);
  int column = std::max(m_selectedColumn, 0);
  switch (event->key()) {
    case Qt::Key_Up:
      row = std::max(0, row - 1);
      break;
    case Qt::Key_Down:
      row = std::min(rowCount() - 1, row + (m_selectedRow < 0 ? 0 : 1));
      break;
    case Qt::Key_Left:
      column = std::max(0, column - 1);
      break;
    case Qt::Key_Right:
      column = std::min(columnCount() - 1, column + (m_selectedColumn < 0 ? 0 : 1));
      break;
    default:
      return QWidget::keyPressEvent(event);
  }
  selectCell(row, column);
}

}  // namespace reclens
