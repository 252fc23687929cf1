#include <QTemporaryDir>
#include <QtTest>

#include <SQLiteCpp/Database.h>

#include <thread>

#include "store/eventappender.h"
#include "store/projectstore.h"

using namespace reclens;

class TestEventAppender : public QObject {
  Q_OBJECT

 private:
  // Two users, two items, kinds view and purchase, three interactions.
  static Dataset smallDataset() {
    Dataset d;
    d.info.name = "small";
    d.items.ids = {"A", "B"};
    d.items.titles = {"Apple", "Banana"};
    d.items.prices = {1.0, 2.0};
    d.items.firstSeen = {10, 20};
    d.users.ids = {"u1", "u2"};
    const auto view = d.interactions.kindIndex("view");
    const auto buy = d.interactions.kindIndex("purchase");
    d.interactions.append(0, 0, 100, 1.0f, view);
    d.interactions.append(1, 1, 110, 1.0f, buy);
    d.interactions.append(1, 0, 120, 1.0f, view);
    return d;
  }

  static StreamEvent ev(std::string u, std::string i, std::int64_t ts, std::string kind = {},
                        float w = 1.0f) {
    return StreamEvent{std::move(u), std::move(i), ts, std::move(kind), w};
  }

  QTemporaryDir m_dir;

  std::string freshProject(const char* name) {
    const auto path = m_dir.filePath(name).toStdString();
    auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
    if (!store || !store.value()->writeDataset(smallDataset())) return {};
    return path;
  }

 private Q_SLOTS:
  void appendsAndCreatesUnknownUsersItemsAndKinds() {
    const auto path = freshProject("a.reclens");
    QVERIFY(!path.empty());
    {
      auto store = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
      QVERIFY(store.ok());
      EventAppendOptions o;
      o.batchEvents = 2;
      o.batchInterval = std::chrono::hours(1);
      auto app = store.value()->beginEvents(o);
      QVERIFY2(app.ok(), app.ok() ? "" : app.error().message.c_str());
      auto& a = *app.value();
      QCOMPARE(a.defaultKind(), std::string("view"));  // the project's first kind
      QVERIFY(a.append(ev("u2", "A", 200, "purchase", 2.0f)).ok());
      QCOMPARE(a.pending(), std::size_t(1));
      QCOMPARE(a.totals().events, std::int64_t(0));
      QVERIFY(a.append(ev("u9", "A", 210)).ok());  // the batch of 2 commits
      QCOMPARE(a.pending(), std::size_t(0));
      QCOMPARE(a.totals().events, std::int64_t(2));
      QCOMPARE(a.totals().transactions, std::int64_t(1));
      QVERIFY(a.append(ev("u9", "Z", 220, "cart", 3.0f)).ok());
      QVERIFY(a.flush().ok());
      QCOMPARE(a.totals().events, std::int64_t(3));
      QCOMPARE(a.totals().usersCreated, std::int64_t(1));
      QCOMPARE(a.totals().itemsCreated, std::int64_t(1));
      QCOMPARE(a.totals().kindsCreated, std::int64_t(1));
      QVERIFY(a.flush().ok());  // nothing queued: no transaction
      QCOMPARE(a.totals().transactions, std::int64_t(2));
    }
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    auto d = store.value()->loadDataset();
    QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
    const auto& ds = d.value();
    QCOMPARE(ds.users.ids, (std::vector<std::string>{"u1", "u2", "u9"}));
    QCOMPARE(ds.items.ids, (std::vector<std::string>{"A", "B", "Z"}));
    QCOMPARE(ds.items.firstSeen[2], std::int64_t(220));  // a new item is first seen at its event
    QCOMPARE(ds.items.titles[2], std::string());
    QVERIFY(std::isnan(ds.items.prices[2]));
    QCOMPARE(ds.interactions.kindNames, (std::vector<std::string>{"view", "purchase", "cart"}));
    const auto& log = ds.interactions;
    QCOMPARE(log.size(), std::size_t(6));
    // The three appended rows, in order, as (user, item, ts, kind, weight).
    QCOMPARE(log.user[3], 1);
    QCOMPARE(log.item[3], 0);
    QCOMPARE(log.ts[3], std::int64_t(200));
    QCOMPARE(int(log.kind[3]), 1);
    QCOMPARE(log.weight[3], 2.0f);
    QCOMPARE(log.user[4], 2);
    QCOMPARE(int(log.kind[4]), 0);
    QCOMPARE(log.user[5], 2);
    QCOMPARE(log.item[5], 2);
    QCOMPARE(int(log.kind[5]), 2);
    QCOMPARE(log.weight[5], 3.0f);
    // The file is left in WAL mode.
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    QCOMPARE(db.execAndGet("PRAGMA journal_mode").getString(), std::string("wal"));
  }

  void commitsWhenTheIntervalPasses() {
    const auto path = freshProject("b.reclens");
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
    QVERIFY(store.ok());
    EventAppendOptions o;
    o.batchEvents = 1000;
    o.batchInterval = std::chrono::milliseconds(30);
    auto app = store.value()->beginEvents(o);
    QVERIFY(app.ok());
    auto& a = *app.value();
    QVERIFY(a.append(ev("u1", "B", 300)).ok());
    QVERIFY(!a.flushDue());
    std::this_thread::sleep_until(a.flushDeadline() + std::chrono::milliseconds(5));
    QVERIFY(a.flushDue());
    QVERIFY(a.append(ev("u1", "A", 301)).ok());  // the oldest waited long enough: both commit
    QCOMPARE(a.totals().events, std::int64_t(2));
    QCOMPARE(a.pending(), std::size_t(0));
  }

  void readersSeeCommitsWhileTheWriterGoesOn() {
    const auto path = freshProject("c.reclens");
    auto writer = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
    QVERIFY(writer.ok());
    EventAppendOptions o;
    o.batchEvents = 10;
    auto app = writer.value()->beginEvents(o);
    QVERIFY(app.ok());
    auto reader = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
    QVERIFY(reader.ok());
    for (int n = 0; n < 25; ++n) QVERIFY(app.value()->append(ev("u1", "A", 1000 + n)).ok());
    // 20 committed in two batches, 5 queued: a reader sees the committed ones only.
    auto c = reader.value()->counts();
    QVERIFY(c.ok());
    QCOMPARE(c.value().interactions, std::int64_t(3 + 20));
    QVERIFY(app.value()->flush().ok());
    QCOMPARE(reader.value()->counts().value().interactions, std::int64_t(3 + 25));
  }

  void noticesRowsAnotherConnectionAdded() {
    const auto path = freshProject("d.reclens");
    auto writer = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
    QVERIFY(writer.ok());
    auto app = writer.value()->beginEvents({});
    QVERIFY(app.ok());
    {
      // Another process creates user u3 at row 2 meanwhile.
      SQLite::Database other(path, SQLite::OPEN_READWRITE);
      other.exec("INSERT INTO users(idx, ext_id) VALUES(2, 'u3')");
    }
    QVERIFY(app.value()->append(ev("u3", "A", 500)).ok());
    QVERIFY(app.value()->append(ev("u4", "A", 501)).ok());
    QVERIFY(app.value()->flush().ok());
    QCOMPARE(app.value()->totals().usersCreated, std::int64_t(1));  // u4 only; u3 was found
    auto d = writer.value()->loadDataset();
    QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
    QCOMPARE(d.value().users.ids, (std::vector<std::string>{"u1", "u2", "u3", "u4"}));
    QCOMPARE(d.value().interactions.user[3], 2);
    QCOMPARE(d.value().interactions.user[4], 3);
  }

  void refusesA257thKind() {
    const auto path = freshProject("e.reclens");
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
    QVERIFY(store.ok());
    EventAppendOptions o;
    o.batchEvents = 100000;
    auto app = store.value()->beginEvents(o);
    QVERIFY(app.ok());
    // The project has 2 kinds; 254 more fill the 256.
    for (int k = 0; k < 254; ++k)
      QVERIFY(app.value()->append(ev("u1", "A", k, "k" + std::to_string(k))).ok());
    const auto st = app.value()->append(ev("u1", "A", 1, "one-too-many"));
    QVERIFY(!st.ok());
    QCOMPARE(st.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(app.value()->pending(), std::size_t(254));
    QVERIFY(app.value()->append(ev("u1", "A", 2, "k7")).ok());  // a known kind still goes in
    QVERIFY(app.value()->flush().ok());
    QCOMPARE(app.value()->totals().kindsCreated, std::int64_t(254));
  }

  void refusesARowOrderProject() {
    auto d = smallDataset();
    d.info.timeUnit = TimeUnit::Sequence;
    const auto path = m_dir.filePath("seq.reclens").toStdString();
    auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(store.value()->writeDataset(d).ok());
    auto app = store.value()->beginEvents({});
    QVERIFY(!app.ok());
    QCOMPARE(app.error().code, ErrorCode::InvalidArgument);
  }
};

QTEST_GUILESS_MAIN(TestEventAppender)
#include "tst_eventappender.moc"
