#include "itemview/itemviewexposure.h"

#include <qcustomplot.h>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

#include "plots/plotstyle.h"
#include "widgets/displayformat.h"

namespace reclens {

ItemExposureChart::ItemExposureChart(QWidget* parent)
    : QWidget(parent),
      m_period(new QComboBox(this)),
      m_message(new QLabel(this)),
      m_plot(new QCustomPlot(this)) {
  m_period->addItem(tr("per week"), static_cast<int>(TimeBucket::Week));
  m_period->addItem(tr("per month"), static_cast<int>(TimeBucket::Month));
  m_period->setToolTip(tr("Length of the periods counted"));
  m_message->setWordWrap(true);
  m_message->hide();
  auto* title = new QLabel(tr("<b>Exposure over time</b>: interactions"), this);
  auto* top = new QHBoxLayout;
  top->addWidget(title);
  top->addWidget(m_period);
  top->addStretch(1);
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);
  column->addLayout(top);
  column->addWidget(m_message);
  column->addWidget(m_plot, 1);

  m_plot->setMinimumHeight(140);
  auto ticker = QSharedPointer<QCPAxisTickerDateTime>(new QCPAxisTickerDateTime);
  ticker->setDateTimeSpec(Qt::UTC);
  ticker->setDateTimeFormat(QStringLiteral("yyyy-MM-dd"));
  // Three ticks: a full date is wide, and five of them run into each other on a half-width chart.
  ticker->setTickCount(3);
  m_plot->xAxis->setTicker(ticker);
  m_plot->yAxis->setLabel(tr("Count"));
  m_plot->legend->setVisible(true);
  m_plot->legend->setFont(font());
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  connect(m_period, &QComboBox::currentIndexChanged, this, &ItemExposureChart::refresh);
}

void ItemExposureChart::showItem(std::shared_ptr<const DatasetSnapshot> snapshot, std::int32_t item) {
  m_snapshot = std::move(snapshot);
  m_item = item;
  refresh();
}

void ItemExposureChart::refresh() {
  m_plot->clearPlottables();
  m_exposure = {};
  m_message->hide();
  if (m_snapshot && m_item >= 0) {
    const auto bucket = static_cast<TimeBucket>(m_period->currentData().toInt());
    const auto& dataset = m_snapshot->dataset();
    auto exposure = itemExposureOverTime(dataset.interactions, dataset.info.timeUnit, m_item, bucket);
    if (exposure) {
      m_exposure = std::move(exposure).value();
    } else {
      m_message->setText(dataset.info.timeUnit == TimeUnit::Sequence
                             ? tr("This project's timestamps are only an order per user, so there is no "
                                  "calendar to count by.")
                             : display::text(exposure.error().message));
      m_message->show();
    }
  }
  const auto& points = m_exposure.points;
  if (!points.empty()) {
    // Each bar stands in the middle of its period; months differ in length, so the narrowest sets the width.
    QVector<double> x, interactions, users;
    double top = 1.0;
    double period = 0.0;
    for (const auto& p : points) {
      const auto next = nextBucketStart(p.start, m_exposure.bucket);
      const double length = static_cast<double>(next - p.start);
      period = period == 0.0 ? length : std::min(period, length);
      x.push_back(static_cast<double>(p.start) + length / 2.0);
      interactions.push_back(static_cast<double>(p.interactions));
      users.push_back(static_cast<double>(p.users));
      top = std::max(top, static_cast<double>(p.interactions));
    }
    const double width = period * 0.8;
    auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    bars->setName(tr("Interactions"));
    bars->setWidth(width);
    bars->setPen(Qt::NoPen);
    bars->setBrush(QColor(0x3b, 0x75, 0xaf));
    bars->setData(x, interactions, true);
    auto* line = m_plot->addGraph();
    line->setName(tr("Distinct users"));
    line->setPen(QPen(QColor(0xe3, 0x77, 0x1c), 2));
    line->setData(x, users, true);
    m_plot->xAxis->setRange(x.front() - width, x.back() + width);
    m_plot->yAxis->setRange(0, top * 1.15);
  }
  m_plot->legend->setVisible(!points.empty());
  plotstyle::replotShown(m_plot);
}

}  // namespace reclens
