#include <QTemporaryDir>
#include <QtTest>

#include "store/appendedrows.h"
#include "store/eventappender.h"
#include "store/projectstore.h"

using namespace reclens;

class TestAppendedRows : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;

  // Two users, two items, kind "view", three interactions.
  static Dataset smallDataset() {
    Dataset d;
    d.info.name = "small";
    d.items.ids = {"A", "B"};
    d.items.titles = {"Apple", "Banana"};
    d.items.prices = {1.0, 2.0};
    d.items.firstSeen = {10, 20};
    d.users.ids = {"u1", "u2"};
    const auto view = d.interactions.kindIndex("view");
    d.interactions.append(0, 0, 100, 1.0f, view);
    d.interactions.append(1, 1, 110, 1.0f, view);
    d.interactions.append(1, 0, 120, 1.0f, view);
    return d;
  }

  std::string freshProject(const char* name) {
    const auto path = m_dir.filePath(name).toStdString();
    auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
    if (!store || !store.value()->writeDataset(smallDataset())) return {};
    return path;
  }

  static AppendCursor cursorOf(const Dataset& d) {
    return {static_cast<std::int64_t>(d.interactions.size()), -1, static_cast<std::int64_t>(d.users.size()),
            static_cast<std::int64_t>(d.items.size()),
            static_cast<std::int64_t>(d.interactions.kindNames.size())};
  }

  // Appends `events` from a connection of its own and commits them in one transaction.
  static bool appendEvents(const std::string& path, const std::vector<StreamEvent>& events) {
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
    if (!store) return false;
    EventAppendOptions options;
    options.batchEvents = 1000;
    auto appender = store.value()->beginEvents(options);
    if (!appender) return false;
    for (const auto& e : events)
      if (!appender.value()->append(e)) return false;
    return appender.value()->flush().ok();
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void readsExactlyWhatWasAppended() {
    const auto path = freshProject("a.reclens");
    QVERIFY(!path.empty());
    auto reader = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
    QVERIFY(reader.ok());
    auto loaded = reader.value()->loadDataset();
    QVERIFY(loaded.ok());
    const auto version0 = reader.value()->dataVersion();
    QVERIFY(version0.ok());
    auto nothing = reader.value()->appendedSince(cursorOf(loaded.value()), 100);
    QVERIFY2(nothing.ok(), nothing.ok() ? "" : nothing.error().message.c_str());
    QCOMPARE(nothing.value().interactions.size(), std::size_t(0));
    QCOMPARE(nothing.value().next.lastRowid, std::int64_t(3));
    QCOMPARE(reader.value()->dataVersion().value(), version0.value());  // its own reads change nothing

    QVERIFY(appendEvents(path, {{"u2", "B", 200, "view", 2.0f},
                                {"u9", "A", 210, "purchase", 1.0f},
                                {"u9", "Z", 220, "", 3.0f},
                                {"u1", "Z", 230, "view", 1.0f}}));
    // Another connection committed: the reader's data version moved.
    QVERIFY(reader.value()->dataVersion().value() != version0.value());

    // Read in two steps of at most 3 rows, as a follower does when much has landed.
    auto first = reader.value()->appendedSince(nothing.value().next, 3);
    QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
    const auto& a = first.value();
    QCOMPARE(a.interactions.size(), std::size_t(3));
    QCOMPARE(a.users.ids, std::vector<std::string>{"u9"});
    QCOMPARE(a.items.ids, std::vector<std::string>{"Z"});
    QCOMPARE(a.items.firstSeen, std::vector<std::int64_t>{220});  // the event that introduced it
    QCOMPARE(a.kinds, std::vector<std::string>{"purchase"});
    QCOMPARE(a.next.interactions, std::int64_t(6));
    QCOMPARE(a.next.users, std::int64_t(3));
    QCOMPARE(a.next.items, std::int64_t(3));
    QCOMPARE(a.next.kinds, std::int64_t(2));
    QCOMPARE(a.interactions.user, (std::vector<std::int32_t>{1, 2, 2}));
    QCOMPARE(a.interactions.item, (std::vector<std::int32_t>{1, 0, 2}));
    QCOMPARE(a.interactions.ts, (std::vector<std::int64_t>{200, 210, 220}));
    QCOMPARE(a.interactions.kind, (std::vector<std::uint8_t>{0, 1, 0}));
    QCOMPARE(a.interactions.weight, (std::vector<float>{2.0f, 1.0f, 3.0f}));
    auto second = reader.value()->appendedSince(a.next, 3);
    QVERIFY(second.ok());
    QCOMPARE(second.value().interactions.size(), std::size_t(1));
    QVERIFY(second.value().users.ids.empty());
    QVERIFY(second.value().items.ids.empty());
    QCOMPARE(second.value().interactions.user, std::vector<std::int32_t>{0});
    QCOMPARE(second.value().interactions.item, std::vector<std::int32_t>{2});

    // The loaded rows followed by the appended ones are what a fresh load reads.
    auto fresh = ProjectStore::open(path, ProjectStore::Mode::ReadOnly).value()->loadDataset();
    QVERIFY(fresh.ok());
    auto log = loaded.value().interactions;
    for (const InteractionLog* part :
         std::initializer_list<const InteractionLog*>{&a.interactions, &second.value().interactions})
      for (std::size_t r = 0; r < part->size(); ++r)
        log.append(part->user[r], part->item[r], part->ts[r], part->weight[r], part->kind[r]);
    QCOMPARE(log.user, fresh.value().interactions.user);
    QCOMPARE(log.item, fresh.value().interactions.item);
    QCOMPARE(log.ts, fresh.value().interactions.ts);
    QCOMPARE(log.kind, fresh.value().interactions.kind);
    QCOMPARE(fresh.value().users.ids.back(), std::string("u9"));
    QCOMPARE(fresh.value().interactions.kindNames.back(), std::string("purchase"));
  }

  void aReplacedDatasetIsAnError() {
    const auto path = freshProject("b.reclens");
    QVERIFY(!path.empty());
    auto reader = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
    QVERIFY(reader.ok());
    AppendCursor cursor{3, -1, 2, 2, 1};
    {
      auto writer = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
      QVERIFY(writer.ok());
      Dataset smaller = smallDataset();
      smaller.interactions = InteractionLog{};
      smaller.interactions.append(0, 0, 100, 1.0f, smaller.interactions.kindIndex("view"));
      QVERIFY(writer.value()->writeDataset(smaller).ok());
    }
    auto rows = reader.value()->appendedSince(cursor, 100);
    QVERIFY(!rows.ok());
    QCOMPARE(rows.error().code, ErrorCode::Schema);
    QVERIFY(rows.error().message.find("replaced") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestAppendedRows)
#include "tst_appendedrows.moc"
