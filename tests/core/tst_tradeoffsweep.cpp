// Trade-off sweeps of any re-ranking knob (audit/tradeoff.h) on a sample written by hand.
#include <QtTest>

#include <cmath>

#include "audit/tradeoff.h"

using namespace reclens;

namespace {
// Ten users with the same six candidates (scores 1.0 down to 0.5): five of group "x" hold out item 1
// and have item 0 in their history, five of group "y" hold out item 3 and have item 4. Items 0–2 are
// provider A, 3–5 provider B (targets ½ each); even items are category 0, odd ones category 1.
TradeoffSample handSample() {
  TradeoffSample s;
  s.k = 2;
  s.numItems = 6;
  const std::vector<Recommendation> candidates = {{0, 1.0f, 1}, {1, 0.9f, 2}, {2, 0.8f, 3},
                                                  {3, 0.7f, 4}, {4, 0.6f, 5}, {5, 0.5f, 6}};
  std::vector<std::int32_t> groups;
  for (int u = 0; u < 10; ++u) {
    s.users.push_back(u);
    s.candidates.push_back(candidates);
    s.relevant.push_back({u < 5 ? 1 : 3});
    s.history.push_back({u < 5 ? 0 : 4});
    groups.push_back(u < 5 ? 0 : 1);
  }
  s.trainCounts = {10, 8, 6, 1, 1, 0};
  s.longTail = {0, 0, 0, 1, 1, 1};
  s.inputs.popularity = s.trainCounts;
  s.inputs.category = {0, 1, 0, 1, 0, 1};
  s.inputs.popular = {1, 0, 0, 0, 0, 0};
  s.inputs.provider = {0, 0, 0, 1, 1, 1};
  s.inputs.providerTarget = {0.5, 0.5};
  s.inputs.providerGroups = {"A", "B"};
  s.providerField = "brand";
  s.categories = 2;
  s.attributes = {"g"};
  s.userGroups = {groups};
  return s;
}
}  // namespace

class TestTradeoffSweep : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // φ = 0 lists items 0, 1 for everyone; φ = 1 lists 0, 3 (tst_rerankfairness works the step by hand).
  // NDCG of a hit at rank 2 is 1/log2 3 = 0.630930; miscalibration of a list with one item of each
  // category against a history of category 0 only: ln(1 / (0.99·0.5 + 0.01)) = 0.683197 for every user.
  void everyMetricWorkedByHand() {
    const auto sample = handSample();
    const auto points = tradeoffSweep(sample, TradeoffKnob::ProviderFairness, {0.0, 1.0});
    QCOMPARE(points.size(), std::size_t(2));
    const double hitAtTwo = 1.0 / std::log2(3.0);
    const auto& off = points[0];
    QCOMPARE(off.lambda, 0.0);
    QVERIFY(std::abs(off.ndcg - 0.5 * hitAtTwo) < 1e-12);
    QCOMPARE(off.recall, 0.5);
    QCOMPARE(off.hit, 0.5);
    QVERIFY(std::abs(off.coverage - 2.0 / 6.0) < 1e-12);
    // RecBole's Gini over the counts 0,0,0,0,10,10: (3·10 + 5·10) / (6 · 20).
    QVERIFY(std::abs(off.gini - 80.0 / 120.0) < 1e-12);
    QCOMPARE(off.aplt, 0.0);
    QCOMPARE(off.arp, 9.0);
    QVERIFY(std::abs(off.miscalibration - 0.683197) < 1e-6);
    QCOMPARE(off.providerDistance, 0.5);
    QCOMPARE(off.ndcgGap.size(), std::size_t(1));
    QVERIFY(std::abs(off.ndcgGap[0] - hitAtTwo) < 1e-12);  // x: 0.63, y: 0

    const auto& full = points[1];
    QCOMPARE(full.lambda, 1.0);
    QVERIFY(std::abs(full.ndcg - 0.5 * hitAtTwo) < 1e-12);  // now y hits and x misses
    QCOMPARE(full.aplt, 0.5);
    QCOMPARE(full.arp, 5.5);
    QVERIFY(std::abs(full.providerDistance - 0.113147) < 1e-6);
    QVERIFY(std::abs(full.miscalibration - 0.683197) < 1e-6);
    QVERIFY(std::abs(full.ndcgGap[0] - hitAtTwo) < 1e-12);
  }

  // The user-aware penalty follows each user's history: group x's history (item 0) is all popular, so
  // x gets no penalty; group y's (item 4) is not, so y gets the full λ = 2. Penalty terms
  // log(1 + count)/log(11) are 1, 0.916, 0.811, 0.289, 0.289, 0, so y's values are relevance minus twice
  // those: −1, −1.033, −1.023, −0.178, −0.378, 0, and y's list becomes 5, 3.
  void userAwarePenaltyFollowsTheHistory() {
    const auto sample = handSample();
    const auto options = tradeoffOptions(sample, TradeoffKnob::UserAwarePenalty, 2.0);
    QCOMPARE(options.userAwarePenalty, 2.0);
    QVERIFY(!(options == ReRankOptions{}));
    const auto points = tradeoffSweep(sample, TradeoffKnob::UserAwarePenalty, {0.0, 2.0});
    QCOMPARE(points[0].arp, 9.0);
    // x keeps 0, 1 (mean count 9); y lists 5, 3 (mean count 0.5).
    QCOMPARE(points[1].arp, 0.5 * 9.0 + 0.5 * 0.5);
    QCOMPARE(points[1].aplt, 0.5 * 0.0 + 0.5 * 1.0);
    // Both groups now hit at rank 2.
    QVERIFY(std::abs(points[1].ndcg - 1.0 / std::log2(3.0)) < 1e-12);
    QVERIFY(std::abs(points[1].ndcgGap[0]) < 1e-12);
  }

  void gapNeedsTwoGroupsOfFiveUsers() {
    auto sample = handSample();
    for (int u = 5; u < 10; ++u) sample.userGroups[0][std::size_t(u)] = u == 5 ? 1 : -1;  // y: one user
    const auto points = tradeoffSweep(sample, TradeoffKnob::PopularityPenalty, {0.0});
    QVERIFY(std::isnan(points[0].ndcgGap[0]));
  }
};

QTEST_GUILESS_MAIN(TestTradeoffSweep)
#include "tst_tradeoffsweep.moc"
