#include "explanation/egographpane.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStringList>
#include <QToolButton>
#include <QVBoxLayout>

#include "explanation/egographview.h"
#include "explanation/explanationdetail.h"

namespace reclens {

namespace {
QString swatch(const QColor& colour, const QString& text) {
  return QStringLiteral("<span style='color:%1; font-size:large'>&#9632;</span>&nbsp;%2")
      .arg(colour.name(), text.toHtmlEscaped());
}
}  // namespace

EgoGraphPane::EgoGraphPane(QWidget* parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_view(new EgoGraphView(this)),
      m_summary(new QLabel(this)),
      m_legend(new QLabel(this)) {
  m_title->setTextFormat(Qt::RichText);
  const auto tool = [this](const QString& text, const QString& tip) {
    auto* button = new QToolButton(this);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    return button;
  };
  auto* zoomOut = tool(tr("−"), tr("Zoom out (-)"));
  auto* zoomIn = tool(tr("+"), tr("Zoom in (+)"));
  auto* fit = tool(tr("Fit"), tr("Fit the whole graph (0)"));
  connect(zoomOut, &QToolButton::clicked, m_view, &EgoGraphView::zoomOut);
  connect(zoomIn, &QToolButton::clicked, m_view, &EgoGraphView::zoomIn);
  connect(fit, &QToolButton::clicked, m_view, &EgoGraphView::fitAll);
  auto* head = new QHBoxLayout;
  head->addWidget(m_title, 1);
  head->addWidget(zoomOut);
  head->addWidget(zoomIn);
  head->addWidget(fit);

  m_summary->setTextFormat(Qt::PlainText);
  m_summary->setWordWrap(true);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_legend->setTextFormat(Qt::RichText);
  m_legend->setWordWrap(true);
  m_legend->setToolTip(
      tr("Edge width grows with |contribution|. The explained user has a black outline, the "
         "explained item a gold one. Click a user to explain their recommendations, an item "
         "to explain it for this user. Wheel or +/- zooms, dragging pans."));

  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);
  column->addLayout(head);
  column->addWidget(m_view, 1);
  column->addWidget(m_summary);
  column->addWidget(m_legend);
  clear();
}

QString EgoGraphPane::colourLegend() {
  return QStringList{swatch(EgoGraphView::tierFill(PopularityTier::Head), tr("head item")),
                     swatch(EgoGraphView::tierFill(PopularityTier::Mid), tr("mid item")),
                     swatch(EgoGraphView::tierFill(PopularityTier::Tail), tr("tail item")),
                     swatch(EgoGraphView::userFill(), tr("user")),
                     swatch(EgoGraphView::edgeColour(true), tr("raises the score")),
                     swatch(EgoGraphView::edgeColour(false), tr("lowers it"))}
      .join(QStringLiteral(" &nbsp; "));
}

QString EgoGraphPane::legendText(EgoGraphMethod method) {
  const QString paths =
      method == EgoGraphMethod::LightGcnPaths
          ? tr("Each path carries its own term of the score (exact): → an interaction, weighted by the "
               "model's graph; ⇢ two items meeting in the embedding space.")
          : tr("→ user → item: a share of the history item's attribution allocated to a user who has both "
               "items, by co-occurrence (the score does not depend on that user); ⇢ no other user has "
               "both, so the history item keeps its whole attribution.");
  return colourLegend() + QStringLiteral("<br>") + paths.toHtmlEscaped();
}

void EgoGraphPane::showComputing(const QString& user, const QString& item) {
  m_title->setText(tr("<b>Graph</b> — how user %1 reaches “%2” <i>(computing…)</i>")
                       .arg(user.toHtmlEscaped(), item.toHtmlEscaped()));
}

bool EgoGraphPane::showGraph(const QString& user, const QString& item, EgoGraph graph,
                             std::vector<PopularityTier> tiers, double milliseconds) {
  m_title->setText(
      tr("<b>Graph</b> — how user %1 reaches “%2”").arg(user.toHtmlEscaped(), item.toHtmlEscaped()));
  const QString summary = ExplanationDetail::graphSummary(graph);
  if (!m_view->setGraph(std::move(graph), std::move(tiers))) {
    setSummary(tr("Could not lay out the graph: %1").arg(m_view->layoutError()), true);
    return false;
  }
  setSummary(summary, false);
  m_legend->setText(legendText(m_view->graph().method));
  m_summary->setToolTip(tr("Computed in %1 ms").arg(QLocale().toString(milliseconds, 'f', 1)));
  return true;
}

bool EgoGraphPane::showResult(const GraphResult& result, const DatasetSnapshot& snapshot, const QString& user,
                              const QString& item) {
  if (result.error) {
    showError(result.error->code == ErrorCode::Cancelled
                  ? tr("The graph was cancelled.")
                  : tr("Could not build the graph: %1").arg(QString::fromStdString(result.error->message)));
    return false;
  }
  std::vector<PopularityTier> tiers;
  for (const auto& node : result.graph.nodes) {
    const bool isItem = node.kind == EgoNodeKind::Item && node.row >= 0 &&
                        static_cast<std::size_t>(node.row) < snapshot.itemCount();
    tiers.push_back(isItem ? snapshot.itemTier(static_cast<std::size_t>(node.row)) : PopularityTier::Tail);
  }
  showGraph(user, item, result.graph, std::move(tiers), result.milliseconds);
  return true;
}

void EgoGraphPane::showError(const QString& text) {
  m_view->clear();
  m_legend->setText(colourLegend());
  setSummary(text, true);
}

void EgoGraphPane::clear() {
  m_view->clear();
  m_title->setText(tr("<b>Graph</b>"));
  m_legend->setText(colourLegend());
  setSummary({}, false);
}

void EgoGraphPane::setSummary(const QString& text, bool error) {
  m_summary->setText(text);
  m_summary->setToolTip({});
  m_summary->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

}  // namespace reclens
