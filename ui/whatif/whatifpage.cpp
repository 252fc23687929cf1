// WhatIfPage: construction and layout. The project, model and user shown are set in whatifpageuser.cpp,
// requests and results in whatifpagecompute.cpp, scenarios in whatifpagescenarios.cpp.
#include "whatif/whatifpage.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSpinBox>
#include <QSplitter>
#include <QStringListModel>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

#include "explanation/attributionheatmap.h"
#include "explanation/egographpane.h"
#include "explanation/egographview.h"
#include "services/whatifservice.h"
#include "whatif/historytimeline.h"
#include "whatif/replaycontroller.h"
#include "whatif/whatifcatalogpanel.h"
#include "whatif/whatifeditor.h"
#include "whatif/whatifhistorymodel.h"
#include "whatif/whatiflistmodel.h"
#include "whatif/whatifmixplot.h"
#include "whatif/whatifscenariobar.h"
#include "whatif/whatifsearchbox.h"
#include "widgets/displayformat.h"
#include "widgets/tierbadgedelegate.h"

namespace reclens {

namespace {
QLabel* heading(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  QFont font = label->font();
  font.setBold(true);
  label->setFont(font);
  return label;
}

QToolButton* toolButton(QAction* action, QWidget* parent) {
  auto* button = new QToolButton(parent);
  button->setDefaultAction(action);
  button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  return button;
}
}  // namespace

WhatIfPage::WhatIfPage(QWidget* parent)
    : QWidget(parent),
      m_service(new WhatIfService(this)),
      m_editor(new WhatIfEditor(this)),
      m_historyModel(new WhatIfHistoryModel(*m_editor, this)),
      m_listModel(new WhatIfListModel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 4);
  layout->addWidget(buildHeader());
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(buildEditor());
  split->addWidget(buildResults());
  split->setStretchFactor(0, 4);
  split->setStretchFactor(1, 6);
  split->setSizes({560, 860});
  layout->addWidget(split, 1);

  connect(m_service, &WhatIfService::resultReady, this, &WhatIfPage::showOutcome);
  connect(m_service, &WhatIfService::graphReady, this, &WhatIfPage::showGraphOutcome);
  connect(m_service, &WhatIfService::impactReady, this, [this](const WhatIfImpactOutcome& outcome) {
    if (outcome.request.session != m_session) return;
    m_catalog->showImpact(outcome);
    Q_EMIT impactShown();
  });
  connect(m_editor, &WhatIfEditor::stateChanged, this, &WhatIfPage::onStateChanged);
  connect(m_timeline, &HistoryTimeline::itemClicked, this, [this](int item) {
    const bool on = m_editor->state().removed.count(item) != 0;
    m_editor->setIncluded(item, on,
                          on ? tr("Include %1").arg(itemTitle(item)) : tr("Remove %1").arg(itemTitle(item)));
  });
  connect(m_replay, &ReplayController::replayTimeChanged, this, [this](std::optional<std::int64_t> asOf) {
    m_timeline->setReplayTime(asOf);
    m_historyModel->setReplayTime(asOf);
    requestCompute();
  });
  connect(m_search, &WhatIfSearchBox::addRequested, this, [this](int item, float weight) {
    m_editor->addItem(item, weight, tr("Add %1").arg(itemTitle(item)));
  });
  connect(m_catalog, &WhatIfCatalogPanel::brandDelistRequested, this,
          [this](const std::string& brand, bool on) {
            m_editor->setBrandDelisted(brand, on,
                                       on ? tr("Delist brand %1").arg(display::text(brand))
                                          : tr("Restore brand %1").arg(display::text(brand)));
          });
  connect(m_catalog, &WhatIfCatalogPanel::itemDelistRequested, this, [this](int item, bool on) {
    m_editor->setItemDelisted(
        item, on, on ? tr("Delist %1").arg(itemTitle(item)) : tr("Restore %1").arg(itemTitle(item)));
  });
  connect(m_scenarios, &WhatIfScenarioBar::saveRequested, this, &WhatIfPage::saveScenario);
  connect(m_scenarios, &WhatIfScenarioBar::loadRequested, this,
          [this](const QString& name) { loadScenario(name); });
  connect(m_scenarios, &WhatIfScenarioBar::compareChanged, this, &WhatIfPage::compareWith);
  connect(m_scenarios, &WhatIfScenarioBar::failed, this,
          [this](const QString& message) { showMessage(message, true); });
  connect(m_k, &QSpinBox::valueChanged, this, [this] {
    m_baseline.reset();
    requestCompute();
    requestImpact();
  });
  connect(m_method, &QComboBox::currentIndexChanged, this, &WhatIfPage::requestCompute);
  connect(m_listView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          &WhatIfPage::requestGraph);
  connect(m_heatmap, &AttributionHeatmap::cellSelected, this, [this](int row) {
    if (row >= 0 && row < m_listModel->rowCount()) m_listView->selectRow(row);
  });
  connect(m_graph->view(), &EgoGraphView::itemActivated, this, [this](int item) {
    const int row = m_historyModel->rowOf(item);
    if (row >= 0) m_historyView->selectRow(row);
  });
  showMessage(tr("Open a project and load a model on the Recommendations page, then pick a user."), false);
}

WhatIfPage::~WhatIfPage() = default;

QWidget* WhatIfPage::buildHeader() {
  auto* header = new QWidget(this);
  auto* column = new QVBoxLayout(header);
  column->setContentsMargins(0, 0, 0, 0);
  auto* row = new QHBoxLayout;
  m_userEdit = new QLineEdit(header);
  m_userEdit->setPlaceholderText(tr("User id…"));
  m_userEdit->setToolTip(tr("Type a user id and press Enter"));
  m_userEdit->setClearButtonEnabled(true);
  m_userEdit->setMaximumWidth(220);
  auto* completer = new QCompleter(new QStringListModel(m_userEdit), m_userEdit);
  completer->setFilterMode(Qt::MatchContains);
  completer->setCaseSensitivity(Qt::CaseInsensitive);
  m_userEdit->setCompleter(completer);
  connect(m_userEdit, &QLineEdit::returnPressed, this, &WhatIfPage::userEntered);
  m_modelLabel = new QLabel(tr("no model"), header);
  m_modelLabel->setToolTip(tr("The model of the Recommendations page"));
  m_k = new QSpinBox(header);
  m_k->setRange(1, 200);
  m_k->setValue(20);
  m_k->setToolTip(tr("Length of the list"));
  m_method = new QComboBox(header);
  m_method->addItem(tr("Integrated Gradients (32 steps)"),
                    static_cast<int>(AttributionMethod::IntegratedGradients));
  m_method->addItem(tr("Gradient × Input"), static_cast<int>(AttributionMethod::GradientTimesInput));
  m_method->setToolTip(tr("How the heatmap splits each score over the inputs"));

  QUndoStack* stack = m_editor->undoStack();
  // Own actions rather than QUndoStack's, whose text grows with the command's name: the name goes
  // into the tool tip instead.
  auto* undo = new QAction(tr("Undo"), this);
  undo->setEnabled(false);
  connect(undo, &QAction::triggered, stack, &QUndoStack::undo);
  connect(stack, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
  connect(stack, &QUndoStack::undoTextChanged, undo,
          [undo](const QString& text) { undo->setToolTip(tr("Undo %1 (Ctrl+Z)").arg(text)); });
  undo->setShortcut(QKeySequence::Undo);
  undo->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
  auto* redo = new QAction(tr("Redo"), this);
  redo->setEnabled(false);
  connect(redo, &QAction::triggered, stack, &QUndoStack::redo);
  connect(stack, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
  connect(stack, &QUndoStack::redoTextChanged, redo,
          [redo](const QString& text) { redo->setToolTip(tr("Redo %1 (Ctrl+Shift+Z)").arg(text)); });
  redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
  redo->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
  auto* reset = new QAction(style()->standardIcon(QStyle::SP_DialogResetButton), tr("Reset"), this);
  reset->setToolTip(tr("Back to the unedited history (undoable)"));
  connect(reset, &QAction::triggered, m_editor, &WhatIfEditor::reset);
  for (QAction* action : {undo, redo, reset}) {
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(action);
  }
  m_undoButton = toolButton(undo, header);
  m_redoButton = toolButton(redo, header);
  m_resetButton = toolButton(reset, header);

  auto* title = heading(tr("What-if"), header);
  QFont big = title->font();
  big.setPointSizeF(big.pointSizeF() * 1.35);
  title->setFont(big);
  row->addWidget(title);
  row->addSpacing(16);
  row->addWidget(new QLabel(tr("User:"), header));
  row->addWidget(m_userEdit);
  row->addWidget(new QLabel(tr("Model:"), header));
  row->addWidget(m_modelLabel);
  row->addSpacing(8);
  row->addWidget(new QLabel(tr("K:"), header));
  row->addWidget(m_k);
  row->addWidget(new QLabel(tr("Attribution:"), header));
  row->addWidget(m_method);
  row->addStretch(1);
  row->addWidget(m_undoButton);
  row->addWidget(m_redoButton);
  row->addWidget(m_resetButton);
  column->addLayout(row);
  auto* second = new QHBoxLayout;
  m_scenarios = new WhatIfScenarioBar(header);
  second->addWidget(m_scenarios);
  second->addStretch(1);
  column->addLayout(second);
  m_message = new QLabel(header);
  m_message->setWordWrap(true);
  m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
  column->addWidget(m_message);
  return header;
}

QWidget* WhatIfPage::buildEditor() {
  auto* pane = new QWidget(this);
  auto* column = new QVBoxLayout(pane);
  column->setContentsMargins(0, 0, 4, 0);
  m_timeline = new HistoryTimeline(pane);
  m_timeline->setToolTip(tr("Click a dot to toggle its item"));
  m_timeline->setMinimumHeight(230);
  column->addWidget(m_timeline, 3);
  m_replay = new ReplayController(pane);
  column->addWidget(m_replay);
  m_tabs = new QTabWidget(pane);

  auto* historyTab = new QWidget(m_tabs);
  auto* historyColumn = new QVBoxLayout(historyTab);
  m_historyView = new QTableView(historyTab);
  m_historyView->setModel(m_historyModel);
  m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_historyView->setAlternatingRowColors(true);
  m_historyView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                 QAbstractItemView::SelectedClicked);
  m_historyView->verticalHeader()->hide();
  m_historyView->verticalHeader()->setDefaultSectionSize(24);
  m_historyView->horizontalHeader()->setSectionResizeMode(WhatIfHistoryModel::TitleColumn,
                                                          QHeaderView::Stretch);
  m_historyView->setColumnWidth(WhatIfHistoryModel::IncludeColumn, 32);
  m_historyView->setColumnWidth(WhatIfHistoryModel::DateColumn, 88);
  m_historyView->setColumnWidth(WhatIfHistoryModel::CategoryColumn, 92);
  m_historyView->setColumnWidth(WhatIfHistoryModel::EventsColumn, 50);
  m_historyView->setColumnWidth(WhatIfHistoryModel::WeightColumn, 58);
  // Order edits, for sequential models (the newest events weigh most); undoable like the others.
  auto* moveNewest = new QAction(tr("Make It the Newest Event"), this);
  moveNewest->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_End));
  moveNewest->setShortcutContext(Qt::WidgetShortcut);
  moveNewest->setToolTip(
      tr("Move the selected history item to the newest place: a sequential model "
         "(sasrec) weighs the newest events most; a bag-of-items model scores the same"));
  connect(moveNewest, &QAction::triggered, this, [this] {
    const auto rows = m_historyView->selectionModel()->selectedRows();
    if (rows.isEmpty()) return;
    const int item = rows.front().data(WhatIfHistoryModel::kItemRole).toInt();
    m_editor->moveToNewest(item, tr("Move %1 to the newest place").arg(itemTitle(item)));
  });
  auto* dropNewest = new QAction(tr("Drop the Newest Event"), this);
  dropNewest->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backspace));
  dropNewest->setShortcutContext(Qt::WidgetShortcut);
  dropNewest->setToolTip(tr("Turn off the newest history item still on (repeat to drop the last few)"));
  connect(dropNewest, &QAction::triggered, this, [this] {
    for (int r = m_historyModel->rowCount() - 1; r >= 0; --r) {
      const int item = m_historyModel->index(r, 0).data(WhatIfHistoryModel::kItemRole).toInt();
      if (m_editor->state().removed.count(item) != 0) continue;
      m_editor->setIncluded(item, false, tr("Remove %1").arg(itemTitle(item)));
      return;
    }
  });
  m_historyView->setContextMenuPolicy(Qt::ActionsContextMenu);
  m_historyView->addAction(moveNewest);
  m_historyView->addAction(dropNewest);
  historyColumn->addWidget(m_historyView, 1);
  m_search = new WhatIfSearchBox(historyTab);
  historyColumn->addWidget(m_search);
  m_tabs->addTab(historyTab, tr("History"));

  m_attributes = new QWidget(m_tabs);
  m_attributeForm = new QFormLayout(m_attributes);
  m_tabs->addTab(m_attributes, tr("Attributes"));
  m_catalog = new WhatIfCatalogPanel(m_tabs);
  m_tabs->addTab(m_catalog, tr("Catalog"));
  column->addWidget(m_tabs, 4);
  rebuildAttributes();
  return pane;
}

QWidget* WhatIfPage::buildResults() {
  auto* split = new QSplitter(Qt::Vertical, this);
  auto* top = new QWidget(split);
  auto* topColumn = new QVBoxLayout(top);
  topColumn->setContentsMargins(4, 0, 0, 0);
  m_summary = new QLabel(top);
  m_summary->setObjectName(QStringLiteral("whatIfSummary"));
  m_summary->setTextFormat(Qt::RichText);
  m_summary->setStyleSheet(
      QStringLiteral("#whatIfSummary { background: palette(alternate-base); border: 1px solid palette(mid); "
                     "border-radius: 4px; "
                     "padding: 6px; }"));
  topColumn->addWidget(m_summary);
  auto* listSplit = new QSplitter(Qt::Horizontal, top);
  auto* listPane = new QWidget(listSplit);
  auto* listColumn = new QVBoxLayout(listPane);
  listColumn->setContentsMargins(0, 0, 0, 0);
  auto* listHeader = new QHBoxLayout;
  listHeader->addWidget(heading(tr("Top-K after the edits"), listPane));
  listHeader->addStretch(1);
  m_timing = new QLabel(listPane);
  m_timing->setObjectName(QStringLiteral("timing"));
  m_timing->setStyleSheet(QStringLiteral("color: palette(mid);"));
  listHeader->addWidget(m_timing);
  auto* delist = new QAction(tr("Delist item"), this);
  delist->setToolTip(tr("Leave the selected item out of every list (undoable)"));
  connect(delist, &QAction::triggered, this, &WhatIfPage::delistSelected);
  m_delistButton = toolButton(delist, listPane);
  listHeader->addWidget(m_delistButton);
  listColumn->addLayout(listHeader);
  m_listView = new QTableView(listPane);
  m_listView->setModel(m_listModel);
  m_listView->setItemDelegateForColumn(WhatIfListModel::TierColumn,
                                       new TierBadgeDelegate(WhatIfListModel::kTierRole, m_listView));
  m_listView->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_listView->setSelectionMode(QAbstractItemView::SingleSelection);
  m_listView->setAlternatingRowColors(true);
  m_listView->verticalHeader()->hide();
  m_listView->verticalHeader()->setDefaultSectionSize(24);
  m_listView->horizontalHeader()->setSectionResizeMode(WhatIfListModel::TitleColumn, QHeaderView::Stretch);
  m_listView->setColumnWidth(WhatIfListModel::RankColumn, 45);
  m_listView->setColumnWidth(WhatIfListModel::ChangeColumn, 70);
  m_listView->setColumnWidth(WhatIfListModel::ScoreColumn, 60);
  m_listView->setContextMenuPolicy(Qt::ActionsContextMenu);
  m_listView->addAction(delist);
  listColumn->addWidget(m_listView, 1);
  m_mix = new WhatIfMixPlot(listSplit);
  listSplit->addWidget(listPane);
  listSplit->addWidget(m_mix);
  listSplit->setStretchFactor(0, 2);
  listSplit->setStretchFactor(1, 1);
  topColumn->addWidget(listSplit, 1);

  // The heatmap and the graph share one tabbed pane below the list, so that each gets the full width and
  // height of it: ten heatmap rows and a readable graph do not fit one above the other on a laptop screen.
  auto* explainTabs = new QTabWidget(split);
  explainTabs->setDocumentMode(true);
  auto* heatPane = new QWidget(explainTabs);
  auto* heatColumn = new QVBoxLayout(heatPane);
  heatColumn->setContentsMargins(4, 4, 0, 0);
  m_heatmap = new AttributionHeatmap(heatPane);
  heatColumn->addWidget(m_heatmap, 1);
  m_heatmapNote = new QLabel(heatPane);
  m_heatmapNote->setWordWrap(true);
  heatColumn->addWidget(m_heatmapNote);
  m_graph = new EgoGraphPane(explainTabs);
  explainTabs->addTab(heatPane, tr("Why: attribution of the top %1").arg(kExplainRows));
  explainTabs->addTab(m_graph, tr("Graph of the selected item"));
  explainTabs->setTabToolTip(
      0, tr("How each of the top items' scores splits over the history and the attributes"));
  explainTabs->setTabToolTip(1, tr("The neighbours that carried the selected item's score"));
  split->addWidget(top);
  split->addWidget(explainTabs);
  split->setStretchFactor(0, 4);
  split->setStretchFactor(1, 5);
  return split;
}

void WhatIfPage::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (m_dirty) requestCompute();
}

}  // namespace reclens
