#include <QApplication>
#include <QDir>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include "mainwindow/mainwindow.h"
#include "mainwindow/presentationcaption.h"
#include "mainwindow/presentationmode.h"
#include "recommendations/recommendationspage.h"
#include "ui/testmodel.h"
#include "whatif/whatifeditor.h"
#include "whatif/whatifpage.h"

using namespace reclens;

class TestPresentationMode : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

 private Q_SLOTS:
  void walksThroughThePagesWithTheKeyboard() {
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("tiny.reclens"));
    auto tiny = testing::tinyProject(path, "bpr-8");
    QVERIFY2(tiny.ok(), tiny.ok() ? "" : tiny.error().message.c_str());
    QSettings settings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    MainWindow window(settings, {ComputeDevice::Kind::Cpu, 0, "CPU (test)"},
                      m_dir.filePath(QStringLiteral("demo.reclens")));
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    PresentationMode* present = window.presentation();
    QVERIFY(!present->start());  // no project yet
    QSignalSpy loaded(window.recommendationsPage(), &RecommendationsPage::modelLoaded);
    window.openProject(path);
    QVERIFY(loaded.wait(30000));

    const double font = QApplication::font().pointSizeF();
    QSignalSpy stepped(present, &PresentationMode::stepChanged);
    QTest::keyClick(&window, Qt::Key_F11);
    QVERIFY(present->isActive());
    QVERIFY(window.windowState() & Qt::WindowFullScreen);
    QVERIFY(!window.menuBar()->isVisible());
    QVERIFY(!window.statusBar()->isVisible());
    QVERIFY(!window.navigation()->isVisible());
    QVERIFY(QApplication::font().pointSizeF() > font * 1.2);
    QVERIFY(present->caption()->isVisible());
    QCOMPARE(present->stepIndex(), 0);
    QCOMPARE(window.currentPage(), window.pageIndex(present->step(0).page));
    QVERIFY(present->stepCount() >= 4);

    // → walks forward through the pages; the what-if step removes the heaviest history item.
    QStringList captions;
    int whatIfStep = -1;
    for (int i = 1; i < present->stepCount(); ++i) {
      QTest::keyClick(&window, i % 2 == 0 ? Qt::Key_Space : Qt::Key_Right);
      QCOMPARE(present->stepIndex(), i);
      QCOMPARE(window.currentPage(), window.pageIndex(present->step(i).page));
      captions << present->caption()->title();
      if (present->step(i).page == window.whatIfPage()) whatIfStep = i;
    }
    QCOMPARE(stepped.count(), present->stepCount());
    QCOMPARE(captions.removeDuplicates(), 0);
    QVERIFY(whatIfStep > 0);
    QCOMPARE(window.whatIfPage()->currentUser(), present->user());
    QCOMPARE(window.whatIfPage()->editor()->state().removed.size(), std::size_t(1));
    QTest::keyClick(&window, Qt::Key_Right);  // past the last step: stays
    QCOMPARE(present->stepIndex(), present->stepCount() - 1);

    // ← goes back to the what-if step; its result arrives and is worth a screenshot.
    QSignalSpy shown(window.whatIfPage(), &WhatIfPage::resultShown);
    while (present->stepIndex() > whatIfStep) QTest::keyClick(&window, Qt::Key_Left);
    QCOMPARE(window.currentPage(), window.pageIndex(window.whatIfPage()));
    QVERIFY(shown.wait(20000));
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("presentation-whatif.png"))));

    // Esc leaves: chrome and font as they were.
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(!present->isActive());
    QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
    QVERIFY(window.menuBar()->isVisible());
    QVERIFY(window.navigation()->isVisible());
    QCOMPARE(QApplication::font().pointSizeF(), font);
    QVERIFY(!present->caption()->isVisible());
  }
};

QTEST_MAIN(TestPresentationMode)
#include "tst_presentationmode.moc"
