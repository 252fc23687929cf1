#include <QtTest>

#include <atomic>

#include "services/datasetsnapshot.h"
#include "ui/testdataset.h"

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
