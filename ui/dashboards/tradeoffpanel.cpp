#include "dashboards/tradeoffpanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "dashboards/tradeoffsweep.h"
#include "plots/plotexport.h"
#include "plots/plotstyle.h"
#include "services/auditservice.h"

namespace reclens {

namespace {
QString number(double value, int decimals) {
  return QLocale().toString(value, 'f', decimals);
}
}  // namespace

TradeoffPanel::TradeoffPanel(AuditService& audit, QWidget* parent)
    : QWidget(parent),
      m_audit(audit),
      m_sweep(new TradeoffSweep(this)),
      m_knob(new QComboBox(this)),
      m_x(new QComboBox(this)),
      m_y(new QComboBox(this)),
      m_plot(new QCustomPlot(this)),
      m_status(new QLabel(this)) {
  m_plot->setMinimumSize(360, 240);
  plotstyle::apply(m_plot, tr("Re-ranking trade-off"));
  plotexport::installPlotMenu(m_plot, QStringLiteral("rerank-tradeoff"));
  m_knob->addItem(tr("Popularity penalty"), static_cast<int>(TradeoffKnob::PopularityPenalty));
  m_knob->addItem(tr("User-aware penalty"), static_cast<int>(TradeoffKnob::UserAwarePenalty));
  m_knob->addItem(tr("Diversity (MMR)"), static_cast<int>(TradeoffKnob::Diversity));
  m_knob->addItem(tr("Calibration"), static_cast<int>(TradeoffKnob::Calibration));
  m_knob->addItem(tr("Provider fairness"), static_cast<int>(TradeoffKnob::ProviderFairness));
  m_knob->setToolTip(tr("The re-ranking knob swept from off to full, every other knob off"));
  m_x->setToolTip(tr("The metric on the horizontal axis"));
  m_y->setToolTip(tr("The metric on the vertical axis"));
  fillAxes({}, true, QStringLiteral("brand"));
  auto* knobLabel = new QLabel(tr("S&weep:"), this);
  knobLabel->setBuddy(m_knob);
  auto* xLabel = new QLabel(tr("&X:"), this);
  xLabel->setBuddy(m_x);
  auto* yLabel = new QLabel(tr("&Y:"), this);
  yLabel->setBuddy(m_y);
  auto* controls = new QHBoxLayout;
  controls->addWidget(knobLabel);
  controls->addWidget(m_knob, 1);
  controls->addWidget(xLabel);
  controls->addWidget(m_x, 1);
  controls->addWidget(yLabel);
  controls->addWidget(m_y, 1);
  m_status->setWordWrap(true);
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);
  column->addLayout(controls);
  column->addWidget(m_plot, 1);
  column->addWidget(m_status);

  connect(m_knob, &QComboBox::currentIndexChanged, this, &TradeoffPanel::start);
  for (auto* box : {m_x, m_y}) connect(box, &QComboBox::currentIndexChanged, this, &TradeoffPanel::draw);
  connect(m_sweep, &TradeoffSweep::sampleDrawn, this, &TradeoffPanel::fillAxes);
  connect(m_sweep, &TradeoffSweep::pointReady, this, [this](const TradeoffPoint& point) {
    m_points.push_back(point);
    std::sort(m_points.begin(), m_points.end(),
              [](const TradeoffPoint& a, const TradeoffPoint& b) { return a.lambda < b.lambda; });
    draw();
  });
  connect(m_sweep, &TradeoffSweep::failed, this,
          [this](const QString& message) { m_status->setText(message); });
  connect(m_sweep, &TradeoffSweep::completed, this, [this] {
    const auto& outcome = m_audit.outcome();
    m_status->setText(
        tr("Trade-off: %1 values of %2 on a sample of %3 users with a held-out item (seed %4); each list is "
           "the model's candidates re-ranked with this knob alone, measured @K against held-out items.")
            .arg(m_points.size())
            .arg(m_knob->currentText().toLower())
            .arg(outcome ? std::min<std::size_t>(kSweepUsers, outcome->result.evaluatedUsers) : 0)
            .arg(kSweepSeed));
  });
}

std::vector<double> TradeoffPanel::sweepValues(TradeoffKnob knob) {
  const double top = knob == TradeoffKnob::UserAwarePenalty ? 2.0 : 1.0;
  std::vector<double> values;
  for (int step = 0; step <= 20; ++step) values.push_back(top * step / 20.0);
  return values;
}

TradeoffKnob TradeoffPanel::knob() const {
  return static_cast<TradeoffKnob>(m_knob->currentData().toInt());
}

void TradeoffPanel::start() {
  m_sweep->cancel();
  m_points.clear();
  const auto& outcome = m_audit.outcome();
  if (!outcome) return;
  m_status->setText(tr("Sweeping %1 on %2 users…").arg(m_knob->currentText().toLower()).arg(kSweepUsers));
  draw();
  m_sweep->start(outcome, knob(), sweepValues(knob()), kSweepUsers, kSweepSeed);
}

void TradeoffPanel::clear(const QString& hint) {
  m_sweep->cancel();
  m_points.clear();
  m_plot->clearPlottables();
  m_plot->clearItems();
  m_plot->legend->setVisible(false);
  plotstyle::setPlaceholder(m_plot, hint);
  plotstyle::replotShown(m_plot);
  m_status->clear();
}

void TradeoffPanel::setCurrentReRank(const ReRankOptions& options) {
  m_current = options;
  draw();
}

double TradeoffPanel::currentValue() const {
  switch (knob()) {
    case TradeoffKnob::PopularityPenalty:
      return m_current.popularityPenalty;
    case TradeoffKnob::UserAwarePenalty:
      return m_current.userAwarePenalty;
    case TradeoffKnob::Diversity:
      return m_current.diversity;
    case TradeoffKnob::Calibration:
      return m_current.calibration;
    case TradeoffKnob::ProviderFairness:
      return m_current.providerFairness;
  }
  return 0.0;
}

double TradeoffPanel::metricValue(const TradeoffPoint& p, int metric) {
  switch (metric) {
    case Ndcg:
      return p.ndcg;
    case Recall:
      return p.recall;
    case Hit:
      return p.hit;
    case Coverage:
      return 100.0 * p.coverage;
    case Gini:
      return p.gini;
    case Aplt:
      return 100.0 * p.aplt;
    case Arp:
      return p.arp;
    case Miscalibration:
      return p.miscalibration;
    case ProviderDistance:
      return p.providerDistance;
    default:
      break;
  }
  const auto attribute = static_cast<std::size_t>(metric - GroupGap);
  return attribute < p.ndcgGap.size() ? p.ndcgGap[attribute] : std::nan("");
}

QString TradeoffPanel::metricTitle(int metric) const {
  const int k = m_audit.outcome() ? m_audit.outcome()->result.partial.config.k : 20;
  switch (metric) {
    case Ndcg:
      return tr("NDCG@%1").arg(k);
    case Recall:
      return tr("Recall@%1").arg(k);
    case Hit:
      return tr("HR@%1").arg(k);
    case Coverage:
      return tr("Item coverage@%1 (%)").arg(k);
    case Gini:
      return tr("Gini of exposure");
    case Aplt:
      return tr("APLT (%)");
    case Arp:
      return tr("ARP (mean train count)");
    case Miscalibration:
      return tr("Miscalibration (KL)");
    case ProviderDistance:
      return tr("Provider exposure distance");
    default:
      break;
  }
  const auto attribute = metric - GroupGap;
  return attribute < m_attributes.size() ? tr("NDCG@%1 gap by %2").arg(k).arg(m_attributes[attribute])
                                         : QString();
}

QString TradeoffPanel::metricKey(int metric) const {
  static const char* const kKeys[] = {"ndcg", "recall",         "hr",      "coverage", "gini", "aplt",
                                      "arp",  "miscalibration", "provider"};
  if (metric >= Ndcg && metric < GroupGap) return QString::fromLatin1(kKeys[metric]);
  const auto attribute = metric - GroupGap;
  return attribute < m_attributes.size() ? QStringLiteral("gap:") + m_attributes[attribute] : QString();
}

bool TradeoffPanel::setKnob(const QString& key) {
  static const QStringList kKeys = {QStringLiteral("popularity"), QStringLiteral("useraware"),
                                    QStringLiteral("mmr"), QStringLiteral("calibration"),
                                    QStringLiteral("provider")};
  const auto index = kKeys.indexOf(key);
  if (index < 0) return false;
  m_knob->setCurrentIndex(int(index));
  return true;
}

bool TradeoffPanel::setAxes(const QString& x, const QString& y) {
  const auto known = [this](const QString& key) {
    if (key.startsWith(QStringLiteral("gap:")) && key.size() > 4) return true;
    for (int m = Ndcg; m < GroupGap; ++m)
      if (metricKey(m) == key) return true;
    return false;
  };
  if (!known(x) || !known(y)) return false;
  m_preferX = x;
  m_preferY = y;
  applyPreferredAxes();
  return true;
}

void TradeoffPanel::applyPreferredAxes() {
  for (auto [box, key] : {std::pair{m_x, m_preferX}, std::pair{m_y, m_preferY}}) {
    if (key.isEmpty()) continue;
    for (int i = 0; i < box->count(); ++i) {
      if (metricKey(box->itemData(i).toInt()) == key) box->setCurrentIndex(i);
    }
  }
}

void TradeoffPanel::fillAxes(const QStringList& attributes, bool categories, const QString& providerField) {
  m_attributes = attributes;
  const int x = m_x->currentIndex() < 0 ? Coverage : m_x->currentData().toInt();
  const int y = m_y->currentIndex() < 0 ? Ndcg : m_y->currentData().toInt();
  for (auto* box : {m_x, m_y}) {
    const QSignalBlocker block(box);
    box->clear();
    for (int m = Ndcg; m < GroupGap; ++m) {
      if (m == Miscalibration && !categories) continue;
      box->addItem(metricTitle(m), m);
    }
    for (int a = 0; a < attributes.size(); ++a) box->addItem(metricTitle(GroupGap + a), GroupGap + a);
    box->setItemData(box->findData(int(ProviderDistance)),
                     tr("Total variation between the lists' position-weighted exposure of the %1 groups and "
                        "their catalog shares")
                         .arg(providerField),
                     Qt::ToolTipRole);
  }
  {
    const QSignalBlocker blockX(m_x), blockY(m_y);
    m_x->setCurrentIndex(std::max(0, m_x->findData(x)));
    m_y->setCurrentIndex(std::max(0, m_y->findData(y)));
    applyPreferredAxes();
  }
  draw();
}

void TradeoffPanel::draw() {
  if (!m_audit.outcome()) return;  // the placeholder stays
  m_plot->clearPlottables();
  m_plot->clearItems();
  const int xData = m_x->currentData().toInt(), yData = m_y->currentData().toInt();
  m_plot->xAxis->setLabel(metricTitle(xData));
  m_plot->yAxis->setLabel(metricTitle(yData));
  if (m_points.empty()) {
    plotstyle::setPlaceholder(m_plot, tr("Sweeping…"));
    plotstyle::replotShown(m_plot);
    return;
  }
  const QString symbol = knob() == TradeoffKnob::Calibration        ? QStringLiteral("κ")
                         : knob() == TradeoffKnob::ProviderFairness ? QStringLiteral("φ")
                                                                    : QStringLiteral("λ");
  QVector<double> x, y;
  std::vector<double> knobValues;
  for (const auto& p : m_points) {
    const double px = metricValue(p, xData), py = metricValue(p, yData);
    if (!std::isfinite(px) || !std::isfinite(py)) continue;
    x.push_back(px);
    y.push_back(py);
    knobValues.push_back(p.lambda);
  }
  if (x.isEmpty()) {
    plotstyle::setPlaceholder(m_plot, tr("Not defined for this audit (too few users per group?)"));
    plotstyle::replotShown(m_plot);
    return;
  }
  const double top = sweepValues(knob()).back();
  auto* curve = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  curve->setName(tr("%1 %2 from 0 to %3").arg(m_knob->currentText(), symbol, number(top, 0)));
  curve->setPen(QPen(plotstyle::series(0), 2));
  curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, plotstyle::series(0), Qt::white, 6));
  curve->setData(x, y);
  for (qsizetype n = 0; n < x.size(); ++n) {
    const double v = knobValues[std::size_t(n)] * 4.0 / top;
    if (std::abs(v - std::round(v)) > 1e-9) continue;  // label a quarter of the range apart
    auto* label = new QCPItemText(m_plot);
    label->position->setCoords(x[n], y[n]);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    label->setPadding(QMargins(6, 0, 0, 4));
    label->setColor(QColor(0x40, 0x40, 0x40));
    label->setText(QStringLiteral("%1=%2").arg(symbol, number(knobValues[std::size_t(n)], 2)));
  }
  // The current value: interpolated between the two sweep points around it.
  const double current = currentValue();
  const auto above = std::lower_bound(knobValues.begin(), knobValues.end(), current);
  if (above != knobValues.end() && (*above == current || above != knobValues.begin())) {
    const auto n = static_cast<qsizetype>(above - knobValues.begin());
    double cx = x[n], cy = y[n];
    if (*above != current) {
      const double t = (current - *std::prev(above)) / (*above - *std::prev(above));
      cx = x[n - 1] + t * (x[n] - x[n - 1]);
      cy = y[n - 1] + t * (y[n] - y[n - 1]);
    }
    auto* marker = m_plot->addGraph();
    marker->setName(tr("Current %1 = %2 (Recommendations page)").arg(symbol, number(current, 2)));
    marker->setLineStyle(QCPGraph::lsNone);
    marker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(QColor(0xb0, 0x00, 0x20), 2),
                                            QColor(0xe1, 0x57, 0x59), 13));
    marker->setData({cx}, {cy}, true);
  }
  plotstyle::setPlaceholder(m_plot, {});
  m_plot->rescaleAxes();
  for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
    const auto range = axis->range();
    const double pad = std::max(range.size() * 0.08, std::abs(range.center()) * 0.02 + 1e-6);
    // Room on the right and on top for the value labels.
    axis->setRange(range.lower - pad, range.upper + 2.0 * pad);
  }
  m_plot->legend->setVisible(true);
  plotstyle::legendBelow(m_plot);
  plotstyle::replotShown(m_plot);
}

}  // namespace reclens
