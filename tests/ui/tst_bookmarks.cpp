#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "bookmarks/bookmarks.h"
#include "bookmarks/bookmarksmodel.h"
#include "store/projectstore.h"
#include "tables/snapshotfilterproxymodel.h"
#include "tables/userspage.h"
#include "ui/testdataset.h"

using namespace reclens;

using Target = Bookmarks::Target;

// The bookmarks service, its table model, and the Users page's stars and "Bookmarked only" filter.
class TestBookmarks : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_project;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("small.reclens"));
    auto store = ProjectStore::open(m_project.toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(store.value()->writeDataset(testing::smallDataset()).ok());
  }

  void cachesAndWritesThrough() {
    Bookmarks bookmarks;
    BookmarksModel model(bookmarks);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&bookmarks, &Bookmarks::changed);
    QVERIFY(!bookmarks.setBookmarked(Target::User, "u1", true));  // no project yet
    QVERIFY(bookmarks.setProject(m_project));
    QVERIFY(bookmarks.isOpen());
    QVERIFY(bookmarks.toggle(Target::User, "u1"));
    QVERIFY(bookmarks.toggle(Target::Item, "B-7", "Apple juice"));
    QVERIFY(!bookmarks.toggle(Target::User, "u1"));
    QVERIFY(bookmarks.toggle(Target::User, "U3"));
    QVERIFY(bookmarks.setNote(Target::User, "u10", QStringLiteral("first line\nsecond line")));
    QVERIFY(changed.count() >= 5);
    // Rows: the bookmarks oldest first, then the note without a bookmark.
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.data(model.index(0, BookmarksModel::IdColumn)).toString(), QStringLiteral("B-7"));
    QCOMPARE(model.data(model.index(0, BookmarksModel::LabelColumn)).toString(),
             QStringLiteral("Apple juice"));
    QCOMPARE(model.data(model.index(0, BookmarksModel::MarkColumn)).toString(), QStringLiteral("★"));
    QCOMPARE(model.data(model.index(2, BookmarksModel::IdColumn)).toString(), QStringLiteral("u10"));
    QCOMPARE(model.data(model.index(2, BookmarksModel::MarkColumn)).toString(), QString());
    QCOMPARE(model.data(model.index(2, BookmarksModel::NoteColumn)).toString(), QStringLiteral("first line"));

    // Another Bookmarks on the same file reads the same.
    Bookmarks again;
    QVERIFY(again.setProject(m_project));
    QVERIFY(again.isBookmarked(Target::Item, "B-7"));
    QVERIFY(!again.isBookmarked(Target::User, "u1"));
    QCOMPARE(again.note(Target::User, "u10"), QStringLiteral("first line\nsecond line"));
    QVERIFY(again.setNote(Target::User, "u10", QStringLiteral("   ")));
    QCOMPARE(again.note(Target::User, "u10"), QString());
    QVERIFY(again.setBookmarked(Target::Item, "B-7", false));
    QVERIFY(again.setBookmarked(Target::User, "U3", false));
    bookmarks.setProject({});
    QCOMPARE(model.rowCount(), 0);
  }

  void usersPageStarsAndFilters() {
    auto snapshot = DatasetSnapshot::build(testing::smallDataset(), m_project.toStdString());
    QVERIFY(snapshot.ok());
    Bookmarks bookmarks;
    QVERIFY(bookmarks.setProject(m_project));
    UsersPage page;
    page.setBookmarks(&bookmarks);
    page.setSnapshot(snapshot.value());
    page.resize(900, 500);
    page.show();
    QCOMPARE(page.view()->model()->rowCount(), 4);
    // Bookmark user row 2 ("u1") through the page.
    page.selectUser(2);
    QCOMPARE(page.currentUser(), 2);
    page.toggleBookmark();
    QVERIFY(bookmarks.isBookmarked(Target::User, "u1"));
    page.bookmarkedOnly()->setChecked(true);
    QCOMPARE(page.view()->model()->rowCount(), 1);
    QCOMPARE(page.view()->model()->index(0, 0).data().toString(), QStringLiteral("u1"));
    // The filter follows the bookmarks.
    QVERIFY(bookmarks.toggle(Target::User, "u2"));
    QCOMPARE(page.view()->model()->rowCount(), 2);
    // Selecting a user the filter hides clears the filter.
    page.selectUser(1);
    QCOMPARE(page.currentUser(), 1);
    QVERIFY(!page.bookmarkedOnly()->isChecked());
    QCOMPARE(page.view()->model()->rowCount(), 4);
    const QDir dir(QStringLiteral(RECLENS_SCREENSHOT_DIR));
    QVERIFY(QDir().mkpath(dir.path()));
    QVERIFY(page.grab().save(dir.filePath(QStringLiteral("page-users-bookmarks.png"))));
    QVERIFY(bookmarks.setBookmarked(Target::User, "u1", false));
    QVERIFY(bookmarks.setBookmarked(Target::User, "u2", false));
  }
};

QTEST_MAIN(TestBookmarks)
#include "tst_bookmarks.moc"
