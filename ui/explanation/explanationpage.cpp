#include "explanation/explanationpage.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "explanation/attributionheatmap.h"
#include "explanation/egographpane.h"
#include "explanation/egographview.h"
#include "explanation/explanationcontrols.h"
#include "explanation/explanationdetail.h"
#include "explanation/faithfulnesscurvespane.h"
#include "explanation/reasonline.h"
#include "model/modelcontract.h"
#include "services/explanationservice.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
constexpr int kGraphPaths = 24;
constexpr int kGraphNodes = 30;
}  // namespace

ExplanationPage::ExplanationPage(QWidget* parent)
    : QWidget(parent),
      m_service(new ExplanationService(this)),
      m_controls(new ExplanationControls(this)),
      m_message(new QLabel(this)),
      m_collapse(new QLabel(this)) {
  m_message->setWordWrap(true);
  m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_collapse->setObjectName(QStringLiteral("collapse"));
  m_collapse->setWordWrap(true);
  m_collapse->setTextFormat(Qt::RichText);
  m_collapse->setTextInteractionFlags(Qt::TextBrowserInteraction);
  m_collapse->setStyleSheet(
      QStringLiteral("QLabel#collapse { background: #fff4d6; border: 1px solid #e0c060; padding: 6px; }"));
  m_collapse->setToolTip(
      tr("Shown when the explained items are explained alike (mean cosine of their attributions at least "
         "%1) or when most of their scores is what every user gets (common part at least %2 %)")
          .arg(QLocale().toString(kCollapseCosine, 'f', 2),
               QLocale().toString(100.0 * kCollapseCommonShare)));
  auto* vertical = new QSplitter(Qt::Vertical, this);
  vertical->addWidget(buildHeatmapPane());
  // Below the heatmap: the graph of the selected row, or its faithfulness curves.
  m_lower = new QTabWidget(vertical);
  m_graph = new EgoGraphPane(m_lower);
  m_curves = new FaithfulnessCurvesPane(m_lower);
  m_lower->addTab(m_graph, tr("Graph paths"));
  m_lower->addTab(m_curves, tr("Faithfulness curves"));
  auto* curvesAction = new QAction(tr("Show the Faithfulness Curves"), this);
  curvesAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_K);
  curvesAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  connect(curvesAction, &QAction::triggered, this, &ExplanationPage::showCurves);
  addAction(curvesAction);
  m_lower->setTabToolTip(1, tr("How fast the selected item's score falls as the history items each method "
                               "credits most are removed, and comes back as they are added (%1)")
                                .arg(curvesAction->shortcut().toString(QKeySequence::NativeText)));
  vertical->addWidget(m_lower);
  vertical->setSizes({5000, 4500});
  vertical->setChildrenCollapsible(false);
  auto* column = new QVBoxLayout(this);
  column->addWidget(m_controls);
  column->addWidget(m_message);
  column->addWidget(m_collapse);
  column->addWidget(vertical, 1);

  connect(m_service, &ExplanationService::explanationReady, this, &ExplanationPage::showExplanation);
  connect(m_service, &ExplanationService::graphReady, this, &ExplanationPage::showGraph);
  connect(m_service, &ExplanationService::busyChanged, this, &ExplanationPage::updateBusy);
  connect(m_service, &ExplanationService::progressed, m_controls, &ExplanationControls::setProgress);
  connect(m_controls, &ExplanationControls::changed, this, &ExplanationPage::requestExplanation);
  connect(m_controls, &ExplanationControls::cancelRequested, this, [this] {
    m_service->cancel();
    // What is shown no longer matches the settings; Compute brings it back.
    clearExplanation();
    m_graphItem = -1;
    showMessage(tr("Cancelled. Press Compute to explain again."), false);
    updateBusy();
  });
  connect(m_controls, &ExplanationControls::computeRequested, this, [this] {
    showMessage({}, false);
    m_graphItem = -1;
    requestExplanation();
  });
  connect(m_heatmap, &AttributionHeatmap::cellSelected, this, [this](int row, int) {
    m_reasons->blockSignals(true);
    m_reasons->setCurrentRow(row);
    m_reasons->blockSignals(false);
    updateDetail();
    requestGraph();
    updateCurves();
  });
  connect(m_reasons, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row >= 0) m_heatmap->selectCell(row, std::max(m_heatmap->selectedColumn(), 0));
  });
  connect(m_collapse, &QLabel::linkActivated, this, [this](const QString& link) {
    if (link == QLatin1String("personal")) {
      Q_EMIT personalViewRequested();
      return;
    }
    if (link == QLatin1String("others")) {
      m_controls->setContrast(ExplanationContrast::OtherItems);
      return;
    }
    // Gradient × Input and occlusion have no baseline: the average user needs Integrated Gradients.
    const auto method = m_controls->options().method;
    if (method != AttributionMethod::IntegratedGradients && method != AttributionMethod::Shapley)
      m_controls->setMethod(AttributionMethod::IntegratedGradients);
    m_controls->setBaseline(AttributionBaseline::AverageUser);
  });
  connect(m_graph->view(), &EgoGraphView::userActivated, this, &ExplanationPage::userRequested);
  connect(m_graph->view(), &EgoGraphView::itemActivated, this, [this](int item) { focusItem(m_user, item); });
  clear();
}

ExplanationPage::~ExplanationPage() = default;

QWidget* ExplanationPage::buildHeatmapPane() {
  auto* pane = new QWidget(this);
  m_completeness = new QLabel(pane);
  m_completeness->setToolTip(
      tr("Completeness: the attributions of an item should add up to f(x) − f(x′), its score minus the score "
         "with every field at the baseline. Δ is what is left over."));
  m_timing = new QLabel(pane);
  m_timing->setObjectName(QStringLiteral("timing"));
  m_timing->setStyleSheet(QStringLiteral("color: #666;"));
  m_heatmap = new AttributionHeatmap(pane);
  auto* info = new QHBoxLayout;
  info->addWidget(m_completeness, 1);
  info->addWidget(m_timing);
  auto* left = new QWidget(pane);
  auto* leftColumn = new QVBoxLayout(left);
  leftColumn->setContentsMargins(0, 0, 0, 0);
  leftColumn->addLayout(info);
  leftColumn->addWidget(m_heatmap, 1);

  m_detail = new QLabel(pane);
  m_detail->setWordWrap(true);
  m_detail->setTextFormat(Qt::RichText);
  m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_detail->setMargin(6);
  auto* scroll = new QScrollArea(pane);
  scroll->setWidget(m_detail);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::StyledPanel);
  m_reasons = new QListWidget(pane);
  m_reasons->setWordWrap(true);
  m_reasons->setAlternatingRowColors(true);
  m_reasons->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_reasons->setToolTip(tr("The reason line of each explained item; select one to show it in the graph"));
  auto* reasonsPane = new QWidget(pane);
  auto* reasonsColumn = new QVBoxLayout(reasonsPane);
  reasonsColumn->setContentsMargins(0, 0, 0, 0);
  reasonsColumn->addWidget(new QLabel(tr("<b>Why each item</b>"), reasonsPane));
  reasonsColumn->addWidget(m_reasons, 1);
  auto* right = new QSplitter(Qt::Vertical, pane);
  right->addWidget(scroll);
  right->addWidget(reasonsPane);
  right->setChildrenCollapsible(false);
  right->setSizes({3000, 2000});
  right->setMinimumWidth(340);

  auto* splitter = new QSplitter(Qt::Horizontal, pane);
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  splitter->setChildrenCollapsible(false);
  auto* column = new QVBoxLayout(pane);
  column->setContentsMargins(0, 0, 0, 0);
  column->addWidget(splitter);
  return pane;
}

EgoGraphView* ExplanationPage::graphView() const {
  return m_graph->view();
}

void ExplanationPage::showList(std::shared_ptr<const ModelSession> session, std::int32_t user,
                               std::vector<std::int32_t> items) {
  // The same list again (e.g. a knob moved without changing it) is already explained or on its way.
  if (session == m_session && user == m_user && items == m_list) return;
  if (session != m_session || user != m_user) m_graphItem = -1;
  m_session = std::move(session);
  m_user = user;
  m_list = std::move(items);
  if (m_focusUser != m_user) m_focusItem = -1;
  if (m_versusUser != m_user) {
    m_versusUser = -1;
    m_controls->blockSignals(true);  // the request below follows anyway
    m_controls->clearVersusItem();
    m_controls->blockSignals(false);
  }
  if (m_session) {
    QStringList fields;
    for (const auto& field : m_session->snapshot().dataset().users.fields)
      fields << display::text(field.name());
    m_controls->blockSignals(true);  // the request below follows anyway
    m_controls->setUserFields(fields);
    m_controls->blockSignals(false);
    const QString id =
        display::text(m_session->snapshot().dataset().users.ids[static_cast<std::size_t>(m_user)]);
    m_controls->setTitle(tr("Why user <b>%1</b> gets these items · model <b>%2</b> (%3)")
                             .arg(id.toHtmlEscaped(), display::text(m_session->name()).toHtmlEscaped(),
                                  display::text(m_session->model()->metadata().kind).toHtmlEscaped()));
  }
  requestExplanation();
}

void ExplanationPage::focusItem(std::int32_t user, std::int32_t item) {
  m_focusUser = user;
  m_focusItem = item;
  if (!m_session || user != m_user) return;
  const auto at = std::find(m_rows.begin(), m_rows.end(), item);
  if (at != m_rows.end()) {
    m_heatmap->selectCell(static_cast<int>(at - m_rows.begin()), std::max(m_heatmap->selectedColumn(), 0));
  } else {
    requestExplanation();
  }
}

void ExplanationPage::compareItems(std::int32_t user, std::int32_t item, std::int32_t versus) {
  m_versusUser = user;
  QString title = QString::number(versus);
  if (m_session) {
    const auto& catalog = m_session->snapshot().dataset().items;
    if (versus >= 0 && static_cast<std::size_t>(versus) < catalog.size())
      title = display::itemName(catalog, static_cast<std::size_t>(versus));
  }
  m_controls->blockSignals(true);
  m_controls->setVersusItem(versus, title);
  m_controls->blockSignals(false);
  m_focusUser = user;
  m_focusItem = item;
  if (m_session && user == m_user) requestExplanation();
}

void ExplanationPage::clear() {
  m_service->cancel();
  m_session.reset();
  m_user = -1;
  m_list.clear();
  m_focusUser = m_focusItem = m_graphItem = m_versusUser = -1;
  m_controls->blockSignals(true);
  m_controls->clearVersusItem();
  m_controls->blockSignals(false);
  clearExplanation();
  m_graph->clear();
  m_curves->clear();
  m_controls->setTitle(tr("<b>Explanation</b>"));
  showMessage(tr("Load a model on the Recommendations page and pick a user to see why they get their items."),
              false);
  updateBusy();
}

void ExplanationPage::clearExplanation() {
  m_rows.clear();
  m_split.clear();
  m_diagnostic = {};
  m_collapse->clear();
  m_collapse->hide();
  m_heatmap->clear();
  m_reasons->clear();
  m_detail->clear();
  m_completeness->clear();
  m_timing->clear();
}

std::int32_t ExplanationPage::selectedItem() const {
  const int row = m_heatmap->selectedRow();
  return row >= 0 && row < static_cast<int>(m_rows.size()) ? m_rows[static_cast<std::size_t>(row)] : -1;
}

void ExplanationPage::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (m_dirty) requestExplanation();
}

void ExplanationPage::requestExplanation() {
  if (!m_session || m_user < 0) return;
  // A hidden page computes nothing: the request is made when the page is shown.
  if (!isVisible()) {
    m_dirty = true;
    return;
  }
  m_dirty = false;
  ExplanationRequest request;
  request.session = m_session;
  request.user = m_user;
  const auto rows = std::min<std::size_t>(static_cast<std::size_t>(m_controls->rows()), m_list.size());
  request.items.assign(m_list.begin(), m_list.begin() + static_cast<std::ptrdiff_t>(rows));
  if (m_focusItem >= 0 &&
      std::find(request.items.begin(), request.items.end(), m_focusItem) == request.items.end())
    request.items.push_back(m_focusItem);
  if (request.items.empty()) {
    m_service->cancel();
    clearExplanation();
    m_graph->clear();
    m_curves->clear();
    showMessage(tr("This user has no recommendation to explain."), false);
    Q_EMIT explanationShown();
    return;
  }
  request.options = m_controls->options();
  request.backgroundGroupField = m_controls->backgroundGroupField();
  m_service->explain(std::move(request));
}

void ExplanationPage::requestGraph() {
  const std::int32_t item = selectedItem();
  if (!m_session || item < 0 || item == m_graphItem) return;
  m_graphItem = item;
  const auto& dataset = m_session->snapshot().dataset();
  m_graph->showComputing(display::text(dataset.users.ids[static_cast<std::size_t>(m_user)]),
                         display::itemName(dataset.items, static_cast<std::size_t>(item)));
  GraphRequest request;
  request.session = m_session;
  request.user = m_user;
  request.target = item;
  // Fewer paths and nodes than the core keeps by default, so the graph stays readable in its pane;
  // the sums under it still cover every path.
  request.options.maxPaths = kGraphPaths;
  request.options.maxNodes = kGraphNodes;
  m_service->explainGraph(std::move(request));
}

void ExplanationPage::showCurves() {
  m_lower->setCurrentWidget(m_curves);
}

void ExplanationPage::updateCurves() {
  m_curves->setTarget(m_session, m_user, selectedItem(), m_controls->options(),
                      m_controls->backgroundGroupField());
}

QString ExplanationPage::rowLabel(std::size_t row) const {
  const auto item = m_rows[row];
  const auto& catalog = m_session->snapshot().dataset().items;
  const QString title = display::itemName(catalog, static_cast<std::size_t>(item));
  const auto at = std::find(m_list.begin(), m_list.end(), item);
  if (at == m_list.end()) return tr("%1 (not in the list)").arg(title);
  return tr("%1. %2").arg(at - m_list.begin() + 1).arg(title);
}

void ExplanationPage::showExplanation(const ExplanationResult& result) {
  if (result.request.session != m_session || result.request.user != m_user) return;
  if (result.error) {
    clearExplanation();
    if (result.error->code == ErrorCode::Cancelled) {
      showMessage(tr("Cancelled. Press Compute to explain again."), false);
    } else {
      showMessage(tr("Could not explain the recommendations: %1").arg(display::text(result.error->message)),
                  true);
    }
    updateBusy();
    Q_EMIT explanationShown();
    return;
  }
  // Without the average user the explanation still stands; only the parts of the scores are missing.
  showMessage(result.splitError ? tr("The common and personal parts of the scores are not shown: %1")
                                      .arg(display::text(result.splitError->message))
                                : QString(),
              false);
  const std::int32_t previous = selectedItem();
  m_rows = result.request.items;
  m_split = result.split;
  m_diagnostic = result.collapse;
  QStringList labels;
  m_reasons->clear();
  for (std::size_t r = 0; r < m_rows.size(); ++r) {
    labels << rowLabel(r);
    const auto& parts = result.explanation.items[r].reason;
    QString reason = ReasonLine::text(parts);
    if (const QString distinctive = ReasonLine::distinctive(parts); !distinctive.isEmpty())
      reason += QLatin1Char(' ') + distinctive;
    auto* entry = new QListWidgetItem(tr("%1 — %2").arg(labels.back(), reason), m_reasons);
    entry->setToolTip(reason);
  }
  const QString notice = ExplanationDetail::collapseNotice(
      result.collapse, result.explanation.options.baseline, result.request.options.contrast,
      result.explanation.options.contrast, result.explanation.items.size());
  m_collapse->setText(notice);
  m_collapse->setVisible(!notice.isEmpty());
  m_heatmap->setRecencyOrder(m_session && isSequentialKind(m_session->model()->metadata().kind));
  m_heatmap->setExplanation(result.explanation, labels);
  m_completeness->setText(ExplanationDetail::completenessText(result.explanation));
  m_timing->setText(tr("%1 in %2 ms")
                        .arg(ExplanationDetail::methodText(result.explanation.options),
                             QLocale().toString(result.milliseconds, 'f', 1)));
  m_timing->setToolTip(tr("How the attributions were computed: %1 (docs/explanations.md, \"Engines\")")
                           .arg(QString::fromStdString(result.explanation.engine)));
  // Keep the item looked at, unless another one was asked for.
  const std::int32_t wanted = m_focusItem >= 0 ? m_focusItem : previous;
  const auto at = std::find(m_rows.begin(), m_rows.end(), wanted);
  const int row = at != m_rows.end() ? static_cast<int>(at - m_rows.begin()) : 0;
  m_heatmap->selectCell(row, std::max(m_heatmap->selectedColumn(), 0));
  updateBusy();
  Q_EMIT explanationShown();
}

void ExplanationPage::updateDetail() {
  const int row = m_heatmap->selectedRow();
  const int column = m_heatmap->selectedColumn();
  if (row < 0 || column < 0) {
    m_detail->clear();
    return;
  }
  const auto& col = m_heatmap->column(column);
  QString kind = tr("History");
  if (col.kind == AttributionHeatmap::Column::Kind::UserField) kind = tr("User field");
  if (col.kind == AttributionHeatmap::Column::Kind::ItemPart) kind = tr("Item part");
  const auto& explanation = m_heatmap->explanation();
  double standardError = NAN;
  if (col.fields.size() == 1)
    standardError = explanation.items[std::size_t(row)].fields[std::size_t(col.fields.front())].standardError;
  const ScoreSplit* split =
      m_split.size() == explanation.items.size() ? &m_split[static_cast<std::size_t>(row)] : nullptr;
  m_detail->setText(ExplanationDetail::cellHtml(explanation, row, m_heatmap->rowLabel(row), kind, col.label,
                                                m_heatmap->valueText(row, column),
                                                m_heatmap->value(row, column), standardError, split));
}

void ExplanationPage::showGraph(const GraphResult& result) {
  if (result.request.session != m_session || result.request.user != m_user ||
      result.request.target != m_graphItem)
    return;
  const auto& snapshot = m_session->snapshot();
  const QString user = display::text(snapshot.dataset().users.ids[static_cast<std::size_t>(m_user)]);
  const QString item = display::itemName(snapshot.dataset().items, static_cast<std::size_t>(m_graphItem));
  if (!m_graph->showResult(result, snapshot, user, item))
    m_graphItem = -1;  // selecting the row again retries
  Q_EMIT graphShown();
}

void ExplanationPage::updateBusy() {
  // Idle, the bar offers to compute again once a computation was cancelled or failed.
  m_controls->setBusy(m_service->isBusy(), m_session != nullptr && m_heatmap->rowCount() == 0);
}

void ExplanationPage::showMessage(const QString& text, bool error) {
  m_message->setText(text);
  m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
  m_message->setVisible(!text.isEmpty());
}

}  // namespace reclens
