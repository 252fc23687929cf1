#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "audit/rerankinputs.h"
#include "audit/tradeoff.h"
#include "import/csvimportpanel.h"
#include "import/csvpreviewmodel.h"
#include "import/csvsourceform.h"
#include "import/importdialog.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/startpage.h"
#include "recommendations/recommendationmodel.h"
#include "recommendations/recommendationspage.h"
#include "recommendations/rerankcontrols.h"
#include "store/projectstore.h"
#include "tables/itemspage.h"
#include "tables/snapshotfilterproxymodel.h"
#include "tables/userspage.h"
#include "ui/testdataset.h"
#include "ui/testmodel.h"

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
    settings.setValue(QStringLiteral("recentProjects"),
                      QStringList{m_dir.filePath(QStringLiteral("gone.reclens"))});
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

  void drivesTheRecommendationsPage() {
    const QString path = m_dir.filePath(QStringLiteral("shop.reclens"));
    auto tiny = testing::tinyProject(path, "bpr-8");
    QVERIFY2(tiny.ok(), tiny.ok() ? "" : tiny.error().message.c_str());
    QSettings settings(m_dir.filePath(QStringLiteral("settings-recs.ini")), QSettings::IniFormat);
    MainWindow window(settings, testDevice(), m_dir.filePath(QStringLiteral("demo.reclens")));
    window.resize(1400, 800);
    window.show();
    RecommendationsPage* page = window.recommendationsPage();
    QSignalSpy loaded(page, &RecommendationsPage::modelLoaded);
    QSignalSpy shown(page, &RecommendationsPage::resultShown);
    window.openProject(path);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(page->modelBox()->count(), 1);
    QCOMPARE(page->modelBox()->currentText(), QStringLiteral("bpr-8"));

    // Enter on a row of the Users page opens the Recommendations page for that user.
    QTableView* users = window.usersPage()->view();
    users->setFocus();
    users->setCurrentIndex(users->model()->index(2, 0));
    const int user = window.usersPage()->currentUser();
    QVERIFY(user >= 0);
    shown.clear();
    QTest::keyClick(users, Qt::Key_Return);
    QCOMPARE(window.currentPage(), window.pageIndex(page));
    QCOMPARE(page->currentUser(), user);
    QTRY_VERIFY_WITH_TIMEOUT(
        !shown.isEmpty() && shown.last().at(0).value<RecomputeResult>().request.user == user, 10000);
    QCOMPARE(page->recommendations()->rowCount(), 20);
    QVERIFY(page->historyList()->count() > 0);
    QVERIFY2(page->timingLabel()->text().contains(QStringLiteral("computed in")),
             qPrintable(page->timingLabel()->text()));
    const auto plain = shown.last().at(0).value<RecomputeResult>().items;

    // K and the knobs recompute; the latest setting wins.
    page->kBox()->setValue(5);
    page->knobs()->popularitySlider()->setValue(40);
    page->knobs()->popularitySlider()->setValue(100);
    QTRY_VERIFY_WITH_TIMEOUT(
        shown.last().at(0).value<RecomputeResult>().request.reRank.popularityPenalty == 1.0, 10000);
    QCOMPARE(page->recommendations()->rowCount(), 5);
    const auto penalised = shown.last().at(0).value<RecomputeResult>().items;
    std::int64_t plainPopularity = 0;
    std::int64_t penalisedPopularity = 0;
    for (int r = 0; r < 5; ++r) {
      plainPopularity += page->session()->popularity()[static_cast<std::size_t>(plain[std::size_t(r)].item)];
      penalisedPopularity +=
          page->session()->popularity()[static_cast<std::size_t>(penalised[std::size_t(r)].item)];
    }
    QVERIFY2(penalisedPopularity < plainPopularity,
             qPrintable(QStringLiteral("%1 vs %2").arg(penalisedPopularity).arg(plainPopularity)));
    page->knobs()->popularitySlider()->setValue(0);
    page->kBox()->setValue(20);
    page->knobs()->categoryCapBox()->setValue(1);
    QTRY_VERIFY_WITH_TIMEOUT(shown.last().at(0).value<RecomputeResult>().request.reRank.categoryCap == 1,
                             10000);
    QVERIFY(page->recommendations()->rowCount() < 20);
    page->knobs()->categoryCapBox()->setValue(0);
    QTRY_COMPARE_WITH_TIMEOUT(page->recommendations()->rowCount(), 20, 10000);
    // Calibration brings the list's category mix towards the history's: the miscalibration shown falls
    // (or stays, when the model's list is already calibrated) below the model's own list's.
    const double before = shown.last().at(0).value<RecomputeResult>().miscalibration;
    QVERIFY(std::isfinite(before));
    QVERIFY(std::isnan(shown.last().at(0).value<RecomputeResult>().miscalibrationUnranked));
    page->knobs()->calibrationSlider()->setValue(100);
    QTRY_VERIFY_WITH_TIMEOUT(shown.last().at(0).value<RecomputeResult>().request.reRank.calibration == 1.0,
                             10000);
    const auto calibrated = shown.last().at(0).value<RecomputeResult>();
    QCOMPARE(calibrated.miscalibrationUnranked, before);
    QVERIFY2(calibrated.miscalibration <= before,
             qPrintable(QStringLiteral("%1 vs %2").arg(calibrated.miscalibration).arg(before)));
    QVERIFY2(page->timingLabel()->text().contains(QStringLiteral("miscalibration")),
             qPrintable(page->timingLabel()->text()));
    qInfo("category miscalibration: model's list %.3f, calibrated %.3f", before, calibrated.miscalibration);
    saveScreenshot(&window, QStringLiteral("page-recommendations-calibrated.png"));
    page->knobs()->calibrationSlider()->setValue(0);
    QTRY_VERIFY_WITH_TIMEOUT(shown.last().at(0).value<RecomputeResult>().request.reRank.calibration == 0.0,
                             10000);
    // Provider fairness on categories brings the list's category exposure towards the catalog's shares.
    const auto own = shown.last().at(0).value<RecomputeResult>().items;
    auto* field = page->knobs()->providerFieldBox();
    QVERIFY(field->findText(QStringLiteral("category")) >= 0);
    field->setCurrentIndex(field->findText(QStringLiteral("category")));
    page->knobs()->providerSlider()->setValue(100);
    QTRY_VERIFY_WITH_TIMEOUT(
        shown.last().at(0).value<RecomputeResult>().request.reRank.providerFairness == 1.0, 10000);
    const auto fair = shown.last().at(0).value<RecomputeResult>();
    QCOMPARE(fair.request.reRank.providerField, std::string("category"));
    std::vector<std::string> groups;
    auto codes = providerGroupCodes(page->session()->snapshot().dataset(), "category",
                                    page->session()->popularity(), groups);
    QVERIFY(codes.ok());
    const auto targets = providerTargets(codes.value(), groups.size(), ProviderTarget::CatalogShare);
    const double ownDistance = providerExposureDistance(own, codes.value(), targets);
    const double fairDistance = providerExposureDistance(fair.items, codes.value(), targets);
    qInfo("category exposure distance from catalog shares: model's list %.3f, provider-fair %.3f",
          ownDistance, fairDistance);
    QVERIFY(fairDistance < ownDistance);
    page->knobs()->providerSlider()->setValue(0);
    QTRY_VERIFY_WITH_TIMEOUT(
        shown.last().at(0).value<RecomputeResult>().request.reRank.providerFairness == 0.0, 10000);

    // Typing an id picks the user; an unknown id is reported on the page.
    page->userEdit()->setText(QStringLiteral("no-such-user"));
    QTest::keyClick(page->userEdit(), Qt::Key_Return);
    QVERIFY(page->messageLabel()->text().contains(QStringLiteral("no-such-user")));
    saveScreenshot(&window, QStringLiteral("page-recommendations.png"));
  }

  void trainsAModelFromThePage() {
    const QString path = m_dir.filePath(QStringLiteral("untrained.reclens"));
    auto tiny = testing::tinyProject(path, "");
    QVERIFY2(tiny.ok(), tiny.ok() ? "" : tiny.error().message.c_str());
    QSettings settings(m_dir.filePath(QStringLiteral("settings-train.ini")), QSettings::IniFormat);
    MainWindow window(settings, testDevice(), m_dir.filePath(QStringLiteral("demo.reclens")));
    window.resize(1200, 720);
    window.show();
    RecommendationsPage* page = window.recommendationsPage();
    QSignalSpy opened(&window, &MainWindow::projectOpened);
    window.openProject(path);
    QVERIFY(opened.wait(10000));
    window.showPage(window.pageIndex(page));
    QVERIFY(!page->hasModels());
    QVERIFY(page->trainButton()->isVisible());
    saveScreenshot(&window, QStringLiteral("page-recommendations-empty.png"));

    QSignalSpy shown(page, &RecommendationsPage::resultShown);
    TrainConfig config = defaultTrainConfig("bpr");
    config.dim = 8;
    config.epochs = 2;
    config.device = "cpu";
    QVERIFY(page->trainModel(config));
    QVERIFY(!page->trainModel(config));  // one job at a time
    QVERIFY(shown.wait(60000));
    QVERIFY(page->hasModels());
    QCOMPARE(page->modelBox()->currentText(), QStringLiteral("bpr-8"));
    QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("untrained.bpr-8.pt"))));
    QCOMPARE(page->recommendations()->rowCount(), 20);
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
    file.write(
        "customer_id,product_id,timestamp,quantity\nc1,p1,2021-01-01 10:00:00,2\nc2,p1,2021-01-02 "
        "11:00:00,1\n");
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

  void importDialogWithoutHeader() {
    // Tab-separated ratings without a header row (tests/data/import/movies): the columns are 1 to 4.
    ImportDialog dialog(m_dir.path());
    dialog.show();
    CsvSourceForm* form = dialog.csvPanel()->interactionsForm();
    form->setPath(QStringLiteral(RECLENS_TEST_DATA_DIR "/import/movies/ratings.tsv"));
    form->delimiterCombo()->setCurrentIndex(form->delimiterCombo()->findData(QChar(QLatin1Char('\t'))));
    QVERIFY(form->headerCheck()->isChecked());
    QCOMPARE(form->preview()->rowCount(), 8);  // the first row taken for a header
    QTest::mouseClick(form->headerCheck(), Qt::LeftButton, {}, QPoint(4, form->headerCheck()->height() / 2));
    QVERIFY(!form->headerCheck()->isChecked());
    QCOMPARE(form->header(), (QStringList{"1", "2", "3", "4"}));
    QCOMPARE(form->preview()->rowCount(), 9);
    form->roleCombo(QStringLiteral("user"))->setCurrentText(QStringLiteral("1"));
    form->roleCombo(QStringLiteral("item"))->setCurrentText(QStringLiteral("2"));
    form->roleCombo(QStringLiteral("timestamp"))->setCurrentText(QStringLiteral("4"));
    auto mapping = dialog.csvPanel()->mapping();
    QVERIFY2(mapping.ok(), mapping.ok() ? "" : mapping.error().message.c_str());
    QVERIFY(!mapping.value().interactions.format.header);
    QCOMPARE(mapping.value().interactions.format.delimiter, '\t');
    QCOMPARE(mapping.value().interactions.userColumn, std::string("1"));
    QCOMPARE(mapping.value().interactions.timestampColumn, std::string("4"));
    // The encoding chosen reaches the mapping.
    form->encodingCombo()->setCurrentIndex(1);
    QCOMPARE(dialog.csvPanel()->mapping().value().interactions.format.encoding, TextEncoding::Latin1);
    if (auto* tabs = dialog.findChild<QTabWidget*>()) tabs->setCurrentIndex(1);
    saveScreenshot(&dialog, QStringLiteral("dialog-import-csv-no-header.png"));
  }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
