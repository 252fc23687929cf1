#include "whatif/historytimeline.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "plots/plotstyle.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
constexpr double kOtherLane = 0.0;  // items with no category
constexpr double kClickRadius = 9.0;

QCPGraph* dotGraph(QCustomPlot* plot, const QString& name, QCPScatterStyle style) {
  QCPGraph* g = plot->addGraph();
  g->setName(name);
  g->setLineStyle(QCPGraph::lsNone);
  g->setScatterStyle(style);
  return g;
}
}  // namespace

HistoryTimeline::HistoryTimeline(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  plotstyle::apply(m_plot, tr("History over time"));
  const QColor kept = plotstyle::series(0);
  m_kept = dotGraph(m_plot, tr("in history"),
                    QCPScatterStyle(QCPScatterStyle::ssCircle, kept.darker(130),
                                    QColor(kept.red(), kept.green(), kept.blue(), 170), 7));
  m_reweighted = dotGraph(
      m_plot, tr("re-weighted"),
      QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(0xb0, 0x6a, 0x00), QColor(0xf2, 0x8e, 0x2b), 8));
  m_removed = dotGraph(
      m_plot, tr("toggled off"),
      QCPScatterStyle(QCPScatterStyle::ssCross, QPen(QColor(0x90, 0x90, 0x90), 1.5), Qt::NoBrush, 8));
  m_added = dotGraph(
      m_plot, tr("added"),
      QCPScatterStyle(QCPScatterStyle::ssDiamond, QColor(0x1b, 0x7f, 0x3b), QColor(0x59, 0xa1, 0x4f), 9));
  m_later = dotGraph(
      m_plot, tr("after replay time"),
      QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(0xc8, 0xc8, 0xc8), QColor(0xee, 0xee, 0xee), 6));
  m_cut = new QCPItemStraightLine(m_plot);
  m_cut->setPen(QPen(QColor(0xc0, 0x39, 0x2b), 2, Qt::DashLine));
  m_cut->setVisible(false);
  m_plot->legend->setVisible(true);
  // One row of legend entries above the top lane (the y range leaves room for it).
  m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  m_plot->legend->setWrap(8);
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
  m_plot->setMinimumHeight(170);
  connect(m_plot, &QCustomPlot::mousePress, this, &HistoryTimeline::onMousePress);
  plotstyle::setPlaceholder(m_plot, tr("No user selected"));
}

void HistoryTimeline::setHistory(std::shared_ptr<const DatasetSnapshot> snapshot,
                                 std::vector<HistoryEvent> events) {
  m_snapshot = std::move(snapshot);
  m_events = std::move(events);
  m_state = {};
  m_asOf.reset();
  m_categoryField = m_snapshot ? m_snapshot->dataset().items.fieldIndex("category") : -1;
  m_dates = !m_snapshot || m_snapshot->dataset().info.timeUnit == TimeUnit::UnixSeconds;
  // One lane per category present in the history, the most frequent at the top.
  m_laneOfCode.clear();
  auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  if (m_snapshot && m_categoryField >= 0) {
    const auto& field = m_snapshot->dataset().items.fields[static_cast<std::size_t>(m_categoryField)];
    std::vector<int> count(field.vocabulary().size(), 0);
    for (const auto& e : m_events) {
      const auto code = field.codeAt(static_cast<std::size_t>(e.item));
      if (code >= 0) ++count[static_cast<std::size_t>(code)];
    }
    std::vector<int> codes;
    for (std::size_t c = 0; c < count.size(); ++c) {
      if (count[c] > 0) codes.push_back(static_cast<int>(c));
    }
    std::stable_sort(codes.begin(), codes.end(), [&count](int a, int b) {
      return count[static_cast<std::size_t>(a)] < count[static_cast<std::size_t>(b)];
    });
    m_laneOfCode.assign(field.vocabulary().size(), -1);
    for (std::size_t lane = 0; lane < codes.size(); ++lane) {
      m_laneOfCode[static_cast<std::size_t>(codes[lane])] = static_cast<std::int32_t>(lane + 1);
      ticker->addTick(static_cast<double>(lane + 1),
                      display::text(field.vocabulary()[static_cast<std::size_t>(codes[lane])]));
    }
  }
  ticker->addTick(kOtherLane, tr("other"));
  m_plot->yAxis->setTicker(ticker);
  if (m_dates) {
    auto dates = QSharedPointer<QCPAxisTickerDateTime>(new QCPAxisTickerDateTime);
    dates->setDateTimeFormat(QStringLiteral("yyyy-MM-dd"));
    dates->setDateTimeSpec(Qt::UTC);
    // A full date is wide: more than three run into each other on the What-if page's narrow column.
    dates->setTickCount(3);
    m_plot->xAxis->setTicker(dates);
  } else {
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  }
  rebuild();
}

void HistoryTimeline::setState(const WhatIfState& state) {
  m_state = state;
  rebuild();
}

void HistoryTimeline::setReplayTime(std::optional<std::int64_t> asOf) {
  m_asOf = asOf;
  rebuild();
}

double HistoryTimeline::laneOf(std::int32_t item) const {
  if (m_categoryField < 0) return kOtherLane;
  const auto code = m_snapshot->dataset().items.fields[static_cast<std::size_t>(m_categoryField)].codeAt(
      static_cast<std::size_t>(item));
  if (code < 0 || static_cast<std::size_t>(code) >= m_laneOfCode.size() ||
      m_laneOfCode[static_cast<std::size_t>(code)] < 0)
    return kOtherLane;
  return static_cast<double>(m_laneOfCode[static_cast<std::size_t>(code)]);
}

double HistoryTimeline::xOf(std::int64_t ts) const {
  return static_cast<double>(ts);
}

void HistoryTimeline::rebuild() {
  for (QCPGraph* g : {m_kept, m_reweighted, m_removed, m_added, m_later}) g->data()->clear();
  m_cut->setVisible(false);
  if (!m_snapshot || m_events.empty()) {
    plotstyle::setPlaceholder(m_plot, m_snapshot ? tr("This user has no history") : tr("No user selected"));
    plotstyle::replotShown(m_plot);
    return;
  }
  plotstyle::setPlaceholder(m_plot, {});
  const double first = xOf(m_events.front().ts);
  const double last = xOf(m_events.back().ts);
  const double span = std::max(last - first, m_dates ? 86400.0 : 1.0);
  for (const auto& e : m_events) {
    QCPGraph* g = m_kept;
    if (m_asOf && e.ts > *m_asOf) {
      g = m_later;
    } else if (m_state.removed.count(e.item) != 0) {
      g = m_removed;
    } else if (m_state.weights.count(e.item) != 0) {
      g = m_reweighted;
    }
    g->addData(xOf(e.ts), laneOf(e.item));
  }
  // Added items have no time of their own: they join the history "now", right of the last event.
  const double now = last + span * 0.04;
  for (const auto& [item, weight] : m_state.added) {
    if (m_state.removed.count(item) == 0) m_added->addData(now, laneOf(item));
  }
  if (m_asOf) {
    m_cut->point1->setCoords(xOf(*m_asOf), 0);
    m_cut->point2->setCoords(xOf(*m_asOf), 1);
    m_cut->setVisible(true);
  }
  const double lanes = m_laneOfCode.empty()
                           ? 1.0
                           : static_cast<double>(*std::max_element(m_laneOfCode.begin(), m_laneOfCode.end()));
  m_plot->xAxis->setRange(first - span * 0.03, now + span * 0.03);
  m_plot->yAxis->setRange(-0.7, lanes + 1.4);
  for (QCPGraph* g : {m_kept, m_reweighted, m_removed, m_added, m_later}) {
    if (g->data()->isEmpty()) {
      g->removeFromLegend();
    } else {
      g->addToLegend();
    }
  }
  plotstyle::replotShown(m_plot);
}

int HistoryTimeline::keptCount() const {
  return m_kept->data()->size() + m_reweighted->data()->size();
}

int HistoryTimeline::removedCount() const {
  return m_removed->data()->size();
}

int HistoryTimeline::laterCount() const {
  return m_later->data()->size();
}

QPoint HistoryTimeline::dotPosition(std::int32_t item) const {
  for (const auto& e : m_events) {
    if (e.item != item) continue;
    return QPoint(static_cast<int>(std::lround(m_plot->xAxis->coordToPixel(xOf(e.ts)))),
                  static_cast<int>(std::lround(m_plot->yAxis->coordToPixel(laneOf(item)))));
  }
  return {};
}

void HistoryTimeline::onMousePress(QMouseEvent* event) {
  const QPointF pos = event->position();
  double best = kClickRadius * kClickRadius;
  std::int32_t hit = -1;
  for (const auto& e : m_events) {
    if (m_asOf && e.ts > *m_asOf) continue;
    const double dx = m_plot->xAxis->coordToPixel(xOf(e.ts)) - pos.x();
    const double dy = m_plot->yAxis->coordToPixel(laneOf(e.item)) - pos.y();
    const double d = dx * dx + dy * dy;
    if (d < best) {
      best = d;
      hit = e.item;
    }
  }
  if (hit >= 0) Q_EMIT itemClicked(hit);
}

}  // namespace reclens
