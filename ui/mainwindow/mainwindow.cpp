#include "mainwindow/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

#include <algorithm>

#include "bookmarks/bookmarks.h"
#include "bookmarks/bookmarksdock.h"
#include "dashboards/fairnesspage.h"
#include "dashboards/longtailpage.h"
#include "embedding/embeddingmappage.h"
#include "explanation/explanationpage.h"
#include "import/importdialog.h"
#include "itemview/itemviewpage.h"
#include "live/livefeeddock.h"
#include "mainwindow/presentationmode.h"
#include "mainwindow/sessionrestore.h"
#include "mainwindow/startpage.h"
#include "recommendations/recommendationspage.h"
#include "recommendations/rerankcontrols.h"
#include "services/auditservice.h"
#include "services/jobprogressbar.h"
#include "services/jobprogressdialog.h"
#include "simulation/simulationpage.h"
#include "tables/itemspage.h"
#include "tables/userspage.h"
#include "whatif/whatifpage.h"
#include "widgets/displayformat.h"
#include "widgets/errormessage.h"

// Resources live in the ui library; a static library needs this call so the linker keeps them.
static void initReclensResources() {
  Q_INIT_RESOURCE(reclens);
}

namespace reclens {

namespace {
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kLastFolderKey = QStringLiteral("lastProjectFolder");
constexpr int kShortcutPages = 9;
// The model trained for the demo on its first run: the most accurate built-in model that still trains
// in seconds on the demo data.
const char* const kDemoModelKind = "lightgcn";

QString droppedProject(const QMimeData* mime) {
  if (mime == nullptr || !mime->hasUrls()) return {};
  for (const QUrl& url : mime->urls()) {
    if (url.isLocalFile() && url.toLocalFile().endsWith(QStringLiteral(".reclens"), Qt::CaseInsensitive)) {
      return url.toLocalFile();
    }
  }
  return {};
}
}  // namespace

MainWindow::MainWindow(QSettings& settings, ComputeDevice device, const QString& demoPath, QWidget* parent)
    : QMainWindow(parent),
      m_settings(settings),
      m_device(std::move(device)),
      m_recent(settings),
      m_projects(m_recent, demoPath),
      m_nav(new QListWidget(this)),
      m_stack(new QStackedWidget(this)),
      m_start(new StartPage(m_recent, this)),
      m_users(new UsersPage(this)),
      m_items(new ItemsPage(this)),
      m_recs(new RecommendationsPage(m_device, this)),
      m_explain(new ExplanationPage(this)),
      m_audit(new AuditService(this)),
      m_longTail(new LongTailPage(*m_audit, this)),
      m_fairness(new FairnessPage(*m_audit, this)),
      m_embedding(new EmbeddingMapPage(*m_audit, this)),
      m_projectLabel(new QLabel(this)),
      m_countsLabel(new QLabel(this)),
      m_deviceLabel(new QLabel(this)),
      m_progress(new JobProgressBar(this)) {
  initReclensResources();
  setWindowTitle(tr("RecLens"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/reclens.svg")));
  setAcceptDrops(true);

  m_nav->setIconSize(QSize(20, 20));
  m_nav->setSpacing(2);
  m_nav->setFixedWidth(170);
  m_nav->setToolTip(tr("Pages (Ctrl+1 to Ctrl+9)"));
  auto* central = new QWidget(this);
  auto* row = new QHBoxLayout(central);
  row->setContentsMargins(0, 0, 0, 0);
  row->setSpacing(0);
  row->addWidget(m_nav);
  row->addWidget(m_stack, 1);
  setCentralWidget(central);
  connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

  createMenus();
  addPage(QStringLiteral(":/icons/start.svg"), tr("Start"), tr("Recent projects, import and the demo"),
          m_start);
  addPage(QStringLiteral(":/icons/users.svg"), tr("Users"), tr("Browse and filter the users"), m_users);
  addPage(QStringLiteral(":/icons/items.svg"), tr("Items"), tr("Browse the catalog and its popularity tiers"),
          m_items);
  addPage(QStringLiteral(":/icons/reclens.svg"), tr("Recommendations"),
          tr("A model's top-K for one user, with live re-ranking"), m_recs);
  addPage(QStringLiteral(":/icons/reclens.svg"), tr("Explanation"),
          tr("Why the user gets each item: attribution heatmap, reason lines and graph paths"), m_explain);
  addPage(QStringLiteral(":/icons/items.svg"), tr("Long Tail"),
          tr("Popularity, exposure concentration and the accuracy-coverage trade-off of the model"),
          m_longTail);
  addPage(QStringLiteral(":/icons/users.svg"), tr("Fairness"),
          tr("Accuracy by user group, item exposure by group, counterfactual flips and audit reports"),
          m_fairness);
  addPage(QStringLiteral(":/icons/project.svg"), tr("Embedding Map"),
          tr("Every item embedding projected to 2-D, by popularity tier or cluster"), m_embedding);
  m_bookmarks = new Bookmarks(this);
  m_itemView = new ItemViewPage(*m_bookmarks, this);
  addPage(QStringLiteral(":/icons/items.svg"), tr("Item View"),
          tr("Search the catalog; similar items, bought together, who gets an item, exposure over time"),
          m_itemView);
  m_whatIf = new WhatIfPage(this);
  addPage(QStringLiteral(":/icons/users.svg"), tr("What-if"),
          tr("Edit a user's history and attributes, delist items or brands, replay the history over time"),
          m_whatIf);
  auto* simulation = m_simulation = new SimulationPage(this);
  const int simulationIndex =
      addPage(QStringLiteral(":/icons/reclens.svg"), tr("Simulation"),
              tr("Deploy the model in a simulated loop: policies side by side over rounds, with intervals"),
              simulation);
  // Past the ninth page there is no Ctrl+digit left: the Simulation page gets Ctrl+Shift+S.
  QAction* simulationAction =
      m_pagesMenu->addAction(QIcon(QStringLiteral(":/icons/reclens.svg")), tr("Simulation"), this,
                             [this, simulationIndex] { showPage(simulationIndex); });
  simulationAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
  connect(simulation, &SimulationPage::recommendationsRequested, this, &MainWindow::showRecommendations);
  connect(simulation, &SimulationPage::explanationRequested, this, &MainWindow::showExplanation);
  m_presentation = new PresentationMode(*this, m_whatIf);
  m_pagesMenu->addSeparator();
  QAction* presentAction = m_pagesMenu->addAction(tr("&Presentation"), this, [this] {
    if (m_presentation->isActive()) {
      m_presentation->stop();
    } else if (!m_presentation->start()) {
      statusBar()->showMessage(tr("Open a project to present it"), 4000);
    }
  });
  presentAction->setShortcut(Qt::Key_F11);
  presentAction->setStatusTip(
      tr("Full screen, large type, a guided walk through the project (arrow keys, Esc)"));
  addAction(presentAction);  // stays reachable while the menu bar is hidden
  showPage(0);

  m_projectLabel->setText(tr("No project"));
  m_deviceLabel->setText(deviceText());
  m_deviceLabel->setToolTip(tr("Where scores are computed; choose with --device auto|cpu|cuda[:N]"));
  m_progress->attach(&m_projects.job());
  statusBar()->addWidget(m_projectLabel);
  statusBar()->addWidget(m_countsLabel, 1);
  statusBar()->addPermanentWidget(m_progress);
  statusBar()->addPermanentWidget(m_deviceLabel);

  connect(m_start, &StartPage::openRecentRequested, this, &MainWindow::openProject);
  connect(m_start, &StartPage::openFileRequested, this, &MainWindow::chooseProjectFile);
  connect(m_start, &StartPage::importRequested, this, &MainWindow::showImportDialog);
  connect(m_start, &StartPage::demoRequested, this, &MainWindow::openDemo);
  connect(&m_projects, &ProjectController::projectOpened, this, &MainWindow::onProjectOpened);
  connect(&m_projects, &ProjectController::failed, this, &MainWindow::onFailed);
  connect(&m_projects, &ProjectController::cancelled, this,
          [this] { statusBar()->showMessage(tr("Cancelled"), 4000); });
  connect(&m_recent, &RecentProjects::changed, this, &MainWindow::rebuildRecentMenu);
  connect(m_users, &UsersPage::recommendationsRequested, this, &MainWindow::showRecommendations);
  // The Explanation page explains the list the Recommendations page shows.
  connect(m_recs, &RecommendationsPage::resultShown, this, [this](const RecomputeResult& result) {
    std::vector<std::int32_t> items;
    for (const auto& r : result.items) items.push_back(r.item);
    m_explain->showList(result.request.session, result.request.user, std::move(items));
  });
  connect(m_recs, &RecommendationsPage::modelFailed, m_explain, &ExplanationPage::clear);
  connect(m_explain, &ExplanationPage::userRequested, this, [this](int user) { showExplanation(user); });
  connect(m_recs, &RecommendationsPage::comparisonRequested, this, &MainWindow::compareItems);
  connect(m_explain, &ExplanationPage::personalViewRequested, this, [this] {
    m_recs->sortByPersonalPart();
    showPage(m_stack->indexOf(m_recs));
  });
  connect(m_nav, &QListWidget::currentRowChanged, this, &MainWindow::pageChanged);
  // The Item view, the audit dashboards and the What-if page follow the model of the Recommendations
  // page (no session when it failed to load).
  const auto followModel = [this, simulation] {
    m_itemView->setSession(m_recs->session());
    m_audit->setSession(m_recs->session());
    m_whatIf->setSession(m_recs->session());
    simulation->setSession(m_recs->session());
  };
  connect(m_recs, &RecommendationsPage::modelLoaded, this, followModel);
  connect(m_recs, &RecommendationsPage::modelFailed, this, followModel);
  // Bookmarks live in a dock.
  connect(m_itemView, &ItemViewPage::userRequested, this, &MainWindow::showRecommendations);
  connect(m_bookmarks, &Bookmarks::failed, this, [this](const QString& action, const Error& error) {
    statusBar()->showMessage(tr("%1: %2").arg(action, display::text(error.message)), 8000);
  });
  m_users->setBookmarks(m_bookmarks);
  m_bookmarksDock = new BookmarksDock(*m_bookmarks, this);
  addDockWidget(Qt::RightDockWidgetArea, m_bookmarksDock);
  m_bookmarksDock->hide();
  m_liveDock = new LiveFeedDock(*this);
  addDockWidget(Qt::RightDockWidgetArea, m_liveDock);
  m_liveDock->hide();
  const auto rowOf = [this](bool item, const QString& id) {
    const auto& snapshot = m_projects.snapshot();
    if (!snapshot) return -1;
    const auto& ids = item ? snapshot->dataset().items.ids : snapshot->dataset().users.ids;
    const auto it = std::find(ids.begin(), ids.end(), id.toStdString());
    if (it != ids.end()) return static_cast<int>(it - ids.begin());
    statusBar()->showMessage(tr("%1 is not in this project").arg(id), 4000);
    return -1;
  };
  connect(m_bookmarksDock, &BookmarksDock::itemRequested, this, [this, rowOf](const QString& id) {
    if (const int item = rowOf(true, id); item >= 0) showItem(item);
  });
  connect(m_bookmarksDock, &BookmarksDock::userRequested, this, [this, rowOf](const QString& id) {
    const int user = rowOf(false, id);
    if (user < 0) return;
    m_users->selectUser(user);
    showRecommendations(user);
  });
  // The embedding map and the Long-tail λ marker follow the user and knobs of the Recommendations page.
  connect(m_recs, &RecommendationsPage::resultShown, m_embedding, &EmbeddingMapPage::showUserResult);
  connect(m_recs->knobs(), &ReRankControls::changed, this,
          [this] { m_longTail->setCurrentReRank(m_recs->knobs()->options()); });
  connect(m_fairness, &FairnessPage::recommendationsRequested, this, &MainWindow::showRecommendations);
  // The What-if page edits the user of the Recommendations page.
  connect(m_recs, &RecommendationsPage::resultShown, this, [this](const RecomputeResult& result) {
    if (result.request.user != m_whatIf->currentUser()) m_whatIf->showUser(result.request.user);
  });
  rebuildRecentMenu();

  resize(1280, 800);
  restoreGeometry(m_settings.value(kGeometryKey).toByteArray());
  restoreState(m_settings.value(kStateKey).toByteArray());
  m_session = new SessionRestore(m_settings, *this);
}

MainWindow::~MainWindow() = default;

int MainWindow::addPage(const QString& iconPath, const QString& title, const QString& toolTip,
                        QWidget* page) {
  const int index = m_stack->addWidget(page);
  auto* item = new QListWidgetItem(QIcon(iconPath), title, m_nav);
  item->setToolTip(toolTip);
  item->setSizeHint(QSize(0, 34));
  if (index < kShortcutPages) {
    QAction* action =
        m_pagesMenu->addAction(QIcon(iconPath), title, this, [this, index] { showPage(index); });
    action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + index)));
    item->setToolTip(tr("%1 (%2)").arg(toolTip, action->shortcut().toString(QKeySequence::NativeText)));
  }
  return index;
}

void MainWindow::showPage(int index) {
  if (index >= 0 && index < m_stack->count()) m_nav->setCurrentRow(index);
}

void MainWindow::showRecommendations(int user) {
  showPage(m_stack->indexOf(m_recs));
  m_recs->showUser(user);
}

void MainWindow::showExplanation(int user, int item) {
  showPage(m_stack->indexOf(m_explain));
  if (item >= 0) m_explain->focusItem(user, item);
  // The Recommendations page computes the user's list; the Explanation page explains it.
  m_recs->showUser(user);
}

void MainWindow::compareItems(int user, int item, int versus) {
  showPage(m_stack->indexOf(m_explain));
  m_explain->compareItems(user, item, versus);
  m_recs->showUser(user);
}

int MainWindow::currentPage() const {
  return m_stack->currentIndex();
}

int MainWindow::pageIndex(QWidget* page) const {
  return m_stack->indexOf(page);
}

int MainWindow::pageCount() const {
  return m_stack->count();
}

void MainWindow::openProject(const QString& path) {
  if (!m_projects.openProject(path))
    statusBar()->showMessage(tr("Please wait for the current operation"), 4000);
}

void MainWindow::openDemo() {
  const bool generate = m_projects.demoNeedsGeneration();
  if (!m_projects.openDemo()) {
    statusBar()->showMessage(tr("Please wait for the current operation"), 4000);
    return;
  }
  if (generate) {
    auto* dialog =
        new JobProgressDialog(&m_projects.job(), tr("Generating the demo project (first run only)…"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
  }
}

void MainWindow::showImportDialog() {
  auto* dialog = new ImportDialog(m_settings.value(kLastFolderKey, QDir::homePath()).toString(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &ImportDialog::projectImported, this, &MainWindow::openProject);
  dialog->open();
}

void MainWindow::chooseProjectFile() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open Project"), m_settings.value(kLastFolderKey, QDir::homePath()).toString(),
      tr("RecLens projects (*.reclens);;All files (*)"));
  if (path.isEmpty()) return;
  m_settings.setValue(kLastFolderKey, QFileInfo(path).absolutePath());
  openProject(path);
}

void MainWindow::rebuildRecentMenu() {
  m_recentMenu->clear();
  const QStringList paths = m_recent.paths();
  for (int i = 0; i < paths.size(); ++i) {
    const QString& path = paths[i];
    QAction* action = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
                                              [this, path] { openProject(path); });
    action->setToolTip(QDir::toNativeSeparators(path));
    action->setStatusTip(QDir::toNativeSeparators(path));
    action->setEnabled(QFileInfo::exists(path));
  }
  m_recentMenu->setToolTipsVisible(true);
  if (!paths.isEmpty()) m_recentMenu->addSeparator();
  QAction* clear = m_recentMenu->addAction(tr("&Clear List"), &m_recent, &RecentProjects::clear);
  clear->setEnabled(!paths.isEmpty());
}

void MainWindow::focusFilter() {
  if (m_stack->currentWidget() == m_items) {
    m_items->focusFilter();
  } else if (m_stack->currentWidget() == m_users) {
    m_users->focusFilter();
  } else {
    showPage(m_stack->indexOf(m_itemView));
    m_itemView->focusSearch();
  }
}

void MainWindow::toggleBookmark() {
  QWidget* page = m_stack->currentWidget();
  if (page == m_itemView) {
    m_itemView->toggleBookmark();
  } else if (page == m_users) {
    m_users->toggleBookmark();
  } else if (const auto& snapshot = m_projects.snapshot(); snapshot && m_recs->currentUser() >= 0) {
    // Elsewhere the user of the Recommendations page is the current one.
    const auto& id = snapshot->dataset().users.ids[static_cast<std::size_t>(m_recs->currentUser())];
    const bool on = m_bookmarks->toggle(Bookmarks::Target::User, id);
    statusBar()->showMessage(on ? tr("User %1 bookmarked").arg(display::text(id))
                                : tr("User %1 no longer bookmarked").arg(display::text(id)),
                             4000);
  }
}

void MainWindow::showItem(int item) {
  showPage(m_stack->indexOf(m_itemView));
  m_itemView->showItem(item);
}

bool MainWindow::restoreSession() {
  return m_session->restore();
}

QString MainWindow::statusText() const {
  return m_countsLabel->text().isEmpty() ? m_projectLabel->text()
                                         : tr("%1 — %2").arg(m_projectLabel->text(), m_countsLabel->text());
}

QString MainWindow::deviceText() const {
  return tr("Device: %1").arg(display::text(m_device.description));
}

void MainWindow::onProjectOpened() {
  const auto& snapshot = m_projects.snapshot();
  m_users->setSnapshot(snapshot);
  m_items->setSnapshot(snapshot);
  m_audit->setSnapshot(snapshot);
  m_explain->clear();
  m_recs->setSnapshot(snapshot);
  m_bookmarks->setProject(QString::fromStdString(snapshot->projectPath()));
  m_itemView->setSnapshot(snapshot);
  m_whatIf->setSnapshot(snapshot);
  const QFileInfo file(QString::fromStdString(snapshot->projectPath()));
  const QString name = snapshot->dataset().info.name.empty() ? file.completeBaseName()
                                                             : display::text(snapshot->dataset().info.name);
  m_projectLabel->setText(name);
  m_projectLabel->setToolTip(QDir::toNativeSeparators(file.absoluteFilePath()));
  m_countsLabel->setText(tr("%1 users · %2 items · %3 interactions")
                             .arg(display::count(static_cast<qint64>(snapshot->userCount())),
                                  display::count(static_cast<qint64>(snapshot->itemCount())),
                                  display::count(static_cast<qint64>(snapshot->interactionCount()))));
  setWindowTitle(tr("%1 — RecLens").arg(file.fileName()));
  setWindowFilePath(file.absoluteFilePath());
  const bool demo = QFileInfo(m_projects.demoPath()) == file;
  if (demo && !m_recs->hasModels()) {
    // First run of the demo: train its model right away so the first thing shown is a recommendation.
    m_recs->trainModel(defaultTrainConfig(kDemoModelKind));
  }
  if (demo) {
    showPage(m_stack->indexOf(m_recs));
  } else if (m_stack->currentWidget() == m_start) {
    showPage(m_stack->indexOf(m_users));
  }
  Q_EMIT projectOpened();
}

void MainWindow::onFailed(const QString& action, const Error& error) {
  statusBar()->showMessage(action, 8000);
  showErrorMessage(this, action, error);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  m_settings.setValue(kGeometryKey, saveGeometry());
  m_settings.setValue(kStateKey, saveState());
  m_session->saveLayout();
  m_projects.job().cancel();
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!droppedProject(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QString path = droppedProject(event->mimeData());
  if (path.isEmpty()) return;
  event->acceptProposedAction();
  openProject(path);
}

}  // namespace reclens
