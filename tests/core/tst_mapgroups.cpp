#include <QtTest>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/mapgroups.h"

using namespace reclens;

class TestMapGroups : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Six items in three clusters plus an empty fourth (worked by hand): the catalog has 3 tail items
  // of 6 (share 0.5) and 93 interactions (mean 15.5).
  void tailSharesByHand() {
    const std::vector<std::int32_t> labels = {0, 0, 0, 1, 1, 2};
    const std::vector<PopularityTier> tiers = {PopularityTier::Tail, PopularityTier::Tail,
                                               PopularityTier::Head, PopularityTier::Tail,
                                               PopularityTier::Mid,  PopularityTier::Head};
    const std::vector<std::int64_t> interactions = {1, 2, 30, 0, 10, 50};
    const auto s = clusterTailShares(labels, 4, tiers, interactions);
    QCOMPARE(s.catalogTailShare, 0.5);
    QCOMPARE(s.catalogMeanInteractions, 15.5);
    QCOMPARE(s.clusters.size(), std::size_t(4));
    QCOMPARE(s.clusters[0].items, std::int64_t(3));
    QCOMPARE(s.clusters[0].tailShare, 2.0 / 3.0);
    QCOMPARE(s.clusters[0].meanInteractions, 11.0);
    QVERIFY(s.clusters[0].tailHeavy);  // 0.667 >= 0.5 + 0.10
    QCOMPARE(s.clusters[1].tailShare, 0.5);
    QCOMPARE(s.clusters[1].meanInteractions, 5.0);
    QVERIFY(!s.clusters[1].tailHeavy);
    QCOMPARE(s.clusters[2].tailShare, 0.0);
    QCOMPARE(s.clusters[2].meanInteractions, 50.0);
    QVERIFY(!s.clusters[2].tailHeavy);
    QCOMPARE(s.clusters[3].items, std::int64_t(0));
    QVERIFY(!s.clusters[3].tailHeavy);
  }

  // Exactly at the margin counts: catalog share 0.5, a cluster at 0.6 (3 of 5).
  void marginIsInclusive() {
    std::vector<std::int32_t> labels(10, 1);
    std::vector<PopularityTier> tiers(10, PopularityTier::Head);
    for (int i = 0; i < 5; ++i) labels[std::size_t(i)] = 0;
    for (const int i : {0, 1, 2, 5, 6}) tiers[std::size_t(i)] = PopularityTier::Tail;
    const auto s = clusterTailShares(labels, 2, tiers, std::vector<std::int64_t>(10, 1));
    QCOMPARE(s.catalogTailShare, 0.5);
    QCOMPARE(s.clusters[0].tailShare, 0.6);
    QVERIFY(s.clusters[0].tailHeavy);
    QCOMPARE(s.clusters[1].tailShare, 0.4);
    QVERIFY(!s.clusters[1].tailHeavy);
  }

  void fieldGroups_data() {
    QTest::addColumn<int>("maxValues");
    QTest::addColumn<std::vector<std::int32_t>>("groups");
    QTest::addColumn<std::vector<std::string>>("names");
    QTest::addColumn<std::vector<std::int64_t>>("sizes");
    QTest::addColumn<int>("other");
    QTest::addColumn<int>("missing");
    // Values a b a (missing) c b a d: counts a 3, b 2, c 1, d 1, one missing.
    QTest::newRow("two values") << 2 << std::vector<std::int32_t>{0, 1, 0, 3, 2, 1, 0, 2}
                                << std::vector<std::string>{"a", "b", "", ""}
                                << std::vector<std::int64_t>{3, 2, 2, 1} << 2 << 3;
    // c and d tie: c came first in the vocabulary.
    QTest::newRow("three values") << 3 << std::vector<std::int32_t>{0, 1, 0, 4, 2, 1, 0, 3}
                                  << std::vector<std::string>{"a", "b", "c", "", ""}
                                  << std::vector<std::int64_t>{3, 2, 1, 1, 1} << 3 << 4;
    QTest::newRow("every value") << 10 << std::vector<std::int32_t>{0, 1, 0, 4, 2, 1, 0, 3}
                                 << std::vector<std::string>{"a", "b", "c", "d", ""}
                                 << std::vector<std::int64_t>{3, 2, 1, 1, 1} << -1 << 4;
  }
  void fieldGroups() {
    QFETCH(int, maxValues);
    QFETCH(std::vector<std::int32_t>, groups);
    QFETCH(std::vector<std::string>, names);
    QFETCH(std::vector<std::int64_t>, sizes);
    QFETCH(int, other);
    QFETCH(int, missing);
    CategoricalField field("category");
    for (const char* v : {"a", "b", "a", "", "c", "b", "a", "d"}) field.append(v);
    const auto g = fieldGrouping(field, 8, maxValues);
    QCOMPARE(g.groups, groups);
    QCOMPARE(g.names, names);
    QCOMPARE(g.sizes, sizes);
    QCOMPARE(g.otherGroup, other);
    QCOMPARE(g.missingGroup, missing);
  }
};

QTEST_GUILESS_MAIN(TestMapGroups)
#include "tst_mapgroups.moc"
