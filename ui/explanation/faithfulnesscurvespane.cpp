#include "explanation/faithfulnesscurvespane.h"

#include <qcustomplot.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "explanation/explanationdetail.h"
#include "plots/plotexport.h"
#include "plots/plotstyle.h"
#include "services/faithfulnesscurvesservice.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {

constexpr int kDefaultRandomOrders = 10;
constexpr int kDefaultSteps = 20;

QCustomPlot* makePlot(const QString& title, const QString& xLabel, const QString& exportName,
                      QWidget* parent) {
  auto* plot = new QCustomPlot(parent);
  plotstyle::apply(plot, title);
  plot->xAxis->setLabel(xLabel);
  plot->yAxis->setLabel(FaithfulnessCurvesPane::tr("Score of the item"));
  auto ticker = QSharedPointer<QCPAxisTickerFixed>(new QCPAxisTickerFixed);
  ticker->setTickStep(1.0);
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  plot->xAxis->setTicker(ticker);
  plot->legend->setVisible(true);
  plotstyle::legendBelow(plot);
  plot->setMinimumSize(320, 220);
  plotexport::installPlotMenu(plot, exportName);
  return plot;
}

QString areaText(double area) {
  return std::isfinite(area) ? QLocale().toString(area, 'f', 3) : FaithfulnessCurvesPane::tr("n/a");
}

// `shape` marks the points; methods that agree draw on top of each other, and their shapes still show.
void addCurve(QCustomPlot* plot, const FaithfulnessCurve& curve, const QString& name, const QPen& pen,
              QCPScatterStyle::ScatterShape shape) {
  auto* graph = plot->addGraph();
  QVector<double> k, score;
  for (std::size_t i = 0; i < curve.scores.size(); ++i) {
    k << double(i);
    score << curve.scores[i];
  }
  graph->setData(k, score, true);
  graph->setName(FaithfulnessCurvesPane::tr("%1 · AUC %2").arg(name, areaText(curve.area)));
  graph->setPen(pen);
  graph->setScatterStyle(QCPScatterStyle(shape, 7));
}

bool sameSettings(const AttributionOptions& a, const AttributionOptions& b) {
  return a.steps == b.steps && a.rule == b.rule && a.baseline == b.baseline && a.samples == b.samples &&
         a.seed == b.seed && a.closedForm == b.closedForm;
}

}  // namespace

FaithfulnessCurvesPane::FaithfulnessCurvesPane(QWidget* parent)
    : QWidget(parent),
      m_service(new FaithfulnessCurvesService(this)),
      m_title(new QLabel(this)),
      m_random(new QSpinBox(this)),
      m_steps(new QSpinBox(this)),
      m_compute(new QPushButton(tr("Compute"), this)),
      m_busy(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_message(new QLabel(this)) {
  m_title->setTextFormat(Qt::RichText);
  m_random->setRange(1, 1000);
  m_random->setValue(kDefaultRandomOrders);
  m_random->setToolTip(
      tr("How many random orders of the history are averaged into the dashed grey "
         "reference curves (seeded, so the same settings draw the same curves)"));
  m_steps->setRange(0, 1000);
  m_steps->setValue(kDefaultSteps);
  m_steps->setSpecialValueText(tr("all"));
  m_steps->setToolTip(
      tr("The curves stop after this many history items removed or added; \"all\" goes "
         "through the whole history"));
  m_compute->setToolTip(tr("Compute the curves of the selected item again with these settings"));
  m_busy->setMaximumWidth(140);
  m_busy->setTextVisible(false);
  m_busy->setToolTip(tr("Explaining the item with each method, then scoring every step of every curve"));
  m_cancel->setToolTip(tr("Stop computing the curves"));
  m_busy->hide();
  m_cancel->hide();
  m_message->setWordWrap(true);
  m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* bar = new QHBoxLayout;
  bar->addWidget(m_title, 1);
  auto* randomLabel = new QLabel(tr("&Random orders:"), this);
  randomLabel->setBuddy(m_random);
  bar->addWidget(randomLabel);
  bar->addWidget(m_random);
  auto* stepsLabel = new QLabel(tr("S&tep limit:"), this);
  stepsLabel->setBuddy(m_steps);
  bar->addWidget(stepsLabel);
  bar->addWidget(m_steps);
  bar->addWidget(m_compute);
  bar->addWidget(m_busy);
  bar->addWidget(m_cancel);

  m_deletion = makePlot(tr("Deletion: most-credited history items removed first"),
                        tr("History items removed"), QStringLiteral("deletion-curves"), this);
  m_deletion->setToolTip(
      tr("A faithful method picks the items the score rests on: its curve falls fast "
         "and its area (AUC) is small. Dashed grey: random orders."));
  m_insertion = makePlot(tr("Insertion: most-credited history items added first"), tr("History items added"),
                         QStringLiteral("insertion-curves"), this);
  m_insertion->setToolTip(
      tr("Starting from no history, a faithful method's items bring the score back "
         "fast: its curve rises fast and its area (AUC) is large. Dashed grey: random "
         "orders."));
  auto* plots = new QHBoxLayout;
  plots->addWidget(m_deletion);
  plots->addWidget(m_insertion);
  auto* column = new QVBoxLayout(this);
  column->addLayout(bar);
  column->addWidget(m_message);
  column->addLayout(plots, 1);

  connect(m_service, &FaithfulnessCurvesService::curvesReady, this, &FaithfulnessCurvesPane::showResult);
  connect(m_service, &FaithfulnessCurvesService::busyChanged, this, &FaithfulnessCurvesPane::updateBusy);
  connect(m_service, &FaithfulnessCurvesService::progressed, this, [this](double fraction) {
    m_busy->setRange(0, 1000);
    m_busy->setValue(static_cast<int>(std::lround(1000.0 * fraction)));
  });
  connect(m_compute, &QPushButton::clicked, this, &FaithfulnessCurvesPane::compute);
  connect(m_cancel, &QPushButton::clicked, this, [this] {
    m_service->cancel();
    showMessage(tr("Cancelled. Press Compute to draw the curves again."), false);
  });
  connect(m_random, &QSpinBox::valueChanged, this, &FaithfulnessCurvesPane::request);
  connect(m_steps, &QSpinBox::valueChanged, this, &FaithfulnessCurvesPane::request);
  clear();
}

void FaithfulnessCurvesPane::setTarget(std::shared_ptr<const ModelSession> session, std::int32_t user,
                                       std::int32_t item, const AttributionOptions& options, int groupField) {
  if (session == m_session && user == m_user && item == m_item && groupField == m_groupField &&
      sameSettings(options, m_options))
    return;
  m_session = std::move(session);
  m_user = user;
  m_item = item;
  m_options = options;
  m_groupField = groupField;
  request();
}

void FaithfulnessCurvesPane::clear() {
  m_session.reset();
  m_user = m_item = -1;
  request();
}

void FaithfulnessCurvesPane::compute() {
  m_dirty = true;  // computes even when nothing changed
  request();
}

void FaithfulnessCurvesPane::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (m_dirty) request();
}

QString FaithfulnessCurvesPane::itemTitle() const {
  return display::itemName(m_session->snapshot().dataset().items, static_cast<std::size_t>(m_item));
}

void FaithfulnessCurvesPane::request() {
  if (!m_session || m_user < 0 || m_item < 0) {
    m_service->cancel();
    m_dirty = false;
    m_shown.reset();
    m_title->setText(tr("<b>Faithfulness curves</b>"));
    clearPlots(tr("Select a recommended item"));
    showMessage(tr("Select a recommended item to see how its score falls as the history items each method "
                   "credits most are removed, and how it comes back as they are added."),
                false);
    return;
  }
  // A hidden pane computes nothing: the request is made when it is shown.
  if (!isVisible()) {
    m_dirty = true;
    return;
  }
  m_dirty = false;
  const QString user =
      display::text(m_session->snapshot().dataset().users.ids[static_cast<std::size_t>(m_user)]);
  m_title->setText(tr("<b>Faithfulness curves</b> of <b>%1</b> for user <b>%2</b>")
                       .arg(itemTitle().toHtmlEscaped(), user.toHtmlEscaped()));
  FaithfulnessCurvesRequest r;
  r.session = m_session;
  r.user = m_user;
  r.target = m_item;
  r.options.attribution = m_options;
  r.options.maxSteps = m_steps->value();
  r.options.randomOrders = m_random->value();
  r.options.seed = m_options.seed;
  r.backgroundGroupField = m_groupField;
  showMessage(tr("Computing the curves of \"%1\"…").arg(itemTitle()), false);
  m_service->compute(std::move(r));
}

void FaithfulnessCurvesPane::showResult(const FaithfulnessCurvesResult& result) {
  const auto& r = result.request;
  if (r.session != m_session || r.user != m_user || r.target != m_item) return;
  if (result.error) {
    m_shown.reset();
    clearPlots({});
    switch (result.error->code) {
      case ErrorCode::Cancelled:
        showMessage(tr("Cancelled. Press Compute to draw the curves again."), false);
        break;
      case ErrorCode::Empty:
        showMessage(tr("This user has no history: there is no item to remove or add, so \"%1\" has no "
                       "faithfulness curves.")
                        .arg(itemTitle()),
                    false);
        break;
      default:
        showMessage(tr("Could not compute the curves: %1").arg(display::text(result.error->message)), true);
    }
    Q_EMIT curvesShown();
    return;
  }
  draw(result.curves);
  m_shown = result.curves;
  const auto& c = result.curves;
  QString text = tr("%n history item(s); ", "", static_cast<int>(c.history)) +
                 tr("score %1 with the whole history, %2 with none; random: mean of %n order(s). Lower "
                    "deletion AUC and higher insertion AUC mean a more faithful method (areas of the score "
                    "scaled to 1 with the whole history and 0 with none).",
                    "", c.randomOrders)
                     .arg(QLocale().toString(c.fullScore, 'g', 5), QLocale().toString(c.emptyScore, 'g', 5));
  if (!std::isfinite(c.randomDeletion.area))
    text +=
        QLatin1Char(' ') + tr("The history does not change this item's score, so the areas are undefined.");
  text += QLatin1Char(' ') + tr("(%1 ms)").arg(QLocale().toString(result.milliseconds, 'f', 0));
  showMessage(text, false);
  Q_EMIT curvesShown();
}

void FaithfulnessCurvesPane::draw(const FaithfulnessCurves& curves) {
  clearPlots({});
  // One colour and point shape per method, the same whichever methods are drawn.
  const FaithfulnessCurveOptions all;
  const QCPScatterStyle::ScatterShape shapes[] = {QCPScatterStyle::ssCircle, QCPScatterStyle::ssSquare,
                                                  QCPScatterStyle::ssTriangle, QCPScatterStyle::ssDiamond};
  for (const auto& m : curves.methods) {
    const auto index =
        static_cast<int>(std::find(all.methods.begin(), all.methods.end(), m.method) - all.methods.begin());
    const QPen pen(plotstyle::series(index), 2);
    const QString name = ExplanationDetail::methodName(m.method);
    addCurve(m_deletion, m.deletion, name, pen, shapes[index % 4]);
    addCurve(m_insertion, m.insertion, name, pen, shapes[index % 4]);
  }
  const QPen grey(QColor(0x80, 0x80, 0x80), 2, Qt::DashLine);
  addCurve(m_deletion, curves.randomDeletion, tr("Random"), grey, QCPScatterStyle::ssNone);
  addCurve(m_insertion, curves.randomInsertion, tr("Random"), grey, QCPScatterStyle::ssNone);
  for (auto* plot : {m_deletion, m_insertion}) {
    plot->rescaleAxes();
    plot->xAxis->setRange(-0.3, double(curves.steps) + 0.3);
    const auto y = plot->yAxis->range();
    const double pad = std::max(0.05 * y.size(), 1e-3);
    plot->yAxis->setRange(y.lower - pad, y.upper + pad);
    plotstyle::replotShown(plot);
  }
}

void FaithfulnessCurvesPane::clearPlots(const QString& placeholder) {
  for (auto* plot : {m_deletion, m_insertion}) {
    plot->clearGraphs();
    plotstyle::setPlaceholder(plot, placeholder);
    plotstyle::replotShown(plot);
  }
}

void FaithfulnessCurvesPane::showMessage(const QString& text, bool error) {
  m_message->setText(text);
  m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
  m_message->setVisible(!text.isEmpty());
}

void FaithfulnessCurvesPane::updateBusy(bool busy) {
  if (busy) m_busy->setRange(0, 0);  // indeterminate until the first progress report
  m_busy->setVisible(busy);
  m_cancel->setVisible(busy);
  m_compute->setEnabled(!busy);
}

}  // namespace reclens
