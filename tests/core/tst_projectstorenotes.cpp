#include <QTemporaryDir>
#include <QtTest>

#include <SQLiteCpp/Database.h>

#include "store/projectstore.h"

using namespace reclens;

using Target = ProjectStore::AnnotationTarget;

namespace {

Dataset twoUsers() {
  Dataset d;
  d.items.ids = {"A", "B"};
  d.items.titles = {"Apple", "Banana"};
  d.items.prices = {1.0, 2.0};
  d.items.firstSeen = {kNoTime, kNoTime};
  d.users.ids = {"u1", "u2"};
  const auto k = d.interactions.kindIndex("purchase");
  d.interactions.append(0, 0, 1000, 1.0f, k);
  d.interactions.append(1, 1, 1010, 1.0f, k);
  return d;
}

}  // namespace

class TestProjectStoreNotes : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void bookmarksRoundTrip() {
    QTemporaryDir dir;
    const auto path = dir.filePath("p.reclens").toStdString();
    {
      auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
      QVERIFY(store.ok());
      auto& s = *store.value();
      QVERIFY(s.writeDataset(twoUsers()).ok());
      QVERIFY(s.bookmarks().value().empty());
      QVERIFY(s.setBookmarked(Target::User, "u2", true).ok());
      QVERIFY(s.setBookmarked(Target::Item, "B", true, "Banana").ok());
      QVERIFY(s.setBookmarked(Target::Item, "B", true, "Banana, ripe").ok());  // idempotent, label updated
      QVERIFY(s.setBookmarked(Target::Item, "A", true).ok());
      QVERIFY(s.setBookmarked(Target::Item, "A", false).ok());
      QVERIFY(s.setBookmarked(Target::Item, "missing", false).ok());  // un-bookmarking nothing is fine
      // A dataset replacement keeps the bookmarks: they refer to external ids.
      QVERIFY(s.writeDataset(twoUsers()).ok());
    }
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    const auto marks = store.value()->bookmarks();
    QVERIFY(marks.ok());
    QCOMPARE(marks.value().size(), std::size_t(2));
    QVERIFY(marks.value()[0].target == Target::User);
    QCOMPARE(marks.value()[0].ref, std::string("u2"));
    QVERIFY(marks.value()[1].target == Target::Item);
    QCOMPARE(marks.value()[1].label, std::string("Banana, ripe"));
    QVERIFY(marks.value()[1].created > 1600000000);
    QVERIFY(store.value()->isBookmarked(Target::User, "u2").value());
    QVERIFY(!store.value()->isBookmarked(Target::Item, "u2").value());  // the kind is part of the key
    QVERIFY(!store.value()->isBookmarked(Target::Item, "A").value());
    // A read-only connection cannot write.
    QCOMPARE(store.value()->setBookmarked(Target::User, "u1", true).error().code, ErrorCode::Io);
  }

  void notesRoundTrip() {
    QTemporaryDir dir;
    const auto path = dir.filePath("p.reclens").toStdString();
    {
      auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
      QVERIFY(store.ok());
      auto& s = *store.value();
      QCOMPARE(s.note(Target::User, "u1").value(), std::string());
      QVERIFY(s.setNote(Target::User, "u1", "Buys only on Sundays.").ok());
      QVERIFY(s.setNote(Target::Item, "u1", "An item that shares the id.").ok());
      QVERIFY(s.setNote(Target::User, "u1", "Buys only on Sundays; 绿茶 fan.").ok());
      QVERIFY(s.setNote(Target::Item, "B", "temporary").ok());
      QVERIFY(s.setNote(Target::Item, "B", "  \n").ok());  // blank deletes
    }
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
    QVERIFY(store.ok());
    QCOMPARE(store.value()->note(Target::User, "u1").value(), std::string("Buys only on Sundays; 绿茶 fan."));
    QCOMPARE(store.value()->note(Target::Item, "u1").value(), std::string("An item that shares the id."));
    QCOMPARE(store.value()->note(Target::Item, "B").value(), std::string());
    const auto all = store.value()->notes();
    QVERIFY(all.ok());
    QCOMPARE(all.value().size(), std::size_t(2));
    for (const auto& n : all.value()) QVERIFY(n.updated >= n.created);
  }

  // A project file without the bookmarks and notes tables (written before they existed) opens, lists
  // nothing, and gets the tables on the first write.
  void projectWithoutTheTablesOpens() {
    QTemporaryDir dir;
    const auto path = dir.filePath("old.reclens").toStdString();
    {
      auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
      QVERIFY(store.ok());
      QVERIFY(store.value()->writeDataset(twoUsers()).ok());
    }
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      db.exec("DROP TABLE bookmarks; DROP TABLE notes;");
    }
    {
      auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
      QVERIFY2(store.ok(), store.ok() ? "" : store.error().message.c_str());
      QVERIFY(store.value()->bookmarks().value().empty());
      QVERIFY(store.value()->notes().value().empty());
      QVERIFY(!store.value()->isBookmarked(Target::User, "u1").value());
      QCOMPARE(store.value()->note(Target::User, "u1").value(), std::string());
      QCOMPARE(store.value()->counts().value().users, std::int64_t(2));
    }
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
    QVERIFY(store.ok());
    QVERIFY(store.value()->setBookmarked(Target::User, "u1", true).ok());
    QVERIFY(store.value()->setNote(Target::User, "u1", "back again").ok());
    QVERIFY(store.value()->isBookmarked(Target::User, "u1").value());
    QCOMPARE(store.value()->note(Target::User, "u1").value(), std::string("back again"));
  }
};

QTEST_GUILESS_MAIN(TestProjectStoreNotes)
#include "tst_projectstorenotes.moc"
