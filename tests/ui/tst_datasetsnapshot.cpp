#include <QtTest>

#include <atomic>
#include <cmath>

#include "services/datasetsnapshot.h"
#include "ui/testdataset.h"
#include "widgets/displayformat.h"

using namespace reclens;

class TestDatasetSnapshot : public QObject {
  Q_OBJECT

 private:
  static std::shared_ptr<const DatasetSnapshot> build() {
    auto snapshot = DatasetSnapshot::build(testing::smallDataset(), "/tmp/small.reclens");
    if (!snapshot) qFatal("%s", snapshot.error().message.c_str());
    return snapshot.value();
  }

 private Q_SLOTS:
  void aggregatesUsers() {
    const auto s = build();
    QCOMPARE(s->userCount(), std::size_t(4));
    QCOMPARE(s->userInteractions(0), std::int64_t(8));
    QCOMPARE(s->userInteractions(1), std::int64_t(6));
    QCOMPARE(s->userInteractions(3), std::int64_t(0));
    QCOMPARE(s->userFirstTime(0), std::int64_t(1609459200));
    QCOMPARE(s->userLastTime(0), std::int64_t(1609459200 + 19 * 3600));
    QCOMPARE(s->userFirstTime(3), kNoTime);
  }

  void tiers_data() {
    QTest::addColumn<int>("item");
    QTest::addColumn<int>("tier");
    QTest::addColumn<qint64>("interactions");
    QTest::newRow("most popular") << 0 << int(PopularityTier::Head) << qint64(10);
    QTest::newRow("second") << 1 << int(PopularityTier::Head) << qint64(4);
    QTest::newRow("reaches 80%") << 2 << int(PopularityTier::Head) << qint64(3);
    QTest::newRow("up to 95%") << 3 << int(PopularityTier::Mid) << qint64(2);
    QTest::newRow("beyond 95%") << 4 << int(PopularityTier::Tail) << qint64(1);
    QTest::newRow("never interacted") << 5 << int(PopularityTier::Tail) << qint64(0);
  }
  void tiers() {
    QFETCH(int, item);
    QFETCH(int, tier);
    QFETCH(qint64, interactions);
    const auto s = build();
    QCOMPARE(int(s->itemTier(std::size_t(item))), tier);
    QCOMPARE(qint64(s->itemInteractions(std::size_t(item))), interactions);
  }

  void tierSizes() {
    const auto s = build();
    QCOMPARE(s->tierSize(PopularityTier::Head), std::int64_t(3));
    QCOMPARE(s->tierSize(PopularityTier::Mid), std::int64_t(1));
    QCOMPARE(s->tierSize(PopularityTier::Tail), std::int64_t(2));
  }

  void firstSeenFallsBackToFirstInteraction() {
    const auto s = build();
    QCOMPARE(s->itemFirstSeen(1), std::int64_t(1600000000));  // from the catalog
    QCOMPARE(s->itemFirstSeen(0), std::int64_t(1609459200));  // first interaction
    QCOMPARE(s->itemFirstSeen(4), std::int64_t(1609459200 + 9 * 3600));
    QCOMPARE(s->itemFirstSeen(5), std::int64_t(1500000000));
  }

  void naturalRanks_data() {
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QList<int>>("ranks");
    QTest::newRow("numbers by value") << QStringList{"10", "9", "100"} << QList<int>{1, 0, 2};
    QTest::newRow("numbers before text") << QStringList{"b", "2", "a"} << QList<int>{2, 0, 1};
    QTest::newRow("text ignores case") << QStringList{"u2", "u10", "u1", "U3"} << QList<int>{2, 1, 0, 3};
    QTest::newRow("empty first") << QStringList{"z", ""} << QList<int>{1, 0};
  }
  void naturalRanks() {
    QFETCH(QStringList, values);
    QFETCH(QList<int>, ranks);
    std::vector<std::string> input;
    for (const auto& v : values) input.push_back(v.toStdString());
    const auto got = DatasetSnapshot::naturalRanks(input);
    QCOMPARE(QList<int>(got.begin(), got.end()), ranks);
  }

  void containsIgnoringCase_data() {
    QTest::addColumn<QString>("haystack");
    QTest::addColumn<QString>("needle");
    QTest::addColumn<bool>("found");
    QTest::newRow("empty needle") << "abc"
                                  << "" << true;
    QTest::newRow("upper in haystack") << "Green Tea"
                                       << "tea" << true;
    QTest::newRow("absent") << "Green Tea"
                            << "coffee" << false;
    QTest::newRow("utf-8") << QString::fromUtf8("绿茶 500ml") << QString::fromUtf8("绿茶") << true;
  }
  void containsIgnoringCase() {
    QFETCH(QString, haystack);
    QFETCH(QString, needle);
    QFETCH(bool, found);
    QCOMPARE(DatasetSnapshot::containsIgnoringCase(haystack.toStdString(), needle.toStdString()), found);
  }

  void extendedEqualsABuildOfTheWholeLog() {
    // The last 8 interactions, a new user "u0" and a new item "0" (both sorting first by id) arrive
    // as live events; the result must be what a build of the whole dataset gives.
    Dataset whole = testing::smallDataset();
    whole.users.ids.push_back("u0");
    for (auto& field : whole.users.fields) field.resize(whole.users.ids.size());
    whole.items.ids.push_back("0");
    whole.items.titles.push_back("");
    whole.items.prices.push_back(std::nan(""));
    whole.items.firstSeen.push_back(1700000000);
    for (auto& field : whole.items.fields) field.resize(whole.items.ids.size());
    const auto buy = whole.interactions.kindIndex("purchase");
    whole.interactions.append(4, 6, 1700000000, 1.0f, buy);
    whole.interactions.append(4, 5, 1700000100, 1.0f, buy);
    whole.interactions.append(3, 5, 1609459200 - 50, 2.0f, whole.interactions.kindIndex("view"));
    const std::size_t cut = 15;
    Dataset base = whole;
    base.users.ids.pop_back();
    for (auto& field : base.users.fields) field.resize(base.users.ids.size());
    base.items = testing::smallDataset().items;
    base.interactions = InteractionLog{};
    base.interactions.kindNames = {"purchase"};
    AppendedRows rows;
    rows.users.ids = {"u0"};
    rows.items.ids = {"0"};
    rows.items.titles = {""};
    rows.items.prices = {std::nan("")};
    rows.items.firstSeen = {1700000000};
    rows.kinds = {"view"};
    const auto& log = whole.interactions;
    for (std::size_t r = 0; r < log.size(); ++r) {
      auto& into = r < cut ? base.interactions : rows.interactions;
      into.append(log.user[r], log.item[r], log.ts[r], log.weight[r], log.kind[r]);
    }
    auto built = DatasetSnapshot::build(base, "/tmp/small.reclens");
    QVERIFY(built.ok());
    const auto grown = DatasetSnapshot::extended(*built.value(), rows);
    auto expected = DatasetSnapshot::build(whole, "/tmp/small.reclens");
    QVERIFY(expected.ok());
    const auto& e = *expected.value();
    QCOMPARE(grown->userCount(), e.userCount());
    QCOMPARE(grown->itemCount(), e.itemCount());
    QCOMPARE(grown->interactionCount(), e.interactionCount());
    QCOMPARE(grown->dataset().interactions.kindNames, e.dataset().interactions.kindNames);
    QCOMPARE(grown->dataset().interactions.kind, e.dataset().interactions.kind);
    for (std::size_t u = 0; u < e.userCount(); ++u) {
      QCOMPARE(grown->userInteractions(u), e.userInteractions(u));
      QCOMPARE(grown->userFirstTime(u), e.userFirstTime(u));
      QCOMPARE(grown->userLastTime(u), e.userLastTime(u));
      QCOMPARE(grown->userIdRank(u), e.userIdRank(u));
      for (std::size_t f = 0; f < e.dataset().users.fields.size(); ++f)
        QCOMPARE(grown->dataset().users.fields[f].codeAt(u), e.dataset().users.fields[f].codeAt(u));
    }
    QCOMPARE(grown->userIdRank(4), 0);  // "u0" sorts first
    for (std::size_t i = 0; i < e.itemCount(); ++i) {
      QCOMPARE(grown->itemInteractions(i), e.itemInteractions(i));
      QCOMPARE(grown->itemFirstSeen(i), e.itemFirstSeen(i));
      QCOMPARE(grown->itemTier(i), e.itemTier(i));
      QCOMPARE(grown->itemIdRank(i), e.itemIdRank(i));
      QCOMPARE(grown->itemTitleRank(i), e.itemTitleRank(i));
    }
    for (const auto tier : {PopularityTier::Head, PopularityTier::Mid, PopularityTier::Tail})
      QCOMPARE(grown->tierSize(tier), e.tierSize(tier));
    // The base is unchanged.
    QCOMPARE(built.value()->interactionCount(), cut);
    QCOMPARE(built.value()->itemCount(), std::size_t(6));
  }

  // Pages name an item by its title, or by its id when it has none (the graph pane's heading read
  // `reaches ""` for the untitled items of a catalog without titles).
  void itemNameFallsBackToTheId() {
    Catalog c;
    c.ids = {"A1", "B2", "C3"};
    c.titles = {"Lamp", "", "Stool"};
    QCOMPARE(display::itemName(c, 0), QStringLiteral("Lamp"));
    QCOMPARE(display::itemName(c, 1), QStringLiteral("B2"));
    c.titles.clear();  // a catalog without titles at all
    QCOMPARE(display::itemName(c, 2), QStringLiteral("C3"));
    QCOMPARE(display::itemName(c, 3), QString());
  }

  void cancelledBuildFails() {
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    auto snapshot = DatasetSnapshot::build(testing::smallDataset(), "p", control);
    QVERIFY(!snapshot.ok());
    QCOMPARE(snapshot.error().code, ErrorCode::Cancelled);
  }

  void shortColumnsAreNormalised() {
    auto d = testing::smallDataset();
    d.items.titles.clear();
    d.items.prices.clear();
    auto snapshot = DatasetSnapshot::build(std::move(d), "p");
    QVERIFY(snapshot.ok());
    QCOMPARE(snapshot.value()->dataset().items.titles.size(), std::size_t(6));
    QVERIFY(std::isnan(snapshot.value()->dataset().items.prices[5]));
  }
};

QTEST_GUILESS_MAIN(TestDatasetSnapshot)
#include "tst_datasetsnapshot.moc"
