#include "mainwindow.h"

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

#include "displayformat.h"
#include "errormessage.h"
#include "importdialog.h"
#include "itemspage.h"
#include "jobprogressbar.h"
#include "jobprogressdialog.h"
#include "recommendationspage.h"
#include "startpage.h"
#include "userspage.h"

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
  rebuildRecentMenu();

  resize(1280, 800);
  restoreGeometry(m_settings.value(kGeometryKey).toByteArray());
  restoreState(m_settings.value(kStateKey).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* importAction = file->addAction(QIcon(QStringLiteral(":/icons/import.svg")),
                                          tr("&New Project from CSV…"), this, &MainWindow::showImportDialog);
  importAction->setShortcut(QKeySequence::New);
  importAction->setStatusTip(tr("Import CSV files into a new project"));
  QAction* openAction = file->addAction(QIcon(QStringLiteral(":/icons/open.svg")), tr("&Open Project…"), this,
                                        &MainWindow::chooseProjectFile);
  openAction->setShortcut(QKeySequence::Open);
  openAction->setStatusTip(tr("Open a .reclens project file"));
  QAction* demoAction = file->addAction(QIcon(QStringLiteral(":/icons/demo.svg")), tr("Open &Demo Project"),
                                        this, &MainWindow::openDemo);
  demoAction->setStatusTip(tr("Open the bundled synthetic shop"));
  m_recentMenu = file->addMenu(tr("&Recent Projects"));
  file->addSeparator();
  QAction* quitAction = file->addAction(tr("&Quit"), this, &QWidget::close);
  quitAction->setShortcut(QKeySequence::Quit);
  quitAction->setMenuRole(QAction::QuitRole);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* findAction = view->addAction(tr("&Filter Rows"), this, &MainWindow::focusFilter);
  findAction->setShortcut(QKeySequence::Find);
  findAction->setStatusTip(tr("Move the cursor into the current page's filter box"));
  view->addSeparator();
  m_pagesMenu = view;

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About RecLens"), this, [this] {
    QMessageBox::about(
        this, tr("About RecLens"),
        tr("<h3>RecLens %1</h3><p>Explains and audits recommendation models.</p><p>Compute device: "
           "%2</p>")
            .arg(QStringLiteral(RECLENS_VERSION), display::text(m_device.description)));
  });
}

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
  } else {
    if (m_stack->currentWidget() != m_users) showPage(m_stack->indexOf(m_users));
    m_users->focusFilter();
  }
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
  m_recs->setSnapshot(snapshot);
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
