#include <QDockWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "bookmarks/bookmarksdock.h"
#include "itemview/itemviewpage.h"
#include "mainwindow/mainwindow.h"
#include "recommendations/recommendationspage.h"
#include "store/projectstore.h"
#include "tables/itemspage.h"
#include "tables/snapshotfilterproxymodel.h"
#include "tables/snapshottablemodel.h"
#include "tables/userspage.h"
#include "ui/testdataset.h"

using namespace reclens;

// A main window on a QSettings file: what one window leaves behind, the next one restores.
class TestSessionRestore : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_project;

  static ComputeDevice testDevice() { return {ComputeDevice::Kind::Cpu, 0, "CPU (test)"}; }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("small.reclens"));
    auto store = ProjectStore::open(m_project.toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(store.value()->writeDataset(testing::smallDataset()).ok());
  }

  void nothingToRestoreAtFirst() {
    QSettings settings(m_dir.filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
    MainWindow window(settings, testDevice(), m_dir.filePath(QStringLiteral("demo.reclens")));
    QVERIFY(!window.restoreSession());
    QVERIFY(!window.projects().snapshot());
  }

  void restoresProjectUserItemPageAndLayout() {
    QSettings settings(m_dir.filePath(QStringLiteral("session.ini")), QSettings::IniFormat);
    const int user = 2;  // "u1"
    const int item = 3;  // "a-3"
    int page = -1;
    QList<int> sizes;
    {
      MainWindow window(settings, testDevice(), m_dir.filePath(QStringLiteral("demo.reclens")));
      window.resize(1200, 760);
      window.show();
      QSignalSpy opened(&window, &MainWindow::projectOpened);
      window.openProject(m_project);
      QVERIFY(opened.wait(10000));
      window.showItem(item);
      auto* splitter = window.itemViewPage()->findChild<QSplitter*>(QStringLiteral("itemViewSplitter"));
      QVERIFY(splitter);
      splitter->setSizes({500, 600});
      auto* users = window.usersPage();
      users->view()->setCurrentIndex(users->proxy()->mapFromSource(users->model()->index(user, 0)));
      QCOMPARE(users->currentUser(), user);
      page = window.pageIndex(window.itemsPage());
      window.showPage(page);
      window.bookmarksDock()->show();
      window.showPage(window.pageIndex(window.itemViewPage()));
      QCoreApplication::processEvents();
      sizes = splitter->sizes();
      window.showPage(page);
      window.close();
    }
    MainWindow window(settings, testDevice(), m_dir.filePath(QStringLiteral("demo.reclens")));
    window.show();
    QSignalSpy opened(&window, &MainWindow::projectOpened);
    QVERIFY(window.restoreSession());
    QVERIFY(opened.wait(10000));
    QCOMPARE(QString::fromStdString(window.projects().snapshot()->projectPath()), m_project);
    QCOMPARE(window.currentPage(), page);
    QCOMPARE(window.usersPage()->currentUser(), user);
    QCOMPARE(window.recommendationsPage()->currentUser(), user);
    QCOMPARE(window.itemViewPage()->currentItem(), item);
    QVERIFY(window.bookmarksDock()->isVisible());
    window.showPage(window.pageIndex(window.itemViewPage()));
    QCoreApplication::processEvents();
    auto* splitter = window.itemViewPage()->findChild<QSplitter*>(QStringLiteral("itemViewSplitter"));
    QCOMPARE(splitter->sizes(), sizes);
  }

  void aProjectOpenedByHandStartsANewSession() {
    QSettings settings(m_dir.filePath(QStringLiteral("session.ini")), QSettings::IniFormat);
    settings.setValue(QStringLiteral("session/project"), m_dir.filePath(QStringLiteral("gone.reclens")));
    MainWindow window(settings, testDevice(), m_dir.filePath(QStringLiteral("demo.reclens")));
    QVERIFY(!window.restoreSession());  // the file is gone
    QSignalSpy opened(&window, &MainWindow::projectOpened);
    window.openProject(m_project);
    QVERIFY(opened.wait(10000));
    QCOMPARE(settings.value(QStringLiteral("session/project")).toString(), m_project);
    QVERIFY(!settings.contains(QStringLiteral("session/item")));
  }
};

QTEST_MAIN(TestSessionRestore)
#include "tst_sessionrestore.moc"
