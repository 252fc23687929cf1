#include "dashboards/longtailpage.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

#include <qcustomplot.h>

#include "audit/longtailmetrics.h"
#include "dashboards/auditrunbar.h"
#include "dashboards/exposureplot.h"
#include "dashboards/metriccard.h"
#include "dashboards/popularityplot.h"
#include "dashboards/tradeoffsweep.h"
#include "engine/userprofilebuilder.h"
#include "plots/plotexport.h"
#include "plots/plotstyle.h"
#include "services/auditservice.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
// Points drawn per Lorenz curve: plenty for a smooth curve at any catalog size.
constexpr std::size_t kLorenzPoints = 512;
// Seed of the trade-off sweep's user sample, so that the curve is reproducible.
constexpr std::uint64_t kSweepSeed = 1;

QString number(double value, int decimals) {
  return QLocale().toString(value, 'f', decimals);
}

QString percent(double share) {
  return QLocale().toString(100.0 * share, 'f', 1) + QLatin1Char('%');
}

QCustomPlot* newPlot(QWidget* parent, const QString& title, const QString& fileName) {
  auto* plot = new QCustomPlot(parent);
  plot->setMinimumSize(360, 260);
  plotstyle::apply(plot, title);
  plotexport::installPlotMenu(plot, fileName);
  return plot;
}
}  // namespace

std::vector<double> LongTailPage::sweepLambdas() {
  std::vector<double> lambdas;
  for (int step = 0; step <= 20; ++step) lambdas.push_back(step / 20.0);
  return lambdas;
}

LongTailPage::LongTailPage(AuditService& audit, QWidget* parent)
    : QWidget(parent),
      m_audit(audit),
      m_sweep(new TradeoffSweep(this)),
      m_runBar(new AuditRunBar(audit, this)),
      m_popularity(newPlot(this, tr("Popularity distribution"), QStringLiteral("popularity-distribution"))),
      m_lorenz(newPlot(this, tr("Lorenz curves"), QStringLiteral("lorenz-curves"))),
      m_tiers(newPlot(this, tr("Exposure by popularity tier"), QStringLiteral("tier-exposure"))),
      m_tradeoff(newPlot(this, tr("Accuracy vs coverage as the popularity penalty λ grows"),
                         QStringLiteral("accuracy-coverage-tradeoff"))),
      m_sweepStatus(new QLabel(this)) {
  auto* top = new QHBoxLayout;
  top->addWidget(m_runBar, 1);
  top->addWidget(buildExportButton());

  auto* plots = new QGridLayout;
  plots->addWidget(m_popularity, 0, 0);
  plots->addWidget(m_lorenz, 0, 1);
  plots->addWidget(m_tradeoff, 1, 0);
  plots->addWidget(m_tiers, 1, 1);
  plots->setRowStretch(0, 1);
  plots->setRowStretch(1, 1);

  m_sweepStatus->setWordWrap(true);
  auto* column = new QVBoxLayout(this);
  column->addLayout(top);
  column->addWidget(buildCards());
  column->addLayout(plots, 1);
  column->addWidget(m_sweepStatus);

  connect(&m_audit, &AuditService::sessionChanged, this, &LongTailPage::clear);
  connect(&m_audit, &AuditService::auditFinished, this, &LongTailPage::showOutcome);
  connect(m_sweep, &TradeoffSweep::pointReady, this, [this](const TradeoffPoint& point) {
    m_points.push_back(point);
    std::sort(m_points.begin(), m_points.end(),
              [](const TradeoffPoint& a, const TradeoffPoint& b) { return a.lambda < b.lambda; });
    drawTradeoff();
  });
  connect(m_sweep, &TradeoffSweep::failed, this,
          [this](const QString& message) { m_sweepStatus->setText(message); });
  connect(m_sweep, &TradeoffSweep::completed, this, [this] {
    const auto& outcome = m_audit.outcome();
    m_sweepStatus->setText(
        tr("Trade-off: %1 λ values on a sample of %2 users with a held-out item (seed %3); each list is the "
           "model's candidates re-ranked with the popularity penalty alone, measured @K against held-out "
           "items.")
            .arg(m_points.size())
            .arg(outcome ? std::min<std::size_t>(kSweepUsers, outcome->result.evaluatedUsers) : 0)
            .arg(kSweepSeed));
  });
  clear();
}

LongTailPage::~LongTailPage() = default;

QWidget* LongTailPage::buildCards() {
  const struct {
    QString caption;
    QString tip;
  } specs[CardCount] = {
      {tr("Coverage"), tr("Item coverage@K: share of the catalog recommended to at least one user")},
      {tr("Gini"),
       tr("Gini index of exposure over every catalog item, zeros included (0 = equal exposure, 1 = "
          "one item gets everything); RecBole's formula")},
      {tr("ARP"), tr("Average recommendation popularity: mean train interactions of the listed items")},
      {tr("APLT"), tr("Average percentage of long-tail items per list; the short head holds 80% of the train "
                      "interactions, the long tail is the rest (Elliot)")},
      {tr("Tail %"),
       tr("Share of listed items among the least popular items (RecBole TailPercentage with the "
          "audit's tail ratio)")},
      {tr("Novelty"), tr("Mean self-information −log2(popularity share) of the recommended items, in bits "
                         "(Castells)")},
      {tr("Diversity"), tr("Intra-list diversity: 1 − mean pairwise cosine similarity of the listed items' "
                           "embeddings")},
      {tr("Entropy"), tr("Entropy of the exposure distribution over the catalog, in bits")},
      {tr("NDCG"),
       tr("NDCG@K against each user's held-out items, for comparison with the long-tail metrics")}};
  auto* row = new QWidget(this);
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  for (int c = 0; c < CardCount; ++c) {
    m_cards[c] = new MetricCard(specs[c].caption, specs[c].tip, row);
    layout->addWidget(m_cards[c], 1);
  }
  return row;
}

QToolButton* LongTailPage::buildExportButton() {
  auto* button = new QToolButton(this);
  button->setText(tr("Export"));
  button->setToolTip(tr("Save a plot of this page as PNG or SVG"));
  button->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(button);
  for (auto* plot : {m_popularity, m_lorenz, m_tradeoff, m_tiers}) {
    menu->addAction(tr("%1…").arg(plot->windowTitle()), this,
                    [this, plot] { plotexport::exportPlot(this, plot, plot->windowTitle()); });
  }
  button->setMenu(menu);
  return button;
}

void LongTailPage::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  for (auto* plot : {m_popularity, m_lorenz, m_tiers, m_tradeoff}) plot->replot();
}

void LongTailPage::setCurrentPenalty(double lambda) {
  m_currentLambda = lambda;
  drawTradeoff();
}

void LongTailPage::clear() {
  m_sweep->cancel();
  m_points.clear();
  for (auto* card : m_cards) card->clear();
  const QString hint = m_audit.session() ? tr("Run an audit to see this plot") : tr("No model loaded");
  for (auto* plot : {m_popularity, m_lorenz, m_tiers, m_tradeoff}) {
    plot->clearPlottables();
    plot->clearItems();
    plot->legend->setVisible(false);
    plotstyle::setPlaceholder(plot, hint);
    plotstyle::replotShown(plot);
  }
  m_sweepStatus->clear();
}

void LongTailPage::showOutcome() {
  const auto& outcome = m_audit.outcome();
  if (!outcome) return;
  const auto& r = outcome->result;
  const int k = r.partial.config.k;
  const auto catalog = static_cast<qint64>(r.partial.numItems);
  const auto covered = static_cast<qint64>(std::count_if(
      r.partial.exposureCount.begin(), r.partial.exposureCount.end(), [](std::int64_t c) { return c > 0; }));
  m_cards[Coverage]->setValue(
      percent(r.itemCoverage),
      tr("%1 of %2 items @%3").arg(display::count(covered), display::count(catalog)).arg(k));
  m_cards[Gini]->setValue(number(r.gini, 3),
                          tr("train interactions: %1").arg(number(giniIndex(outcome->trainPopularity), 3)));
  const double meanPopularity =
      catalog > 0 ? std::accumulate(outcome->trainPopularity.begin(), outcome->trainPopularity.end(), 0.0) /
                        static_cast<double>(catalog)
                  : 0.0;
  m_cards[Arp]->setValue(number(r.averagePopularity, 1),
                         tr("catalog mean %1").arg(number(meanPopularity, 1)));
  const auto head = shortHeadItems(outcome->trainPopularity);
  const auto headSize = std::count(head.begin(), head.end(), true);
  m_cards[Aplt]->setValue(percent(r.aplt), tr("long tail: %1 items").arg(display::count(catalog - headSize)));
  m_cards[TailShare]->setValue(percent(r.tailPercentage),
                               tr("tail: least popular %1").arg(percent(r.partial.config.tailRatio)));
  m_cards[Novelty]->setValue(number(r.novelty, 2), tr("bits per item"));
  m_cards[Diversity]->setValue(number(r.intraListDiversity, 3), tr("1 − mean cosine"));
  m_cards[Entropy]->setValue(
      number(r.exposureEntropyBits, 2),
      tr("of at most %1 bits").arg(number(catalog > 0 ? std::log2(double(catalog)) : 0.0, 1)));
  m_cards[Ndcg]->setValue(
      number(r.accuracy.ndcg, 4),
      tr("recall %1 · %2 users")
          .arg(number(r.accuracy.recall, 3), display::count(static_cast<qint64>(r.evaluatedUsers))));
  for (auto* plot : {m_popularity, m_lorenz, m_tiers, m_tradeoff}) plotstyle::setPlaceholder(plot, {});
  drawPopularity();
  drawLorenz();
  const auto tiers = std::find_if(r.itemGroups.begin(), r.itemGroups.end(),
                                  [](const ItemGrouping& g) { return g.name == "tier"; });
  if (tiers != r.itemGroups.end()) {
    drawExposureShares(m_tiers, *tiers, 3);
  } else {
    plotstyle::setPlaceholder(m_tiers, tr("The audit has no tier grouping"));
  }
  plotstyle::replotShown(m_tiers);
  startSweep();
}

void LongTailPage::drawPopularity() {
  const auto& outcome = *m_audit.outcome();
  drawPopularityDistribution(m_popularity, outcome.trainPopularity, outcome.result.partial.exposureCount);
  plotstyle::replotShown(m_popularity);
}

void LongTailPage::drawLorenz() {
  const auto& outcome = *m_audit.outcome();
  const auto& exposure = outcome.result.partial.exposureCount;
  const auto toDouble = [](const std::vector<std::int64_t>& counts) {
    return std::vector<double>(counts.begin(), counts.end());
  };
  m_lorenz->clearPlottables();
  m_lorenz->clearItems();
  auto* equality = m_lorenz->addGraph();
  equality->setName(tr("Equal exposure"));
  equality->setPen(QPen(QColor(0x90, 0x90, 0x90), 1, Qt::DashLine));
  equality->setData({0.0, 1.0}, {0.0, 1.0}, true);
  const struct {
    QString name;
    std::vector<LorenzPoint> points;
    double gini;
    QColor colour;
  } curves[] = {{tr("Train interactions"), lorenzCurve(toDouble(outcome.trainPopularity), kLorenzPoints),
                 giniIndex(outcome.trainPopularity), plotstyle::series(0)},
                {tr("Recommendation exposure"), lorenzCurve(toDouble(exposure), kLorenzPoints),
                 outcome.result.gini, plotstyle::series(1)}};
  for (const auto& curve : curves) {
    QVector<double> x, y;
    for (const auto& p : curve.points) {
      x.push_back(p.items);
      y.push_back(p.exposure);
    }
    auto* graph = m_lorenz->addGraph();
    graph->setName(tr("%1 (Gini %2)").arg(curve.name, number(curve.gini, 3)));
    graph->setPen(QPen(curve.colour, 2));
    QColor fill = curve.colour;
    fill.setAlpha(30);
    graph->setBrush(fill);
    graph->setChannelFillGraph(equality);
    graph->setData(x, y, true);
  }
  m_lorenz->xAxis->setLabel(tr("Share of items, least exposed first"));
  m_lorenz->yAxis->setLabel(tr("Cumulative share"));
  m_lorenz->xAxis->setRange(0.0, 1.0);
  m_lorenz->yAxis->setRange(0.0, 1.0);
  m_lorenz->legend->setVisible(true);
  m_lorenz->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  plotstyle::replotShown(m_lorenz);
}

void LongTailPage::startSweep() {
  m_points.clear();
  const auto& outcome = m_audit.outcome();
  if (!outcome) return;
  m_sweepStatus->setText(tr("Sweeping the popularity penalty λ on %1 users…").arg(kSweepUsers));
  drawTradeoff();
  m_sweep->start(outcome, sweepLambdas(), kSweepUsers, kSweepSeed);
}

void LongTailPage::drawTradeoff() {
  if (!m_audit.outcome()) return;  // the placeholder stays
  m_tradeoff->clearPlottables();
  m_tradeoff->clearItems();
  const int k = m_audit.outcome()->result.partial.config.k;
  m_tradeoff->xAxis->setLabel(tr("Item coverage@%1 (%)").arg(k));
  m_tradeoff->yAxis->setLabel(tr("NDCG@%1").arg(k));
  if (m_points.empty()) {
    plotstyle::setPlaceholder(m_tradeoff, tr("Sweeping λ…"));
    plotstyle::replotShown(m_tradeoff);
    return;
  }
  QVector<double> x, y;
  for (const auto& p : m_points) {
    x.push_back(100.0 * p.coverage);
    y.push_back(p.ndcg);
  }
  auto* curve = new QCPCurve(m_tradeoff->xAxis, m_tradeoff->yAxis);
  curve->setName(tr("λ from 0 to 1"));
  curve->setPen(QPen(plotstyle::series(0), 2));
  curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, plotstyle::series(0), Qt::white, 6));
  curve->setData(x, y);
  for (std::size_t n = 0; n < m_points.size(); ++n) {
    const double lambda = m_points[n].lambda;
    if (std::abs(lambda * 4.0 - std::round(lambda * 4.0)) > 1e-9) continue;  // label 0, 0.25, 0.5, …
    auto* label = new QCPItemText(m_tradeoff);
    label->position->setCoords(x[qsizetype(n)], y[qsizetype(n)]);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    label->setPadding(QMargins(6, 0, 0, 4));
    label->setColor(QColor(0x40, 0x40, 0x40));
    label->setText(QStringLiteral("λ=%1").arg(number(lambda, 2)));
  }
  // The current λ: interpolated between the two sweep points around it.
  const auto above = std::lower_bound(m_points.begin(), m_points.end(), m_currentLambda,
                                      [](const TradeoffPoint& p, double l) { return p.lambda < l; });
  if (above != m_points.end() && (above->lambda == m_currentLambda || above != m_points.begin())) {
    double cx = 100.0 * above->coverage, cy = above->ndcg;
    if (above->lambda != m_currentLambda) {
      const auto below = std::prev(above);
      const double t = (m_currentLambda - below->lambda) / (above->lambda - below->lambda);
      cx = 100.0 * (below->coverage + t * (above->coverage - below->coverage));
      cy = below->ndcg + t * (above->ndcg - below->ndcg);
    }
    auto* marker = m_tradeoff->addGraph();
    marker->setName(tr("Current λ = %1 (Recommendations page)").arg(number(m_currentLambda, 2)));
    marker->setLineStyle(QCPGraph::lsNone);
    marker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(QColor(0xb0, 0x00, 0x20), 2),
                                            QColor(0xe1, 0x57, 0x59), 13));
    marker->setData({cx}, {cy}, true);
  }
  plotstyle::setPlaceholder(m_tradeoff, {});
  m_tradeoff->rescaleAxes();
  for (QCPAxis* axis : {m_tradeoff->xAxis, m_tradeoff->yAxis}) {
    const auto range = axis->range();
    const double pad = std::max(range.size() * 0.08, std::abs(range.center()) * 0.02 + 1e-6);
    // The x axis gets room on the right for the last λ label.
    axis->setRange(range.lower - pad, range.upper + (axis == m_tradeoff->xAxis ? 2.0 : 1.0) * pad);
  }
  m_tradeoff->legend->setVisible(true);
  plotstyle::legendBelow(m_tradeoff);
  plotstyle::replotShown(m_tradeoff);
}

}  // namespace reclens
