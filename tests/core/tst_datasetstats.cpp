#include <QtTest>

#include "data/datasetstats.h"

using namespace reclens;

class TestDatasetStats : public QObject {
  Q_OBJECT

 private:
  // 3 users (the third never interacts), 4 items (the fourth never interacted with), one repeated pair.
  static Dataset handMade() {
    Dataset d;
    d.info.timeUnit = TimeUnit::UnixSeconds;
    d.items.ids = {"a", "b", "c", "d"};
    d.items.fields.emplace_back("category");
    for (const char* v : {"fruit", "veg", "fruit", ""}) d.items.fields.back().append(v);
    d.users.ids = {"u1", "u2", "u3"};
    d.users.fields.emplace_back("region");
    for (const char* v : {"North", "", "South"}) d.users.fields.back().append(v);
    const auto k = d.interactions.kindIndex("view");
    d.interactions.append(0, 0, 300, 1.0f, k);
    d.interactions.append(0, 1, 100, 1.0f, k);
    d.interactions.append(0, 0, 500, 1.0f, k);  // repeat of (u1, a)
    d.interactions.append(1, 0, 200, 1.0f, k);
    d.interactions.append(1, 2, 400, 1.0f, k);
    return d;
  }

 private Q_SLOTS:
  void gini_data() {
    QTest::addColumn<std::vector<std::int64_t>>("counts");
    QTest::addColumn<double>("expected");
    QTest::newRow("all equal") << std::vector<std::int64_t>{7, 7, 7, 7, 7} << 0.0;
    QTest::newRow("one item has everything, n=4") << std::vector<std::int64_t>{0, 0, 9, 0} << 0.75;
    QTest::newRow("one item has everything, n=10")
        << std::vector<std::int64_t>{0, 0, 0, 0, 0, 0, 0, 0, 0, 3} << 0.9;
    // sorted 1,2,3,4: (-3*1 - 1*2 + 1*3 + 3*4) / (4 * 10) = 10 / 40
    QTest::newRow("worked example, unsorted input") << std::vector<std::int64_t>{4, 1, 3, 2} << 0.25;
    // sorted 0,0,5,5: (1*5 + 3*5) / (4 * 10) = 20 / 40
    QTest::newRow("zeros count as items") << std::vector<std::int64_t>{5, 0, 5, 0} << 0.5;
    QTest::newRow("all zero") << std::vector<std::int64_t>{0, 0, 0} << 0.0;
    QTest::newRow("empty") << std::vector<std::int64_t>{} << 0.0;
    QTest::newRow("single item") << std::vector<std::int64_t>{12} << 0.0;
  }
  void gini() {
    QFETCH(std::vector<std::int64_t>, counts);
    QFETCH(double, expected);
    QVERIFY2(std::abs(giniCoefficient(counts) - expected) < 1e-12,
             qPrintable(QString::number(giniCoefficient(counts), 'g', 17)));
  }

  void statsOfHandMadeDataset() {
    const auto s = computeDatasetStats(handMade());
    QCOMPARE(s.users, std::int64_t(3));
    QCOMPARE(s.items, std::int64_t(4));
    QCOMPARE(s.interactions, std::int64_t(5));
    QCOMPARE(s.distinctPairs, std::int64_t(4));
    QCOMPARE(s.activeUsers, std::int64_t(2));
    QCOMPARE(s.interactedItems, std::int64_t(3));
    QCOMPARE(s.sparsity, 1.0 - 4.0 / 12.0);
    QCOMPARE(s.firstTime, std::int64_t(100));
    QCOMPARE(s.lastTime, std::int64_t(500));
    QCOMPARE(s.timeUnit, TimeUnit::UnixSeconds);
    // item counts a=3, b=1, c=1, d=0 -> sorted 0,1,1,3: (-3*0 - 1*1 + 1*1 + 3*3) / (4 * 5)
    QCOMPARE(s.popularityGini, 9.0 / 20.0);
    QCOMPARE(s.meanInteractionsPerUser, 5.0 / 3.0);

    QCOMPARE(s.userAttributes.size(), std::size_t(1));
    const auto& region = s.userAttributes[0];
    QCOMPARE(region.field, std::string("region"));
    QCOMPARE(region.missing, std::int64_t(1));
    QCOMPARE(region.counts.size(), std::size_t(2));
    QCOMPARE(region.counts[0].first, std::string("North"));  // equal counts: by value

    QCOMPARE(s.itemAttributes.size(), std::size_t(1));
    const auto& category = s.itemAttributes[0];
    QCOMPARE(category.missing, std::int64_t(1));
    QCOMPARE(category.counts[0], (std::pair<std::string, std::int64_t>("fruit", 2)));
    QCOMPARE(category.counts[1], (std::pair<std::string, std::int64_t>("veg", 1)));
  }

  void statsOfEmptyDataset() {
    Dataset d;
    d.items.ids = {"a", "b"};
    const auto s = computeDatasetStats(d);
    QCOMPARE(s.interactions, std::int64_t(0));
    QCOMPARE(s.distinctPairs, std::int64_t(0));
    QCOMPARE(s.interactedItems, std::int64_t(0));
    QCOMPARE(s.sparsity, 1.0);
    QCOMPARE(s.firstTime, kNoTime);
    QCOMPARE(s.lastTime, kNoTime);
    QCOMPARE(s.popularityGini, 0.0);
    QCOMPARE(s.meanInteractionsPerUser, 0.0);
  }

  void sequenceUnitIsCarried() {
    auto d = handMade();
    d.info.timeUnit = TimeUnit::Sequence;
    QCOMPARE(computeDatasetStats(d).timeUnit, TimeUnit::Sequence);
  }
};

QTEST_GUILESS_MAIN(TestDatasetStats)
#include "tst_datasetstats.moc"
