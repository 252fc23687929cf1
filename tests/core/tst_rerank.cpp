#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

#include "audit/beyondaccuracy.h"
#include "engine/rerank.h"
#include "greedyreference.h"

using namespace reclens;
using testing::itemsOf;

Q_DECLARE_METATYPE(std::vector<std::int32_t>)

class TestReRank : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void noKnobKeepsTheModelOrder() {
    const ReRankOptions none;
    QVERIFY(!none.active());
    const auto out = reRank(testing::sixCandidates(), 4, none, {});
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
    QCOMPARE(itemsOf(reRank(testing::sixCandidates(), 3, o, c)), expected);
  }

  void categoryCapLimitsEachCategory() {
    const std::vector<std::int32_t> category = {0, 0, 0, 1, -1, 1};
    ReRankOptions o;
    o.categoryCap = 1;
    ReRankContext c;
    c.category = &category;
    // One of category 0, one of category 1, and the uncategorised item, in model order.
    QCOMPARE(itemsOf(reRank(testing::sixCandidates(), 5, o, c)), (std::vector<std::int32_t>{0, 3, 4}));
    o.categoryCap = 2;
    QCOMPARE(itemsOf(reRank(testing::sixCandidates(), 4, o, c)), (std::vector<std::int32_t>{0, 1, 3, 4}));
  }

  void diversityPushesNearDuplicatesDown() {
    // Items 0, 1 and 2 point the same way; 3 is orthogonal.
    const std::vector<float> emb = {1, 0, 1, 0.01f, 1, 0.02f, 0, 1, 0.7f, 0.7f, -1, 0};
    ReRankOptions o;
    o.diversity = 0.5;
    ReRankContext c;
    c.embeddings = emb.data();
    c.dim = 2;
    const auto out = reRank(testing::sixCandidates(), 3, o, c);
    QCOMPARE(out.front().item, 0);  // the first pick is pure relevance
    QCOMPARE(out[1].item, 5);       // opposite to item 0: cosine -1
    QCOMPARE(out[2].item, 3);
    o.diversity = 0.0;
    QCOMPARE(itemsOf(reRank(testing::sixCandidates(), 3, o, c)), (std::vector<std::int32_t>{0, 1, 2}));
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

  // Candidates 0–2 are of category 0, 3–5 of category 1; the history (items 10 and 11) holds one of
  // each, so p = (½, ½). Relevance falls 1, 0.8, …, 0. First step: any single item gives q̃ = (0.995,
  // 0.005), C_KL = ½·ln(0.5/0.995) + ½·ln(0.5/0.005) = 1.95852 for every candidate, so item 0 leads.
  // Second step: another category-0 item keeps C_KL = 1.95852, item 3 makes it 0; with κ = 0.5 item 1
  // is worth 0.5·0.8 − 0.5·1.95852 = −0.579 and item 3 0.5·0.4 = 0.2, so item 3 follows; with
  // κ = 0.1 item 1 (0.9·0.8 − 0.1·1.95852 = 0.524) beats item 3 (0.36).
  void calibrationFollowsTheHistoryMix_data() {
    QTest::addColumn<double>("kappa");
    QTest::addColumn<std::vector<std::int32_t>>("expected");
    QTest::newRow("off") << 0.0 << std::vector<std::int32_t>{0, 1};
    QTest::newRow("weak") << 0.1 << std::vector<std::int32_t>{0, 1};
    QTest::newRow("half") << 0.5 << std::vector<std::int32_t>{0, 3};
    QTest::newRow("full") << 1.0 << std::vector<std::int32_t>{0, 3};
  }
  void calibrationFollowsTheHistoryMix() {
    QFETCH(double, kappa);
    QFETCH(std::vector<std::int32_t>, expected);
    std::vector<std::int32_t> category(12, -1);
    for (int i = 0; i < 3; ++i) category[std::size_t(i)] = 0;
    for (int i = 3; i < 6; ++i) category[std::size_t(i)] = 1;
    category[10] = 0;
    category[11] = 1;
    const std::vector<std::int32_t> history{10, 11};
    ReRankOptions o;
    o.calibration = kappa;
    QCOMPARE(o.active(), kappa > 0.0);
    ReRankContext context;
    context.category = &category;
    context.history = &history;
    QCOMPARE(itemsOf(reRank(testing::sixCandidates(), 2, o, context)), expected);
    // Without a history (or without categories) there is nothing to calibrate towards.
    context.history = nullptr;
    QCOMPARE(itemsOf(reRank(testing::sixCandidates(), 2, o, context)), (std::vector<std::int32_t>{0, 1}));
    const std::vector<std::int32_t> uncategorised{6, 7};
    context.history = &uncategorised;
    QCOMPARE(itemsOf(reRank(testing::sixCandidates(), 2, o, context)), (std::vector<std::int32_t>{0, 1}));
  }

  // The incremental miscalibration of the re-ranker against a plain greedy written from the audit's
  // miscalibrationKl(): same list on random catalogs, and a list better calibrated than the model's.
  void calibrationMatchesTheAuditsMeasure() {
    std::mt19937_64 rng(5);
    const std::size_t items = 300, categories = 7;
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<std::int32_t> category(items);
      for (auto& g : category) g = static_cast<std::int32_t>(rng() % (categories + 1)) - 1;  // some −1
      std::vector<Recommendation> cands;
      for (std::size_t c = 0; c < 60; ++c)
        cands.push_back({static_cast<std::int32_t>(c),
                         float(1.0 - 0.013 * double(c) + 0.001 * double(rng() % 7)), int(c) + 1});
      std::stable_sort(cands.begin(), cands.end(),
                       [](const auto& a, const auto& b) { return a.score > b.score; });
      std::vector<std::int32_t> history;
      for (int h = 0; h < 15; ++h) history.push_back(static_cast<std::int32_t>(100 + rng() % 200));
      const double kappa = 0.1 + 0.2 * (trial % 5);
      ReRankOptions o;
      o.calibration = kappa;
      ReRankContext context;
      context.category = &category;
      context.history = &history;
      const int k = 10;
      const auto fast = reRank(cands, k, o, context);
      // The reference: every step scores every candidate with the audit's measure, from scratch.
      std::vector<double> h, l;
      const auto taken =
          testing::greedyReference(cands, k, [&](const std::vector<std::int32_t>& chosen, double rel) {
            std::vector<Recommendation> list;
            for (const auto t : chosen) list.push_back({t, 0.0f, 0});
            return (1.0 - kappa) * rel -
                   kappa * listMiscalibration(history, list, list.size(), category, categories, h, l);
          });
      QCOMPARE(itemsOf(fast), taken);
      const std::vector<Recommendation> own(cands.begin(), cands.begin() + k);
      QVERIFY(listMiscalibration(history, fast, fast.size(), category, categories, h, l) <=
              listMiscalibration(history, own, own.size(), category, categories, h, l) + 1e-12);
    }
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
