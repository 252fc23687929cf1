#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "bookmarks/bookmarks.h"
#include "bookmarks/bookmarksdock.h"
#include "bookmarks/bookmarksmodel.h"
#include "engine/itemsearch.h"
#include "engine/scoringengine.h"
#include "itemview/itemviewexposure.h"
#include "itemview/itemviewlistmodel.h"
#include "itemview/itemviewpage.h"
#include "itemview/itemviewwhogets.h"
#include "services/modelsession.h"
#include "ui/testmodel.h"

using namespace reclens;

class TestItemViewPage : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_project;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::shared_ptr<const ModelSession> m_session;

  static void saveScreenshot(QWidget* widget, const QString& name) {
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
  }

  // The most interacted item: it has co-occurring items and a filled exposure series.
  int popularItem() const {
    int best = 0;
    for (std::size_t i = 0; i < m_snapshot->itemCount(); ++i) {
      if (m_snapshot->itemInteractions(i) > m_snapshot->itemInteractions(static_cast<std::size_t>(best)))
        best = static_cast<int>(i);
    }
    return best;
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("tiny.reclens"));
    auto snapshot = testing::tinyProject(m_project, "bpr-8");
    QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().message.c_str());
    m_snapshot = snapshot.value();
    auto models = ModelSession::registeredModels(m_snapshot->projectPath());
    QVERIFY(models.ok() && !models.value().empty());
    auto session =
        ModelSession::load(m_snapshot, models.value().front(), {ComputeDevice::Kind::Cpu, 0, "CPU"});
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
    m_session = session.value();
  }

  void listModelPassesTheTester() {
    ItemViewListModel model({QStringLiteral("Id"), QStringLiteral("Score")});
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(
        {{7, {QStringLiteral("a"), 0.5}, {}}, {3, {QStringLiteral("b"), qint64(12)}, QStringLiteral("tip")}});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.keyAt(1), 3);
    QCOMPARE(model.rowOfKey(7), 0);
    QCOMPARE(model.rowOfKey(8), -1);
    QCOMPARE(model.data(model.index(1, 1), Qt::EditRole).toLongLong(), 12);
    QCOMPARE(model.data(model.index(1, 0), Qt::ToolTipRole).toString(), QStringLiteral("tip"));
    QVERIFY(model.data(model.index(0, 1), Qt::TextAlignmentRole).isValid());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
  }

  void searchSelectAndSimilar() {
    Bookmarks bookmarks;
    QVERIFY(bookmarks.setProject(m_project));
    ItemViewPage page(bookmarks);
    QAbstractItemModelTester results(page.results(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester similar(page.similar(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester together(page.together(),
                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.resize(1200, 760);
    page.show();
    QSignalSpy indexed(&page, &ItemViewPage::indexed);
    page.setSnapshot(m_snapshot);
    QVERIFY(indexed.wait(10000));
    QSignalSpy similarShown(&page, &ItemViewPage::similarShown);
    page.setSession(m_session);

    // Search for the first word of the popular item's title: the first hit is shown at once.
    const int target = popularItem();
    const auto& items = m_snapshot->dataset().items;
    const auto words = ItemSearchIndex::tokenize(items.titles[static_cast<std::size_t>(target)]);
    QVERIFY(!words.empty());
    QTest::keyClicks(page.searchEdit(), QString::fromStdString(words.front()));
    QTRY_VERIFY_WITH_TIMEOUT(page.results()->rowCount() > 0, 5000);
    QVERIFY(page.results()->rowOfKey(target) >= 0);
    QCOMPARE(page.currentItem(), page.results()->keyAt(0));
    QVERIFY(!page.searchCount()->text().isEmpty());

    // Selecting a result shows it; once the embeddings are read, its similar items are listed.
    page.resultsView()->setCurrentIndex(page.results()->index(page.results()->rowOfKey(target), 0));
    QCOMPARE(page.currentItem(), target);
    QTRY_VERIFY_WITH_TIMEOUT(page.similar()->rowCount() == ItemViewPage::kListLength, 10000);
    QVERIFY(similarShown.count() > 0);
    QVERIFY(page.similar()->rowOfKey(target) < 0);
    for (int r = 1; r < page.similar()->rowCount(); ++r) {
      QVERIFY(page.similar()->data(page.similar()->index(r - 1, 2), Qt::EditRole).toDouble() >=
              page.similar()->data(page.similar()->index(r, 2), Qt::EditRole).toDouble());
    }
    QCOMPARE(page.titleLabel()->text(),
             QString::fromStdString(items.titles[static_cast<std::size_t>(target)]));
    QVERIFY(page.together()->rowCount() > 0);
    QVERIFY(!page.exposureChart()->exposure().points.empty());
    std::int64_t counted = 0;
    for (const auto& p : page.exposureChart()->exposure().points) counted += p.interactions;
    QCOMPARE(counted, m_snapshot->itemInteractions(static_cast<std::size_t>(target)));

    // Double-clicking a similar item shows it.
    const int next = page.similar()->keyAt(0);
    Q_EMIT page.similarView()->doubleClicked(page.similarView()->model()->index(0, 1));
    QCOMPARE(page.currentItem(), next);
    page.showItem(target);
    saveScreenshot(&page, QStringLiteral("page-item-view.png"));
  }

  // Similar by content: no model needed; the neighbours share the item's attributes or title words.
  void similarByContent() {
    Bookmarks bookmarks;
    QVERIFY(bookmarks.setProject(m_project));
    ItemViewPage page(bookmarks);
    page.resize(1200, 760);
    page.show();
    QSignalSpy indexed(&page, &ItemViewPage::indexed);
    page.setSnapshot(m_snapshot);
    QVERIFY(indexed.wait(10000));
    const int target = popularItem();
    page.showItem(target);
    QCOMPARE(page.similar()->rowCount(), 0);  // no model loaded, model embeddings chosen
    QVERIFY(!page.similarByBox()->toolTip().isEmpty());
    page.similarByBox()->setCurrentIndex(page.similarByBox()->findData(QStringLiteral("content")));
    QTRY_VERIFY_WITH_TIMEOUT(page.similar()->rowCount() == ItemViewPage::kListLength, 10000);
    QVERIFY(page.hasContentSimilarity());
    QVERIFY(page.similar()->rowOfKey(target) < 0);
    const auto& items = m_snapshot->dataset().items;
    const auto brand = items.fields[static_cast<std::size_t>(items.fieldIndex("brand"))];
    const auto category = items.fields[static_cast<std::size_t>(items.fieldIndex("category"))];
    const auto t = static_cast<std::size_t>(target);
    const auto first = static_cast<std::size_t>(page.similar()->keyAt(0));
    // The nearest neighbour shares the brand or the category (the tiny shop's titles begin with the brand).
    QVERIFY2(brand.codeAt(first) == brand.codeAt(t) || category.codeAt(first) == category.codeAt(t),
             items.titles[first].c_str());
    QVERIFY(page.similar()->data(page.similar()->index(0, 2), Qt::EditRole).toDouble() > 0.5);
    saveScreenshot(&page, QStringLiteral("page-item-view-content.png"));
  }

  void whoGetsIt() {
    Bookmarks bookmarks;
    ItemViewPage page(bookmarks);
    page.setSnapshot(m_snapshot);
    page.setSession(m_session);
    const int target = popularItem();
    page.showItem(target);
    auto* who = page.whoGets();
    who->kBox()->setValue(10);
    QVERIFY(who->findButton()->isEnabled());
    QSignalSpy done(who, &ItemWhoGetsPanel::lookupFinished);
    QTest::mouseClick(who->findButton(), Qt::LeftButton);
    QVERIFY(done.wait(20000));
    QVERIFY(who->result());
    QCOMPARE(who->result()->usersScored, m_snapshot->userCount());
    QCOMPARE(who->model()->rowCount(), static_cast<int>(who->result()->users.size()));
    QVERIFY(who->summary()->text().contains(QStringLiteral("top-10")));
    // Every listed user really has the item in their top-10.
    ScoringEngine engine(m_session->model());
    for (const auto& hit : who->result()->users) {
      auto list = engine.recommend(m_session->profiles().profile(hit.user), 10, {});
      QVERIFY(list.ok());
      QCOMPARE(list.value()[static_cast<std::size_t>(hit.rank - 1)].item, target);
    }
    // A new item clears the list.
    page.showItem(target == 0 ? 1 : 0);
    QVERIFY(!who->result());
    QCOMPARE(who->model()->rowCount(), 0);
  }

  void bookmarkAndNotePersist() {
    const int target = popularItem();
    const auto id = m_snapshot->dataset().items.ids[static_cast<std::size_t>(target)];
    {
      Bookmarks bookmarks;
      QVERIFY(bookmarks.setProject(m_project));
      BookmarksDock dock(bookmarks);
      QAbstractItemModelTester tester(dock.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
      ItemViewPage page(bookmarks);
      page.setSnapshot(m_snapshot);
      page.showItem(target);
      QVERIFY(!page.bookmarkButton()->isChecked());
      QTest::mouseClick(page.bookmarkButton(), Qt::LeftButton);
      QVERIFY(page.bookmarkButton()->isChecked());
      QVERIFY(bookmarks.isBookmarked(Bookmarks::Target::Item, id));
      QCOMPARE(dock.model()->rowCount(), 1);
      QCOMPARE(dock.model()->data(dock.model()->index(0, BookmarksModel::IdColumn)).toString(),
               QString::fromStdString(id));
      QTest::keyClicks(page.noteEdit(), QStringLiteral("Check the price"));
      QTRY_COMPARE_WITH_TIMEOUT(bookmarks.note(Bookmarks::Target::Item, id),
                                QStringLiteral("Check the price"), 5000);
      // Double-clicking the dock's row asks to show the item.
      QSignalSpy navigate(&dock, &BookmarksDock::itemRequested);
      Q_EMIT dock.view()->doubleClicked(dock.model()->index(0, BookmarksModel::IdColumn));
      QCOMPARE(navigate.count(), 1);
      QCOMPARE(navigate.front().front().toString(), QString::fromStdString(id));
    }
    // What was written is in the project file.
    auto store = ProjectStore::open(m_project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    QVERIFY(store.value()->isBookmarked(ProjectStore::AnnotationTarget::Item, id).value());
    QCOMPARE(store.value()->note(ProjectStore::AnnotationTarget::Item, id).value(),
             std::string("Check the price"));
    {
      Bookmarks bookmarks;
      QVERIFY(bookmarks.setProject(m_project));
      ItemViewPage page(bookmarks);
      page.setSnapshot(m_snapshot);
      page.showItem(target);
      QVERIFY(page.bookmarkButton()->isChecked());
      QCOMPARE(page.noteEdit()->toPlainText(), QStringLiteral("Check the price"));
      // Un-bookmark and clear the note again.
      QTest::mouseClick(page.bookmarkButton(), Qt::LeftButton);
      page.noteEdit()->clear();
      page.showItem(-1);  // flushes the pending note
      QVERIFY(!bookmarks.isBookmarked(Bookmarks::Target::Item, id));
      QCOMPARE(bookmarks.note(Bookmarks::Target::Item, id), QString());
    }
  }
};

QTEST_MAIN(TestItemViewPage)
#include "tst_itemviewpage.moc"
