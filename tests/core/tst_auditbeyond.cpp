// The beyond-accuracy part of a finished audit on a recommendation log small enough to work out by hand:
// per-group long-tail values and coverage, calibration, popularity lift, binned and intersectional
// groups, exposure against merit, RSP, REO and PRU. Every expected value is derived in a comment.
#include <QtTest>

#include <algorithm>
#include <cmath>

#include "audit/audit.h"
#include "audit/gapdecomposition.h"
#include "auditcompare.h"
#include "model/datasplit.h"

using namespace reclens;

namespace {

bool near(double a, double b, double tolerance = 1e-9) {
  return std::abs(a - b) <= tolerance;
}

// 1 / log2(3): the exposure and the NDCG gain of rank 2.
const double kC = 1.0 / std::log2(3.0);
const double kLnInverse505 = 0.6831968497067772;  // −ln(.505)
const double kLn100 = 4.605170185988092;          // ln(1/α), α = .01

const AttributeFairness* grouping(const AuditResult& r, const std::string& name) {
  const auto it = std::find_if(r.fairness.begin(), r.fairness.end(),
                               [&name](const AttributeFairness& a) { return a.attribute == name; });
  return it == r.fairness.end() ? nullptr : &*it;
}

const MetricFairness* metric(const AttributeFairness& a, const std::string& name) {
  const auto it = std::find_if(a.metrics.begin(), a.metrics.end(),
                               [&name](const MetricFairness& m) { return m.metric == name; });
  return it == a.metrics.end() ? nullptr : &*it;
}

double groupMean(const MetricFairness& m, const std::string& group) {
  for (const auto& g : m.groups) {
    if (g.group == group) return g.mean;
  }
  return std::nan("");
}

}  // namespace

class TestAuditBeyond : public QObject {
  Q_OBJECT

  // Items 0-2 are category A, 3-5 category B. Users buy three items each in time order; the last is held
  // out (holdout 1, no validation):
  //   u0 0 1 | 3   u1 0 2 | 4   u2 0 1 | 5   u3 3 4 | 0   u4 0 3 | 1
  // Train counts: item0 4, item1 2, item2 1, item3 2, item4 1, item5 0.
  // Lists (k = 2): u0 [3 2]  u1 [1 5]  u2 [5 3]  u3 [0 1]  u4 [4 1].
  // gender F: u0 u2 u4, M: u1 u3; age 20 30 40 50 60.
  Dataset m_data;
  TrainTestSplit m_split;
  RecommendationLog m_log;

  AuditResult run(AuditConfig config) {
    config.k = 2;
    config.bootstrapSamples = 200;
    config.permutations = 200;
    auto partial = auditLog(m_log, m_data, m_split, config);
    if (!partial) qFatal("audit failed: %s", partial.error().message.c_str());
    auto result = finishAudit(partial.value(), m_data, m_split);
    if (!result) qFatal("finish failed: %s", result.error().message.c_str());
    return std::move(result).value();
  }

 private Q_SLOTS:
  void initTestCase() {
    CategoricalField category("category");
    for (int i = 0; i < 6; ++i) {
      m_data.items.ids.push_back("i" + std::to_string(i));
      m_data.items.titles.push_back("Item " + std::to_string(i));
      m_data.items.prices.push_back(1.0);
      m_data.items.firstSeen.push_back(kNoTime);
      category.append(i < 3 ? "A" : "B");
    }
    m_data.items.fields.push_back(category);
    const std::vector<std::vector<std::int32_t>> bought = {
        {0, 1, 3}, {0, 2, 4}, {0, 1, 5}, {3, 4, 0}, {0, 3, 1}};
    const char* genders[] = {"F", "M", "F", "M", "F"};
    const char* ages[] = {"20", "30", "40", "50", "60"};
    CategoricalField gender("gender"), age("age");
    const auto kind = m_data.interactions.kindIndex("purchase");
    for (std::size_t u = 0; u < bought.size(); ++u) {
      m_data.users.ids.push_back("u" + std::to_string(u));
      gender.append(genders[u]);
      age.append(ages[u]);
      for (std::size_t j = 0; j < bought[u].size(); ++j)
        m_data.interactions.append(std::int32_t(u), bought[u][j], 1000 + std::int64_t(j), 1.0f, kind);
    }
    m_data.users.fields = {gender, age};
    m_split = splitByTime(m_data, 1, 0);
    QCOMPARE(m_split.test[3], (std::vector<std::int32_t>{0}));
    const std::vector<std::vector<std::int32_t>> lists = {{3, 2}, {1, 5}, {5, 3}, {0, 1}, {4, 1}};
    m_log = testing::logOfLists(lists);
  }

  void perGroupBeyondAccuracyAndCoverage() {
    AuditConfig config;
    config.userAttributes = {"gender"};
    const auto r = run(config);
    const auto* gender = grouping(r, "gender");
    QVERIFY(gender != nullptr);
    QCOMPARE(gender->kind, std::string("attribute"));
    // NDCG: u0 1 (rank 1), u1 0, u2 1, u3 1, u4 1/log2(3). F (1 + 1 + c)/3, M (0 + 1)/2.
    const auto* ndcg = metric(*gender, "ndcg");
    QVERIFY(ndcg != nullptr);
    QVERIFY(near(groupMean(*ndcg, "F"), (2.0 + kC) / 3.0));
    QVERIFY(near(groupMean(*ndcg, "M"), 0.5));
    QCOMPARE(ndcg->highGroup, std::string("F"));
    QCOMPARE(ndcg->lowGroup, std::string("M"));
    // Cohen's d: F (1, 1, c) mean .8769766, s² .0454043; M (0, 1) mean .5, s² .5;
    // pooled (2·.0454043 + .5)/3 = .1969362, d = .3769766/.4437750 = 0.8494770.
    QVERIFY(near(ndcg->effectSize, 0.8494769743507682));
    QVERIFY(ndcg->gapCiLow <= ndcg->maxMinGap && ndcg->maxMinGap <= ndcg->gapCiHigh);
    QVERIFY(ndcg->pAdjusted >= ndcg->pValue && ndcg->pAdjusted <= 1.0);
    // ARP (mean train count of the list): u0 (2+1)/2, u1 (2+0)/2, u2 (0+2)/2, u3 (4+2)/2, u4 (1+2)/2.
    // F (1.5 + 1 + 1.5)/3 = 4/3, M (1 + 3)/2 = 2.
    const auto* arp = metric(*gender, "average_popularity");
    QVERIFY(arp != nullptr);
    QVERIFY(near(groupMean(*arp, "F"), 4.0 / 3.0));
    QVERIFY(near(groupMean(*arp, "M"), 2.0));
    // Miscalibration (history categories against list categories, α = .01):
    // u0 p (1, 0), q (.5, .5): ln(1/.505); u1 the same; u2 p (1, 0), q (0, 1): ln 100; u3 p (0, 1),
    // q (1, 0): ln 100; u4 p (.5, .5), q (.5, .5): 0. F (ln(1/.505) + ln 100)/3, M the same / 2.
    const auto* kl = metric(*gender, "miscalibration");
    QVERIFY(kl != nullptr);
    QVERIFY(near(groupMean(*kl, "F"), (kLnInverse505 + kLn100) / 3.0));
    QVERIFY(near(groupMean(*kl, "M"), (kLnInverse505 + kLn100) / 2.0));
    QVERIFY(near(r.miscalibration, (2.0 * kLnInverse505 + 2.0 * kLn100) / 5.0));
    // Coverage: F lists {3 2} {5 3} {4 1} hold 5 of 6 items, M lists {1 5} {0 1} hold 3.
    QCOMPARE(gender->coverage.size(), std::size_t(2));
    for (const auto& c : gender->coverage) {
      QCOMPARE(c.items, c.group == "F" ? std::size_t(5) : std::size_t(3));
      QVERIFY(near(c.coverage, c.group == "F" ? 5.0 / 6.0 : 0.5));
    }
  }

  void binnedAndIntersectionalGroups() {
    AuditConfig config;
    config.numericBins = 2;
    config.intersections = {{"gender", "age"}};
    const auto r = run(config);
    // Ages 20 30 40 50 60 in two bins: the cut is the value at index ⌊5·1/2⌋ = 2, i.e. 40:
    // [20, 40) holds u0 u1, [40, 60] holds u2 u3 u4. NDCG (1 + 0)/2 and (1 + 1 + c)/3.
    const auto* age = grouping(r, "age");
    QVERIFY(age != nullptr);
    QCOMPARE(age->kind, std::string("binned"));
    const auto* ageNdcg = metric(*age, "ndcg");
    QVERIFY(ageNdcg != nullptr);
    QCOMPARE(ageNdcg->groups.size(), std::size_t(2));
    QVERIFY(near(groupMean(*ageNdcg, "[20, 40)"), 0.5));
    QVERIFY(near(groupMean(*ageNdcg, "[40, 60]"), (2.0 + kC) / 3.0));
    // gender × age: F×[20,40) u0 → 1; F×[40,60] u2 u4 → (1 + c)/2; M×[20,40) u1 → 0; M×[40,60] u3 → 1.
    const auto* both = grouping(r, "gender × age");
    QVERIFY(both != nullptr);
    QCOMPARE(both->kind, std::string("intersection"));
    const auto* ndcg = metric(*both, "ndcg");
    QVERIFY(ndcg != nullptr);
    QCOMPARE(ndcg->groups.size(), std::size_t(4));
    QVERIFY(near(groupMean(*ndcg, "F × [20, 40)"), 1.0));
    QVERIFY(near(groupMean(*ndcg, "F × [40, 60]"), (1.0 + kC) / 2.0));
    QVERIFY(near(groupMean(*ndcg, "M × [20, 40)"), 0.0));
    QVERIFY(near(groupMean(*ndcg, "M × [40, 60]"), 1.0));
    QVERIFY(near(ndcg->maxMinGap, 1.0));
    QCOMPARE(ndcg->lowGroup, std::string("M × [20, 40)"));
    // Without binning the five ages are five groups.
    config.numericBins = 0;
    config.intersections.clear();
    const auto raw = run(config);
    QCOMPARE(grouping(raw, "age")->kind, std::string("attribute"));
    QCOMPARE(metric(*grouping(raw, "age"), "ndcg")->groups.size(), std::size_t(5));
  }

  void popularityLiftByUserProfile() {
    const auto r = run({});
    // Popular items: the top ⌊0.2 · 5⌋ = 1 of the 5 items seen in train, item 0 (count 4).
    // Share of popular history items: u0 .5, u1 .5, u2 .5, u3 0, u4 .5. Of 5 users ⌊1⌋ is niche (u3,
    // lowest) and 1 blockbuster (u4, last of the ties); u0 u1 u2 diverse.
    // GAP_p (mean train count of history): u0 (4+2)/2 = 3, u1 (4+1)/2 = 2.5, u2 3, u3 (2+1)/2 = 1.5, u4 3.
    // GAP_r is the ARP of the lists: u0 1.5, u1 1, u2 1, u3 3, u4 1.5.
    // niche (3 − 1.5)/1.5 = 1; diverse (7/6 − 17/6)/(17/6) = −10/17; blockbuster (1.5 − 3)/3 = −.5.
    QCOMPARE(r.popularityLift.size(), std::size_t(3));
    const auto& niche = r.popularityLift[0];
    const auto& diverse = r.popularityLift[1];
    const auto& blockbuster = r.popularityLift[2];
    QCOMPARE(niche.group, std::string("niche"));
    QCOMPARE(niche.users, std::size_t(1));
    QCOMPARE(diverse.users, std::size_t(3));
    QCOMPARE(blockbuster.users, std::size_t(1));
    QVERIFY(near(niche.profilePopularity, 1.5) && near(niche.listPopularity, 3.0));
    QVERIFY(near(niche.deltaGap, 1.0));
    QVERIFY(near(diverse.profilePopularity, 17.0 / 6.0) && near(diverse.listPopularity, 7.0 / 6.0));
    QVERIFY(near(diverse.deltaGap, -10.0 / 17.0));
    QVERIFY(near(blockbuster.deltaGap, -0.5));
    QVERIFY(near(niche.maxShare, 0.0) && near(diverse.minShare, 0.5));
    // The profile is a fairness grouping too: NDCG niche u3 1, diverse (1 + 0 + 1)/3, blockbuster c.
    const auto* profile = grouping(r, "popularity_profile");
    QVERIFY(profile != nullptr);
    const auto* ndcg = metric(*profile, "ndcg");
    QVERIFY(near(groupMean(*ndcg, "niche"), 1.0));
    QVERIFY(near(groupMean(*ndcg, "diverse"), 2.0 / 3.0));
    QVERIFY(near(groupMean(*ndcg, "blockbuster"), kC));
  }

  void itemSideExposureMeritRspReoAndPru() {
    AuditConfig config;
    config.itemGroupings = {"category"};
    const auto r = run(config);
    QCOMPARE(r.itemGroups.size(), std::size_t(1));
    const auto& g = r.itemGroups[0];
    QCOMPARE(g.groups.size(), std::size_t(2));
    const auto& a = g.groups[0];
    const auto& b = g.groups[1];
    QCOMPARE(a.group, std::string("A"));
    // Exposure (rank 1 → 1, rank 2 → c): A gets item0 1 + item1 (1 + 2c) + item2 c = 2 + 3c, B gets
    // 3 + 2c, of 5 + 5c. Merit (held-out items): A holds items 0 and 1 (u3, u4), B items 3 4 5: .4 and .6.
    // Exposure per merit: A (2 + 3c)/(5 + 5c)/.4 = 1.1934264, B (3 + 2c)/(5 + 5c)/.6 = 0.8710491.
    QVERIFY(near(a.meritShare, 0.4) && near(b.meritShare, 0.6));
    QVERIFY(near(a.exposurePerMerit, 1.1934264036172706, 1e-8));
    QVERIFY(near(b.exposurePerMerit, 0.8710490642551527, 1e-8));
    // RSP: A's candidate pairs 5 users · 3 items − 7 history pairs (u0 2, u1 2, u2 2, u4 1) = 8, listed 5
    // (item0 1, item1 3, item2 1): 5/8. B: 15 − 3 (u3 2, u4 1) = 12, listed 5: 5/12. RSP = std/mean = .2.
    QVERIFY(near(a.recommendationRate, 0.625) && near(b.recommendationRate, 5.0 / 12.0));
    QVERIFY(near(g.rsp, 0.2));
    // REO: held-out items listed: A u3's 0 and u4's 1 (2 of 2), B u0's 3 and u2's 5 (2 of 3, u1's 4 is
    // not listed): rates 1 and 2/3, mean 5/6, std 1/6: REO = .2.
    QVERIFY(near(a.hitRate, 1.0) && near(b.hitRate, 2.0 / 3.0));
    QVERIFY(near(g.reo, 0.2));
    // PRU: Spearman(train count, rank) per list: u0 (2, 1) −1, u1 (2, 0) −1, u2 (0, 2) +1, u3 (4, 2) −1,
    // u4 (1, 2) +1; mean −.2, PRU = .2.
    QVERIFY(near(r.popularityRankCorrelation, 0.2));
  }

  void benjaminiHochbergCoversEveryTest() {
    AuditConfig config;
    config.intersections = {{"gender", "age"}};
    config.numericBins = 2;
    const auto r = run(config);
    // Every p-value's adjusted value is at least itself and at most 1, and the smallest raw p-value is
    // multiplied by at most the number of tests.
    std::size_t tests = 0;
    double smallest = 1.0, smallestAdjusted = 1.0;
    for (const auto& a : r.fairness) {
      for (const auto& m : a.metrics) {
        ++tests;
        QVERIFY(m.pAdjusted >= m.pValue && m.pAdjusted <= 1.0);
        if (m.pValue < smallest) {
          smallest = m.pValue;
          smallestAdjusted = m.pAdjusted;
        }
      }
    }
    // gender, age, gender × age, the popularity profile and the activity band, nine metrics each.
    QCOMPARE(tests, std::size_t(5 * 9));
    QVERIFY(smallestAdjusted <= std::min(1.0, smallest * double(tests)) + 1e-12);
  }

  void refusesBadIntersections() {
    AuditConfig config;
    config.k = 2;
    config.intersections = {{"gender", "shoe_size"}};
    auto partial = auditLog(m_log, m_data, m_split, config);
    QVERIFY(!partial.ok());
    QVERIFY(partial.error().message.find("shoe_size") != std::string::npos);
    config.intersections = {{"gender", "gender"}};
    QVERIFY(!auditLog(m_log, m_data, m_split, config).ok());
  }

  // The NDCG gap between F and M split by the category of the held-out items hit, and the ARP gap by the
  // category of the listed items (lists and counts as in the class comment).
  void gapDecomposedByCategory() {
    AuditConfig config;
    config.userAttributes = {"gender"};
    const auto r = run(config);
    // NDCG: F (u0 u2 u4) earns 1 from item 3 (B), 1 from item 5 (B), c from item 1 (A) → A c/3, B 2/3;
    // M (u1 u3) earns 0 and 1 from item 0 (A) → A 1/2, B 0. Gap (2 + c)/3 − 1/2, B first (2/3).
    auto ndcg = decomposeGap(r, m_data, m_split, "gender", "ndcg", "category");
    QVERIFY2(ndcg.ok(), ndcg.ok() ? "" : ndcg.error().message.c_str());
    QCOMPARE(ndcg->highGroup, std::string("F"));
    QCOMPARE(ndcg->lowGroup, std::string("M"));
    QCOMPARE(ndcg->highUsers, std::size_t(3));
    QCOMPARE(ndcg->parts.size(), std::size_t(2));
    QCOMPARE(ndcg->parts[0].itemGroup, std::string("B"));
    QVERIFY(near(ndcg->parts[0].high, 2.0 / 3.0) && near(ndcg->parts[0].low, 0.0));
    QVERIFY(near(ndcg->parts[1].high, kC / 3.0) && near(ndcg->parts[1].low, 0.5));
    QVERIFY(near(ndcg->gap, (2.0 + kC) / 3.0 - 0.5));
    QVERIFY(near(ndcg->parts[0].shareOfGap + ndcg->parts[1].shareOfGap, 1.0));
    // ARP (train count of each listed item / 2): M A (1 + 2 + 1)/2 = 2, B 0; F A (.5 + 1)/3 = .5,
    // B (1 + 0 + 1 + .5)/3 = 5/6. M is the high group, gap 2/3; A carries +1.5, B −5/6.
    auto arp = decomposeGap(r, m_data, m_split, "gender", "average_popularity", "category");
    QVERIFY(arp.ok());
    QCOMPARE(arp->highGroup, std::string("M"));
    QCOMPARE(arp->parts[0].itemGroup, std::string("A"));
    QVERIFY(near(arp->parts[0].difference, 1.5));
    QVERIFY(near(arp->parts[1].difference, -5.0 / 6.0));
    QVERIFY(near(arp->highMean, 2.0) && near(arp->lowMean, 4.0 / 3.0));
    // Explicit groups swap the sides; bad names are refused by name.
    auto swapped = decomposeGap(r, m_data, m_split, "gender", "ndcg", "category", "M", "F");
    QVERIFY(swapped.ok() && near(swapped->gap, -ndcg->gap));
    QVERIFY(!decomposeGap(r, m_data, m_split, "gender", "mrr", "category").ok());
    QVERIFY(!decomposeGap(r, m_data, m_split, "shoe_size", "ndcg", "category").ok());
    QVERIFY(!decomposeGap(r, m_data, m_split, "gender", "ndcg", "colour").ok());
    QVERIFY(!decomposeGap(r, m_data, m_split, "gender", "ndcg", "category", "X").ok());
  }
};

QTEST_GUILESS_MAIN(TestAuditBeyond)
#include "tst_auditbeyond.moc"
