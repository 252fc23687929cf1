#include <QtTest>

#include "engine/rerank.h"

using namespace reclens;

Q_DECLARE_METATYPE(std::vector<std::int32_t>)

namespace {
std::vector<std::int32_t> itemsOf(const std::vector<Recommendation>& list) {
  std::vector<std::int32_t> out;
  for (const auto& r : list) out.push_back(r.item);
  return out;
}

// Candidates 0..5 in model order with falling scores.
std::vector<Recommendation> candidates() {
  return {{0, 1.0f, 1}, {1, 0.9f, 2}, {2, 0.8f, 3}, {3, 0.7f, 4}, {4, 0.6f, 5}, {5, 0.5f, 6}};
}
}  // namespace

class TestReRank : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void noKnobKeepsTheModelOrder() {
    const ReRankOptions none;
    QVERIFY(!none.active());
    const auto out = reRank(candidates(), 4, none, {});
    QCOMPARE(itemsOf(out), (std::vector<std::int32_t>{0, 1, 2, 3}));
    QCOMPARE(out[3].rank, 4);
    QCOMPARE(out[1].score, 0.9f);
  }

  void popularityPenaltyDemotesTheHead_data() {
    QTest::addColumn<double>("lambda");
    QTest::addColumn<std::vector<std::int32_t>>("expected");
    QTest::newRow("off") << 0.0 << std::vector<std::int32_t>{0, 1, 2};
    // Item 0 has the largest count (penalty λ); the others have none.
    QTest::newRow("mild") << 0.1 << std::vector<std::int32_t>{0, 1, 2};
    QTest::newRow("strong") << 0.5 << std::vector<std::int32_t>{1, 2, 0};
  }

  void popularityPenaltyDemotesTheHead() {
    QFETCH(double, lambda);
    QFETCH(std::vector<std::int32_t>, expected);
    const std::vector<std::int64_t> pop = {1000, 0, 0, 0, 0, 0};
    ReRankOptions o;
    o.popularityPenalty = lambda;
    ReRankContext c;
    c.popularity = &pop;
    QCOMPARE(itemsOf(reRank(candidates(), 3, o, c)), expected);
  }

  void categoryCapLimitsEachCategory() {
    const std::vector<std::int32_t> category = {0, 0, 0, 1, -1, 1};
    ReRankOptions o;
    o.categoryCap = 1;
    ReRankContext c;
    c.category = &category;
    // One of category 0, one of category 1, and the uncategorised item, in model order.
    QCOMPARE(itemsOf(reRank(candidates(), 5, o, c)), (std::vector<std::int32_t>{0, 3, 4}));
    o.categoryCap = 2;
    QCOMPARE(itemsOf(reRank(candidates(), 4, o, c)), (std::vector<std::int32_t>{0, 1, 3, 4}));
  }

  void diversityPushesNearDuplicatesDown() {
    // Items 0, 1 and 2 point the same way; 3 is orthogonal.
    const std::vector<float> emb = {1, 0, 1, 0.01f, 1, 0.02f, 0, 1, 0.7f, 0.7f, -1, 0};
    ReRankOptions o;
    o.diversity = 0.5;
    ReRankContext c;
    c.embeddings = emb.data();
    c.dim = 2;
    const auto out = reRank(candidates(), 3, o, c);
    QCOMPARE(out.front().item, 0);  // the first pick is pure relevance
    QCOMPARE(out[1].item, 5);       // opposite to item 0: cosine -1
    QCOMPARE(out[2].item, 3);
    o.diversity = 0.0;
    QCOMPARE(itemsOf(reRank(candidates(), 3, o, c)), (std::vector<std::int32_t>{0, 1, 2}));
  }

  void equalValuesGoToTheEarlierCandidate() {
    std::vector<Recommendation> tied = {{7, 1.0f, 1}, {3, 1.0f, 2}, {9, 1.0f, 3}};
    const std::vector<std::int64_t> pop = {0, 0, 0, 5, 0, 0, 0, 5, 0, 5};
    ReRankOptions o;
    o.popularityPenalty = 1.0;
    ReRankContext c;
    c.popularity = &pop;
    QCOMPARE(itemsOf(reRank(tied, 3, o, c)), (std::vector<std::int32_t>{7, 3, 9}));
    QCOMPARE(itemsOf(reRank(tied, 3, o, c)), itemsOf(reRank(tied, 3, o, c)));
  }

  void candidateCountIsBounded_data() {
    QTest::addColumn<int>("candidates");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("items");
    QTest::addColumn<int>("expected");
    QTest::newRow("default floor") << 0 << 10 << 100000 << 1000;
    QTest::newRow("ten times k") << 0 << 200 << 100000 << 2000;
    QTest::newRow("cap") << 0 << 1000 << 100000 << 5000;
    QTest::newRow("small catalog") << 0 << 10 << 300 << 300;
    QTest::newRow("explicit") << 40 << 10 << 100000 << 40;
  }

  void candidateCountIsBounded() {
    QFETCH(int, candidates);
    QFETCH(int, k);
    QFETCH(int, items);
    QFETCH(int, expected);
    ReRankOptions o;
    o.candidates = candidates;
    QCOMPARE(o.candidateCount(k, static_cast<std::size_t>(items)), static_cast<std::size_t>(expected));
  }
};

QTEST_GUILESS_MAIN(TestReRank)
#include "tst_rerank.moc"
