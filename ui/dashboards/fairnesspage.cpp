#include "dashboards/fairnesspage.h"

#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include <qcustomplot.h>

#include "dashboards/auditmetrics.h"
#include "dashboards/auditreportwriter.h"
#include "dashboards/auditrunbar.h"
#include "dashboards/exposureplot.h"
#include "dashboards/fairnessgapmodel.h"
#include "dashboards/flipratemodel.h"
#include "dashboards/gapdecompositiondialog.h"
#include "dashboards/groupmeansplot.h"
#include "dashboards/groupusersmodel.h"
#include "dashboards/runcomparisondialog.h"
#include "plots/plotexport.h"
#include "plots/plotstyle.h"
#include "services/auditservice.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
// Groups drawn in the exposure plot before the rest are summed into "other".
constexpr int kExposureGroups = 12;

QTableView* newTable(QWidget* parent, QAbstractItemModel* model, const QString& fileName) {
  auto* view = new QTableView(parent);
  view->setModel(model);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setAlternatingRowColors(true);
  view->verticalHeader()->hide();
  view->horizontalHeader()->setStretchLastSection(true);
  plotexport::installTableMenu(view, fileName);
  return view;
}

QCustomPlot* newPlot(QWidget* parent, const QString& title, const QString& fileName) {
  auto* plot = new QCustomPlot(parent);
  plot->setMinimumSize(360, 240);
  plotstyle::apply(plot, title);
  plotexport::installPlotMenu(plot, fileName);
  return plot;
}

QWidget* titled(QWidget* parent, QLabel* title, QWidget* body) {
  auto* box = new QWidget(parent);
  auto* column = new QVBoxLayout(box);
  column->setContentsMargins(0, 0, 0, 0);
  column->addWidget(title);
  column->addWidget(body, 1);
  return box;
}

QLabel* heading(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  QFont font = label->font();
  font.setBold(true);
  label->setFont(font);
  return label;
}
}  // namespace

FairnessPage::FairnessPage(AuditService& audit, QWidget* parent)
    : QWidget(parent),
      m_audit(audit),
      m_runBar(new AuditRunBar(audit, this)),
      m_attribute(new QComboBox(this)),
      m_metric(new QComboBox(this)),
      m_grouping(new QComboBox(this)),
      m_groupPlot(newPlot(this, tr("Accuracy by user group"), QStringLiteral("group-accuracy"))),
      m_exposurePlot(newPlot(this, tr("Item exposure against catalog and interaction share"),
                             QStringLiteral("item-group-exposure"))),
      m_gaps(new FairnessGapModel(this)),
      m_flips(new FlipRateModel(this)),
      m_users(new GroupUsersModel(this)),
      m_gapTable(newTable(this, m_gaps, QStringLiteral("fairness-gaps"))),
      m_flipTable(newTable(this, m_flips, QStringLiteral("flip-rates"))),
      m_usersTable(newTable(this, m_users, QStringLiteral("group-users"))),
      m_flipNote(new QLabel(this)),
      m_usersTitle(heading(tr("Users of a group"), this)),
      m_save(new QPushButton(tr("&Save Run…"), this)),
      m_report(new QPushButton(tr("Export &Report…"), this)),
      m_compare(new QPushButton(tr("&Compare Runs…"), this)),
      m_why(new QPushButton(tr("&Why This Gap?…"), this)) {
  for (auto* box : {m_attribute, m_metric, m_grouping}) box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_attribute->setToolTip(tr("User attribute whose groups are compared"));
  m_metric->setToolTip(tr("Accuracy metric drawn per group"));
  m_grouping->setToolTip(tr("How items are grouped for the exposure comparison"));
  m_save->setToolTip(tr("Store this audit (configuration, results, provenance) in the project file"));
  m_report->setToolTip(tr("Write a self-contained HTML or PDF report of this audit"));
  m_compare->setToolTip(
      tr("Compare two saved audit runs (or one with the audit on screen): differences with "
         "paired bootstrap intervals over the same users (Ctrl+Shift+C)"));
  m_compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
  m_why->setToolTip(
      tr("Split the gap of the chosen metric between the user attribute's groups over the item "
         "groups (categories, brands, tiers) that account for it"));
  m_why->setEnabled(false);
  m_usersTable->setSortingEnabled(false);
  for (auto* view : {m_gapTable, m_flipTable}) {
    view->horizontalHeader()->setStretchLastSection(false);
    view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  }
  m_flipNote->setWordWrap(true);
  m_groupPlot->setInteractions(QCP::iSelectPlottables);
  m_groupPlot->setToolTip(tr("Click a bar to list the group's users"));

  auto* top = new QHBoxLayout;
  top->addWidget(m_runBar, 1);
  top->addWidget(m_save);
  top->addWidget(m_report);
  top->addWidget(m_compare);
  top->addWidget(buildExportButton());

  auto* pickers = new QHBoxLayout;
  const auto addPicker = [this, pickers](const QString& text, QComboBox* box) {
    auto* label = new QLabel(text, this);
    label->setBuddy(box);
    pickers->addWidget(label);
    pickers->addWidget(box);
    pickers->addSpacing(12);
  };
  addPicker(tr("User &attribute:"), m_attribute);
  addPicker(tr("&Metric:"), m_metric);
  addPicker(tr("Item &grouping:"), m_grouping);
  pickers->addWidget(m_why);
  pickers->addStretch(1);

  auto* side = new QWidget(this);
  auto* sideColumn = new QVBoxLayout(side);
  sideColumn->setContentsMargins(0, 0, 0, 0);
  sideColumn->addWidget(heading(tr("Gaps between the groups"), side));
  sideColumn->addWidget(m_gapTable, 2);
  sideColumn->addWidget(heading(tr("Counterfactual flips"), side));
  sideColumn->addWidget(m_flipNote);
  sideColumn->addWidget(m_flipTable, 1);

  auto* upper = new QSplitter(Qt::Horizontal, this);
  upper->addWidget(m_groupPlot);
  upper->addWidget(side);
  upper->setStretchFactor(0, 3);
  upper->setStretchFactor(1, 2);
  upper->setSizes({900, 600});
  auto* lower = new QSplitter(Qt::Horizontal, this);
  lower->addWidget(titled(this, m_usersTitle, m_usersTable));
  lower->addWidget(m_exposurePlot);
  lower->setStretchFactor(0, 1);
  lower->setStretchFactor(1, 1);
  lower->setSizes({700, 800});
  auto* rows = new QSplitter(Qt::Vertical, this);
  rows->addWidget(upper);
  rows->addWidget(lower);
  rows->setChildrenCollapsible(false);

  auto* column = new QVBoxLayout(this);
  column->addLayout(top);
  column->addLayout(pickers);
  column->addWidget(rows, 1);

  connect(&m_audit, &AuditService::sessionChanged, this, &FairnessPage::clear);
  connect(&m_audit, &AuditService::auditFinished, this, &FairnessPage::showOutcome);
  connect(m_attribute, &QComboBox::currentIndexChanged, this, &FairnessPage::fillMetrics);
  connect(m_metric, &QComboBox::currentIndexChanged, this, &FairnessPage::drawGroups);
  connect(m_grouping, &QComboBox::currentIndexChanged, this, &FairnessPage::drawExposure);
  connect(
      m_groupPlot, &QCustomPlot::plottableClick, this,
      [this](QCPAbstractPlottable* plottable, int dataIndex, QMouseEvent*) {
        // A click on a whisker means its bar: the error bars share the bars' data indices.
        if (qobject_cast<QCPBars*>(plottable) != nullptr || qobject_cast<QCPErrorBars*>(plottable) != nullptr)
          selectGroup(dataIndex);
      });
  connect(m_usersTable, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    const auto user = m_users->userAt(index.row());
    if (user >= 0) Q_EMIT recommendationsRequested(user);
  });
  connect(m_save, &QPushButton::clicked, this, &FairnessPage::askAndSave);
  connect(m_report, &QPushButton::clicked, this, &FairnessPage::askAndExport);
  connect(m_compare, &QPushButton::clicked, this, &FairnessPage::openComparison);
  connect(m_why, &QPushButton::clicked, this, &FairnessPage::openGapDecomposition);
  clear();
}

FairnessPage::~FairnessPage() = default;

QWidget* FairnessPage::buildExportButton() {
  auto* button = new QToolButton(this);
  button->setText(tr("Export"));
  button->setToolTip(tr("Save a plot as PNG or SVG, or a table as CSV"));
  button->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(button);
  for (auto* plot : {m_groupPlot, m_exposurePlot}) {
    menu->addAction(tr("%1…").arg(plot->windowTitle()), this,
                    [this, plot] { plotexport::exportPlot(this, plot, plot->windowTitle()); });
  }
  menu->addSeparator();
  const struct {
    QString title;
    QTableView* view;
    QString file;
  } tables[] = {{tr("Gap table as CSV…"), m_gapTable, QStringLiteral("fairness-gaps")},
                {tr("Flip rates as CSV…"), m_flipTable, QStringLiteral("flip-rates")},
                {tr("Users of the group as CSV…"), m_usersTable, QStringLiteral("group-users")}};
  for (const auto& t : tables) {
    QTableView* view = t.view;
    const QString file = t.file;
    menu->addAction(t.title, this, [this, view, file] { plotexport::exportTable(this, view, file); });
  }
  button->setMenu(menu);
  return button;
}

void FairnessPage::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  for (auto* plot : {m_groupPlot, m_exposurePlot}) plot->replot();
}

void FairnessPage::clear() {
  const QSignalBlocker a(m_attribute), m(m_metric), g(m_grouping);
  m_attribute->clear();
  m_metric->clear();
  m_grouping->clear();
  m_gaps->clear();
  m_flips->setFlips({});
  m_users->clear();
  m_usersTitle->setText(tr("Users of a group"));
  m_flipNote->clear();
  m_save->setEnabled(false);
  m_report->setEnabled(false);
  m_why->setEnabled(false);
  const QString hint = m_audit.session() ? tr("Run an audit to see this plot") : tr("No model loaded");
  for (auto* plot : {m_groupPlot, m_exposurePlot}) {
    plot->clearPlottables();
    plot->clearItems();
    plot->legend->setVisible(false);
    plotstyle::setPlaceholder(plot, hint);
    plotstyle::replotShown(plot);
  }
}

void FairnessPage::showOutcome() {
  const auto& outcome = m_audit.outcome();
  if (!outcome) return;
  clear();
  const auto& r = outcome->result;
  {
    const QSignalBlocker a(m_attribute), g(m_grouping);
    for (const auto& attribute : r.fairness) m_attribute->addItem(display::text(attribute.attribute));
    for (const auto& grouping : r.itemGroups)
      m_grouping->addItem(itemGroupingTitle(grouping.name), display::text(grouping.name));
    // Brands or categories say more than tiers here (tiers are on the Long-tail page).
    m_grouping->setCurrentIndex(std::max(0, m_grouping->count() - 1));
  }
  if (r.flips.empty()) {
    m_flipNote->setText(tr("The model reads no user attribute, so flipping one cannot change its lists."));
    m_flipTable->hide();
  } else {
    m_flipNote->setText(tr("Each user's list recomputed with the attribute set to every other value."));
    m_flipTable->show();
    m_flips->setFlips(r.flips);
    m_flipTable->resizeColumnsToContents();
  }
  m_save->setEnabled(true);
  m_report->setEnabled(true);
  m_why->setEnabled(true);
  fillMetrics();
  drawExposure();
}

void FairnessPage::fillMetrics() {
  const auto& outcome = m_audit.outcome();
  const int a = m_attribute->currentIndex();
  if (!outcome || a < 0 || a >= static_cast<int>(outcome->result.fairness.size())) return;
  const auto& attribute = outcome->result.fairness[std::size_t(a)];
  const int k = outcome->result.partial.config.k;
  const QString previous = m_metric->currentData().toString();
  {
    const QSignalBlocker block(m_metric);
    m_metric->clear();
    for (const auto& metric : attribute.metrics)
      m_metric->addItem(auditmetrics::title(metric.metric, k), display::text(metric.metric));
    const int keep = m_metric->findData(previous.isEmpty() ? QStringLiteral("ndcg") : previous);
    m_metric->setCurrentIndex(std::max(0, keep));
  }
  m_gaps->setAttribute(attribute, k);
  m_gapTable->resizeColumnsToContents();
  m_users->clear();
  m_usersTitle->setText(tr("Users of a group: click a bar"));
  drawGroups();
}

void FairnessPage::drawGroups() {
  m_groupPlot->clearPlottables();
  m_groupPlot->clearItems();
  m_plottedGroups.clear();
  const auto& outcome = m_audit.outcome();
  const int a = m_attribute->currentIndex();
  const int m = m_metric->currentIndex();
  if (!outcome || a < 0 || m < 0) return;
  const auto& attribute = outcome->result.fairness[std::size_t(a)];
  if (m >= static_cast<int>(attribute.metrics.size())) return;
  const auto& metric = attribute.metrics[std::size_t(m)];
  m_plottedGroups = drawGroupMeans(m_groupPlot, attribute.attribute, metric, outcome->result.partial.config.k,
                                   auditmetrics::value(outcome->result, metric.metric));
  plotstyle::replotShown(m_groupPlot);
}

bool FairnessPage::selectGroup(int index) {
  if (m_groupPlot->plottableCount() == 0) return false;
  auto* bars = qobject_cast<QCPBars*>(m_groupPlot->plottable(0));
  if (bars == nullptr || index < 0 || index >= bars->dataCount()) return false;
  bars->setSelection(QCPDataSelection(QCPDataRange(index, index + 1)));
  plotstyle::replotShown(m_groupPlot);
  onGroupClicked(index);
  return true;
}

void FairnessPage::onGroupClicked(int index) {
  const auto& outcome = m_audit.outcome();
  const int a = m_attribute->currentIndex();
  const int m = m_metric->currentIndex();
  if (!outcome || a < 0 || m < 0) return;
  const auto& r = outcome->result;
  const auto& attribute = r.fairness[std::size_t(a)];
  if (index < 0 || index >= static_cast<int>(m_plottedGroups.size())) return;
  const auto name = m_plottedGroups[std::size_t(index)];
  // The group's code in the audit's vocabulary of the attribute; a name outside it is the missing group.
  const auto& names = r.partial.userAttributes;
  const auto at = std::find(names.begin(), names.end(), attribute.attribute);
  if (at == names.end()) return;
  const auto column = static_cast<std::size_t>(at - names.begin());
  const auto& vocabulary = r.partial.userAttributeValues[column];
  const auto found = std::find(vocabulary.begin(), vocabulary.end(), name);
  const auto code = found == vocabulary.end() ? -1 : static_cast<std::int32_t>(found - vocabulary.begin());
  m_users->setGroup(outcome, static_cast<int>(column), code);
  m_usersTable->resizeColumnsToContents();
  m_usersTitle->setText(tr("%1 = %2: %3 users (double-click one for their recommendations)")
                            .arg(display::text(attribute.attribute),
                                 name.empty() ? tr("(missing)") : display::text(name),
                                 display::count(m_users->rowCount())));
}

void FairnessPage::drawExposure() {
  const auto& outcome = m_audit.outcome();
  if (!outcome) return;
  const std::string name = m_grouping->currentData().toString().toStdString();
  const auto& groupings = outcome->result.itemGroups;
  const auto it = std::find_if(groupings.begin(), groupings.end(),
                               [&name](const ItemGrouping& g) { return g.name == name; });
  if (it == groupings.end()) return;
  plotstyle::apply(
      m_exposurePlot,
      tr("Exposure by %1 against catalog and interaction share").arg(itemGroupingTitle(it->name).toLower()));
  drawExposureShares(m_exposurePlot, *it, kExposureGroups);
  plotstyle::replotShown(m_exposurePlot);
}

bool FairnessPage::saveRun(const QString& name, QString* error) {
  auto saved = m_audit.saveRun(name.toStdString());
  if (!saved) {
    if (error) *error = display::text(saved.error().message);
    return false;
  }
  Q_EMIT runSaved(saved.value());
  return true;
}

GapDecompositionDialog* FairnessPage::openGapDecomposition() {
  const auto& outcome = m_audit.outcome();
  const int a = m_attribute->currentIndex();
  if (!outcome || a < 0 || a >= static_cast<int>(outcome->result.fairness.size())) return nullptr;
  auto* dialog = new GapDecompositionDialog(outcome, outcome->result.fairness[std::size_t(a)].attribute,
                                            m_metric->currentData().toString().toStdString(),
                                            m_grouping->currentData().toString().toStdString(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
  return dialog;
}

RunComparisonDialog* FairnessPage::openComparison() {
  std::string project;
  if (m_audit.session()) {
    project = m_audit.session()->snapshot().projectPath();
  } else if (m_audit.snapshot()) {
    project = m_audit.snapshot()->projectPath();
  }
  if (project.empty()) return nullptr;
  std::shared_ptr<const AuditRun> current;
  if (m_audit.outcome())
    current = std::make_shared<const AuditRun>(m_audit.currentRun(tr("on screen").toStdString()));
  auto* dialog = new RunComparisonDialog(project, std::move(current), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
  return dialog;
}

bool FairnessPage::exportReport(const QString& path, QString* error) {
  if (!m_audit.outcome()) {
    if (error) *error = tr("There is no audit to report");
    return false;
  }
  const auto run = m_audit.currentRun(QStringLiteral("%1 @%2")
                                          .arg(display::text(m_audit.outcome()->session->name()))
                                          .arg(m_audit.outcome()->result.partial.config.k)
                                          .toStdString());
  return writeAuditReport(run, path, error);
}

void FairnessPage::askAndSave() {
  if (!m_audit.outcome()) return;
  const auto& outcome = *m_audit.outcome();
  const QString suggested =
      tr("%1 @%2 %3")
          .arg(display::text(outcome.session->name()))
          .arg(outcome.result.partial.config.k)
          .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd hh:mm")));
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("Save Audit Run"), tr("Name of the run:"),
                                             QLineEdit::Normal, suggested, &ok);
  if (!ok || name.trimmed().isEmpty()) return;
  QString error;
  if (!saveRun(name.trimmed(), &error)) {
    QMessageBox::warning(this, tr("Could not save the audit run"), error);
  } else {
    QMessageBox::information(this, tr("Audit run saved"),
                             tr("The run “%1” is stored in the project.").arg(name.trimmed()));
  }
}

void FairnessPage::askAndExport() {
  if (!m_audit.outcome()) return;
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  QString selected;
  QString path = QFileDialog::getSaveFileName(this, tr("Export Audit Report"),
                                              folder + QStringLiteral("/audit-report.html"),
                                              tr("HTML report (*.html);;PDF document (*.pdf)"), &selected);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty())
    path += selected.contains(QStringLiteral("pdf")) ? QStringLiteral(".pdf") : QStringLiteral(".html");
  QString error;
  if (!exportReport(path, &error)) QMessageBox::warning(this, tr("Could not export the report"), error);
}

}  // namespace reclens
