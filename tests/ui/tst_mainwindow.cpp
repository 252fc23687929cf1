#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "csvimportpanel.h"
#include "csvpreviewmodel.h"
#include "csvsourceform.h"
#include "importdialog.h"
#include "itemspage.h"
#include "mainwindow.h"
#include "snapshotfilterproxymodel.h"
#include "startpage.h"
#include "store/projectstore.h"
#include "ui/testdataset.h"
#include "userspage.h"

using namespace reclens;

class TestMainWindow : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_project;

  static void saveScreenshot(QWidget* widget, const QString& name) {
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
  }

  static ComputeDevice testDevice() { return {ComputeDevice::Kind::Cpu, 0, "CPU (test)"}; }

  // Closes the next modal dialog (an error box) and returns its text through `text`.
  static void closeNextModal(QString* text) {
    auto* timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, text] {
      if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
        *text = box->text() + QLatin1Char('\n') + box->informativeText();
        box->accept();
        timer->deleteLater();
      }
    });
    timer->start();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("small.reclens"));
    auto store = ProjectStore::open(m_project.toStdString(), ProjectStore::Mode::Create);
    QVERIFY2(store.ok(), store.ok() ? "" : store.error().message.c_str());
    const auto status = store.value()->writeDataset(testing::smallDataset());
    QVERIFY2(status.ok(), status.ok() ? "" : status.error().message.c_str());
  }

  void opensAProjectAndFilters() {
    QSettings settings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    settings.setValue(QStringLiteral("recentProjects"), QStringList{m_dir.filePath(QStringLiteral("gone.reclens"))});
    MainWindow window(settings, testDevice(), m_dir.filePath(QStringLiteral("demo.reclens")));
    window.resize(1200, 720);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));

    // The start page lists the missing recent project greyed out.
    QListWidget* recent = window.startPage()->recentList();
    QCOMPARE(recent->count(), 1);
    QVERIFY(!(recent->item(0)->flags() & Qt::ItemIsEnabled));
    QVERIFY(recent->item(0)->toolTip().contains(QStringLiteral("no longer exists")));
    QCOMPARE(window.statusText(), QStringLiteral("No project"));
    saveScreenshot(&window, QStringLiteral("page-start.png"));

    QSignalSpy opened(&window, &MainWindow::projectOpened);
    window.openProject(m_project);
    QVERIFY(opened.wait(10000));
    QCOMPARE(window.currentPage(), 1);  // the users page
    QCOMPARE(window.usersPage()->view()->model()->rowCount(), 4);
    QCOMPARE(window.itemsPage()->view()->model()->rowCount(), 6);
    QCOMPARE(window.statusText(), QStringLiteral("small shop — 4 users · 6 items · 20 interactions"));
    QCOMPARE(window.deviceText(), QStringLiteral("Device: CPU (test)"));
    QCOMPARE(settings.value(QStringLiteral("recentProjects")).toStringList().first(), m_project);
    QCOMPARE(recent->count(), 2);
    QVERIFY(recent->item(0)->flags() & Qt::ItemIsEnabled);
    // Most active user first.
    QCOMPARE(window.usersPage()->view()->model()->index(0, 0).data().toString(), QStringLiteral("u2"));
    saveScreenshot(&window, QStringLiteral("page-users.png"));

    // Ctrl+F focuses the filter; typing filters after a short pause.
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(window.usersPage()->filterEdit()->hasFocus(), 2000);
    QTest::keyClicks(window.usersPage()->filterEdit(), QStringLiteral("u1"));
    QTRY_COMPARE_WITH_TIMEOUT(window.usersPage()->view()->model()->rowCount(), 2, 5000);
    // The gender filter keeps only "F".
    QCOMPARE(window.usersPage()->attributeFilters().size(), std::size_t(2));
    QComboBox* gender = window.usersPage()->attributeFilters().front();
    gender->setCurrentIndex(gender->findText(QStringLiteral("F")));
    QCOMPARE(window.usersPage()->view()->model()->rowCount(), 1);
    saveScreenshot(&window, QStringLiteral("page-users-filtered.png"));

    // Ctrl+3 shows the items page.
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), 2);
    QCOMPARE(window.itemsPage()->view()->model()->index(0, 0).data().toString(), QStringLiteral("10"));
    saveScreenshot(&window, QStringLiteral("page-items.png"));
    QTest::keyClicks(window.itemsPage()->filterEdit(), QStringLiteral("TEA"));
    QTRY_COMPARE_WITH_TIMEOUT(window.itemsPage()->view()->model()->rowCount(), 1, 5000);
    window.itemsPage()->filterEdit()->clear();
    QComboBox* tier = window.itemsPage()->tierFilter();
    tier->setCurrentIndex(tier->findData(int(PopularityTier::Tail)));
    QTRY_COMPARE_WITH_TIMEOUT(window.itemsPage()->view()->model()->rowCount(), 2, 5000);
    QVERIFY(tier->currentText().contains(QStringLiteral("2 items")));

    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), 0);
    saveScreenshot(&window, QStringLiteral("page-start-recent.png"));
  }

  void opensADroppedProject() {
    QSettings settings(m_dir.filePath(QStringLiteral("settings-drop.ini")), QSettings::IniFormat);
    MainWindow window(settings, testDevice(), m_dir.filePath(QStringLiteral("demo.reclens")));
    window.show();
    QSignalSpy opened(&window, &MainWindow::projectOpened);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(m_project)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QVERIFY(opened.wait(10000));
    QCOMPARE(window.itemsPage()->view()->model()->rowCount(), 6);
  }

  void reportsAFileThatIsNotAProject() {
    const QString bad = m_dir.filePath(QStringLiteral("bad.reclens"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a database");
    file.close();
    QSettings settings(m_dir.filePath(QStringLiteral("settings-bad.ini")), QSettings::IniFormat);
    MainWindow window(settings, testDevice(), m_dir.filePath(QStringLiteral("demo.reclens")));
    window.show();
    QSignalSpy failed(&window.projects(), &ProjectController::failed);
    QString boxText;
    closeNextModal(&boxText);
    window.openProject(bad);
    QVERIFY(failed.wait(10000));
    QVERIFY2(boxText.contains(QStringLiteral("bad.reclens")), qPrintable(boxText));
    QVERIFY(settings.value(QStringLiteral("recentProjects")).toStringList().isEmpty());
    QCOMPARE(window.statusText(), QStringLiteral("No project"));
  }

  void importDialogReadsTheHeader() {
    const QString csv = m_dir.filePath(QStringLiteral("log.csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("customer_id,product_id,timestamp,quantity\nc1,p1,2021-01-01 10:00:00,2\nc2,p1,2021-01-02 11:00:00,1\n");
    file.close();
    ImportDialog dialog(m_dir.path());
    dialog.show();
    CsvSourceForm* form = dialog.csvPanel()->interactionsForm();
    form->setPath(csv);
    QCOMPARE(form->header(), (QStringList{"customer_id", "product_id", "timestamp", "quantity"}));
    QCOMPARE(form->column(QStringLiteral("user")), std::string("customer_id"));
    QCOMPARE(form->column(QStringLiteral("item")), std::string("product_id"));
    QCOMPARE(form->column(QStringLiteral("timestamp")), std::string("timestamp"));
    QCOMPARE(form->column(QStringLiteral("weight")), std::string("quantity"));
    QCOMPARE(form->column(QStringLiteral("brand")), std::string());
    QCOMPARE(form->preview()->rowCount(), 2);
    auto mapping = dialog.csvPanel()->mapping();
    QVERIFY(mapping.ok());
    QCOMPARE(mapping.value().interactions.userColumn, std::string("customer_id"));
    QCOMPARE(mapping.value().datasetName, std::string("log"));
    QVERIFY(!mapping.value().items.has_value());
    saveScreenshot(&dialog, QStringLiteral("dialog-import.png"));
  }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
