#include "simulation/simulationplot.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

#include <qcustomplot.h>

#include "plots/plotexport.h"
#include "plots/plotstyle.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
// Opacity of a policy's interval band.
constexpr int kBandAlpha = 45;
}  // namespace

SimulationPlot::SimulationPlot(QWidget* parent)
    : QWidget(parent),
      m_series(new QComboBox(this)),
      m_export(new QToolButton(this)),
      m_plot(new QCustomPlot(this)) {
  m_series->setToolTip(tr("The figure plotted against the round, for every policy."));
  m_series->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_plot->setMinimumSize(420, 260);
  m_plot->setToolTip(
      tr("Each line is a policy's mean over the seeds finished so far, the band its 95% interval; click a "
         "point to see that round's slates."));
  plotstyle::apply(m_plot, tr("Simulation"));
  plotexport::installPlotMenu(m_plot, QStringLiteral("simulation"));
  // Rounds are whole numbers: ticks at multiples of 1, 2, 5, 10, …
  QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
  ticker->setTickStep(1.0);
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  m_plot->xAxis->setTicker(ticker);
  m_plot->xAxis->setSubTicks(false);

  m_export->setText(tr("Export"));
  m_export->setToolTip(tr("Save the plot as PNG or SVG, or its numbers as CSV."));
  m_export->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(m_export);
  menu->addAction(tr("Plot as PNG or SVG…"), this,
                  [this] { plotexport::exportPlot(this, m_plot, QStringLiteral("simulation")); });
  menu->addAction(tr("Numbers as CSV…"), this, &SimulationPlot::exportCsv);
  m_export->setMenu(menu);

  auto* top = new QHBoxLayout;
  auto* label = new QLabel(tr("&Plot:"), this);
  label->setBuddy(m_series);
  top->addWidget(label);
  top->addWidget(m_series);
  top->addStretch(1);
  top->addWidget(m_export);
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);
  column->addLayout(top);
  column->addWidget(m_plot, 1);

  connect(m_series, &QComboBox::currentIndexChanged, this, &SimulationPlot::draw);
  connect(m_plot, &QCustomPlot::mousePress, this, &SimulationPlot::onMousePress);
  clear(tr("Run a simulation to see this plot"));
}

simlabels::Series SimulationPlot::series() const {
  return simlabels::Series::fromCode(m_series->currentIndex() >= 0 ? m_series->currentData().toInt()
                                                                   : sim::kCumulativeTakes);
}

void SimulationPlot::clear(const QString& placeholder) {
  m_result.reset();
  m_markedRound = 0;
  m_plot->clearPlottables();
  m_plot->clearItems();
  m_plot->legend->setVisible(false);
  plotstyle::setPlaceholder(m_plot, placeholder);
  plotstyle::replotShown(m_plot);
}

void SimulationPlot::showResult(std::shared_ptr<const sim::SimResult> result) {
  const bool newRun = !m_result || !result || m_result.get() != result.get();
  m_result = std::move(result);
  if (newRun) m_markedRound = 0;
  rebuildChooser();
  draw();
}

void SimulationPlot::rebuildChooser() {
  if (!m_result) return;
  // Rebuilt only when the attributes change, so that the choice survives live updates.
  const auto all = simlabels::plotSeries(*m_result);
  const int count = static_cast<int>(all.size());
  bool same = m_series->count() == count;
  for (int i = 0; same && i < count; ++i)
    same = m_series->itemData(i).toInt() == all[static_cast<std::size_t>(i)].code() &&
           m_series->itemText(i) == simlabels::seriesText(all[static_cast<std::size_t>(i)], *m_result);
  if (same) return;
  const int chosen = m_series->currentIndex() >= 0 ? m_series->currentData().toInt() : sim::kCumulativeTakes;
  const QSignalBlocker block(m_series);
  m_series->clear();
  for (const auto& series : all) m_series->addItem(simlabels::seriesText(series, *m_result), series.code());
  const int at = m_series->findData(chosen);
  m_series->setCurrentIndex(at >= 0 ? at : std::max(0, m_series->findData(sim::kCumulativeTakes)));
}

void SimulationPlot::markRound(int round) {
  m_markedRound = round;
  draw();
}

void SimulationPlot::draw() {
  if (!m_result) return;
  const auto& r = *m_result;
  const auto s = series();
  m_plot->clearPlottables();
  m_plot->clearItems();
  plotstyle::apply(m_plot, simlabels::seriesText(s, r));
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (std::size_t p = 0; p < r.runs.size(); ++p) {
    const auto& run = r.runs[p];
    QVector<double> x, mean, bandX, bandY, upper;
    for (int round = 0; round < r.config.rounds; ++round) {
      const auto i = simlabels::seriesInterval(*m_result, run, s, round);
      if (i.n == 0 || !std::isfinite(i.mean)) continue;
      x.push_back(round + 1);
      mean.push_back(i.mean);
      bandX.push_back(round + 1);
      bandY.push_back(i.low);
      upper.push_back(i.high);
      low = std::min(low, i.low);
      high = std::max(high, i.high);
    }
    const QColor colour = plotstyle::series(static_cast<int>(p));
    // The band: the lower bound left to right, then the upper bound back, as one closed polygon.
    auto* band = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    for (qsizetype n = upper.size() - 1; n >= 0; --n) {
      bandX.push_back(x[n]);
      bandY.push_back(upper[n]);
    }
    QVector<double> order(bandX.size());
    for (qsizetype n = 0; n < order.size(); ++n) order[n] = static_cast<double>(n);
    band->setData(order, bandX, bandY, true);
    QColor fill = colour;
    fill.setAlpha(kBandAlpha);
    band->setPen(Qt::NoPen);
    band->setBrush(fill);
    band->setSelectable(QCP::stNone);
    band->removeFromLegend();
    auto* graph = m_plot->addGraph();
    graph->setName(display::text(run.policy));
    graph->setPen(QPen(colour, 2));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, Qt::white, 5));
    graph->setData(x, mean, true);
  }
  const bool empty = !(high >= low);
  const bool played = std::any_of(r.runs.begin(), r.runs.end(), [](const sim::PolicyRun& run) {
    return std::any_of(run.seeds.begin(), run.seeds.end(),
                       [](const sim::SeedRun& seed) { return !seed.rounds.empty(); });
  });
  plotstyle::setPlaceholder(m_plot, !empty   ? QString()
                                    : played ? tr("This figure does not apply to this run")
                                             : tr("Waiting for the first round…"));
  m_plot->xAxis->setLabel(tr("Round"));
  m_plot->yAxis->setLabel(simlabels::seriesText(s, r));
  m_plot->xAxis->setRange(0.5, std::max(1, r.config.rounds) + 0.5);
  if (!empty) {
    const double pad = std::max((high - low) * 0.08, std::abs(high) * 0.02 + 1e-9);
    m_plot->yAxis->setRange(low - pad, high + pad);
  }
  if (m_markedRound > 0) {
    auto* line = new QCPItemStraightLine(m_plot);
    line->point1->setCoords(m_markedRound, 0.0);
    line->point2->setCoords(m_markedRound, 1.0);
    line->setPen(QPen(QColor(0x60, 0x60, 0x60), 1, Qt::DashLine));
  }
  m_plot->legend->setVisible(!r.runs.empty());
  plotstyle::legendBelow(m_plot);
  plotstyle::replotShown(m_plot);
}

void SimulationPlot::onMousePress(QMouseEvent* event) {
  if (!m_result || event->button() != Qt::LeftButton || m_plot->graphCount() == 0) return;
  const QPointF pos = event->position();
  if (!m_plot->axisRect()->rect().contains(pos.toPoint())) return;
  const int round = static_cast<int>(std::lround(m_plot->xAxis->pixelToCoord(pos.x())));
  if (round < 1 || round > m_result->config.rounds) return;
  // The policy whose point at that round is nearest on screen.
  int best = -1;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (int p = 0; p < m_plot->graphCount(); ++p) {
    const auto points = m_plot->graph(p)->data();
    const auto it = points->findBegin(round, false);
    if (it == points->constEnd() || it->key != round) continue;
    const double distance = std::abs(m_plot->yAxis->coordToPixel(it->value) - pos.y());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = p;
    }
  }
  if (best < 0) return;
  markRound(round);
  Q_EMIT pointClicked(best, round);
}

std::unique_ptr<QStandardItemModel> SimulationPlot::curveTable() const {
  auto model = std::make_unique<QStandardItemModel>();
  model->setHorizontalHeaderLabels(
      {tr("round"), tr("policy"), tr("mean"), tr("low"), tr("high"), tr("seeds")});
  if (!m_result) return model;
  const auto s = series();
  for (const auto& run : m_result->runs) {
    for (int round = 0; round < m_result->config.rounds; ++round) {
      const auto i = simlabels::seriesInterval(*m_result, run, s, round);
      if (i.n == 0) continue;
      QList<QStandardItem*> row;
      row << new QStandardItem(QString::number(round + 1)) << new QStandardItem(display::text(run.policy));
      for (const double v : {i.mean, i.low, i.high})
        row << new QStandardItem(std::isfinite(v) ? QString::number(v, 'g', 10) : QString());
      row << new QStandardItem(QString::number(i.n));
      model->appendRow(row);
    }
  }
  return model;
}

void SimulationPlot::exportCsv() {
  QString path = QFileDialog::getSaveFileName(this, tr("Export Numbers"),
                                              QDir::home().filePath(QStringLiteral("simulation.csv")),
                                              tr("CSV file (*.csv)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".csv");
  const auto model = curveTable();
  QString error;
  if (!plotexport::saveCsv(*model, path, &error)) QMessageBox::warning(this, tr("Export failed"), error);
}

}  // namespace reclens
