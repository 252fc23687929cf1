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
#include "dashboards/tradeoffpanel.h"
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
  return TradeoffPanel::sweepValues(TradeoffKnob::PopularityPenalty);
}

LongTailPage::LongTailPage(AuditService& audit, QWidget* parent)
    : QWidget(parent),
      m_audit(audit),
      m_runBar(new AuditRunBar(audit, this)),
      m_popularity(newPlot(this, tr("Popularity distribution"), QStringLiteral("popularity-distribution"))),
      m_lorenz(newPlot(this, tr("Lorenz curves"), QStringLiteral("lorenz-curves"))),
      m_tiers(newPlot(this, tr("Exposure by popularity tier"), QStringLiteral("tier-exposure"))),
      m_tradeoff(new TradeoffPanel(audit, this)) {
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

  auto* column = new QVBoxLayout(this);
  column->addLayout(top);
  column->addWidget(buildCards());
  column->addLayout(plots, 1);

  connect(&m_audit, &AuditService::sessionChanged, this, &LongTailPage::clear);
  connect(&m_audit, &AuditService::auditFinished, this, &LongTailPage::showOutcome);
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
  for (auto* plot : {m_popularity, m_lorenz, m_tradeoff->plot(), m_tiers}) {
    menu->addAction(tr("%1…").arg(plot->windowTitle()), this,
                    [this, plot] { plotexport::exportPlot(this, plot, plot->windowTitle()); });
  }
  button->setMenu(menu);
  return button;
}

void LongTailPage::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  for (auto* plot : {m_popularity, m_lorenz, m_tiers, m_tradeoff->plot()}) plot->replot();
}

void LongTailPage::setCurrentReRank(const ReRankOptions& options) {
  m_tradeoff->setCurrentReRank(options);
}

void LongTailPage::setCurrentPenalty(double lambda) {
  ReRankOptions options;
  options.popularityPenalty = lambda;
  m_tradeoff->setCurrentReRank(options);
}

double LongTailPage::currentPenalty() const {
  return m_tradeoff->knob() == TradeoffKnob::PopularityPenalty ? m_tradeoff->currentValue() : 0.0;
}

QCustomPlot* LongTailPage::tradeoffPlot() const {
  return m_tradeoff->plot();
}

TradeoffSweep& LongTailPage::sweep() const {
  return m_tradeoff->sweep();
}

const std::vector<TradeoffPoint>& LongTailPage::tradeoffPoints() const {
  return m_tradeoff->points();
}

void LongTailPage::clear() {
  for (auto* card : m_cards) card->clear();
  const QString hint = m_audit.session() ? tr("Run an audit to see this plot") : tr("No model loaded");
  m_tradeoff->clear(hint);
  for (auto* plot : {m_popularity, m_lorenz, m_tiers}) {
    plot->clearPlottables();
    plot->clearItems();
    plot->legend->setVisible(false);
    plotstyle::setPlaceholder(plot, hint);
    plotstyle::replotShown(plot);
  }
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
  for (auto* plot : {m_popularity, m_lorenz, m_tiers}) plotstyle::setPlaceholder(plot, {});
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
  m_tradeoff->start();
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

}  // namespace reclens
