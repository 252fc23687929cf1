// The main window's menus (File, View, Help); the Pages entries are added by addPage.
#include <QAction>
#include <QIcon>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>

#include "bookmarks/bookmarksdock.h"
#include "itemview/itemviewpage.h"
#include "live/livefeeddock.h"
#include "mainwindow/mainwindow.h"
#include "widgets/displayformat.h"

namespace reclens {

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
  QAction* findAction = view->addAction(tr("&Find"), this, &MainWindow::focusFilter);
  findAction->setShortcut(QKeySequence::Find);
  findAction->setStatusTip(
      tr("Filter the table of the Users or Items page; on any other page, search the catalog"));
  QAction* searchAction = view->addAction(tr("Search &Catalog"), this, [this] {
    showPage(m_stack->indexOf(m_itemView));
    m_itemView->focusSearch();
  });
  searchAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_F);
  searchAction->setStatusTip(tr("Search the catalog by title, category, brand or id on the Item view"));
  QAction* bookmarkAction = view->addAction(tr("&Bookmark"), this, &MainWindow::toggleBookmark);
  bookmarkAction->setShortcut(Qt::CTRL | Qt::Key_D);
  bookmarkAction->setStatusTip(tr("Bookmark or un-bookmark the current user or item"));
  QAction* bookmarksAction = view->addAction(tr("Bookmarks and &Notes"), this, [this] {
    m_bookmarksDock->setVisible(!m_bookmarksDock->isVisible());
  });
  bookmarksAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_B);
  bookmarksAction->setStatusTip(tr("Show or hide the list of bookmarked users and items"));
  QAction* liveAction =
      view->addAction(tr("&Live Events"), this, [this] { m_liveDock->setVisible(!m_liveDock->isVisible()); });
  liveAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_L);
  liveAction->setStatusTip(tr("Show or hide the feed of events streamed into the open project"));
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

}  // namespace reclens
