// Hand-computed vectors of the beyond-accuracy measures (docs/metrics.md): each expected value is
// worked out in the comment beside it.
#include <QtTest>

#include <cmath>
#include <limits>

#include "audit/beyondaccuracy.h"
#include "audit/fairnessstats.h"

using namespace reclens;

namespace {
bool near(double a, double b, double tolerance = 1e-12) {
  return std::abs(a - b) <= tolerance;
}
}  // namespace

class TestBeyondAccuracy : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void miscalibrationFollowsSteck() {
    // History counts A 2, B 1, C 1: p = (.5, .25, .25). List counts A 3, B 1: q = (.75, .25, 0).
    // q̃ = .99 q + .01 p = (.7475, .25, .0025).
    // KL = .5 ln(.5/.7475) + .25 ln(.25/.25) + .25 ln(.25/.0025)
    //    = .5 · (−0.4021240) + 0 + .25 · 4.6051702 = 0.9502294
    QVERIFY(near(miscalibrationKl({2, 1, 1}, {3, 1, 0}), 0.9502294430756981));
    // Same distributions (counts in proportion): q̃ = p, KL = 0.
    QVERIFY(near(miscalibrationKl({2, 2}, {1, 1}), 0.0));
    // A list with no counted item: q̃ = α p, KL = Σ p ln(1/α) = ln 100 = 4.6051702.
    QVERIFY(near(miscalibrationKl({1, 3}, {0, 0}), 4.605170185988092));
    // No counted history: nothing to calibrate to.
    QCOMPARE(miscalibrationKl({0, 0}, {1, 1}), 0.0);
    // A category the history lacks adds nothing: p = (1, 0), q = (.5, .5), q̃_A = .495 + .01 = .505,
    // KL = ln(1/.505) = 0.6831968.
    QVERIFY(near(miscalibrationKl({4, 0}, {1, 1}), 0.6831968497067772));
  }

  void spearmanAgainstPosition() {
    // x = (10, 5, 5, 1): ascending ranks 1 → 1, 5 and 5 → 2.5 each, 10 → 4, so r_x = (4, 2.5, 2.5, 1);
    // positions (1, 2, 3, 4), both means 2.5: Σdx·dy = 1.5·(−1.5) + 0 + 0 + (−1.5)·1.5 = −4.5,
    // Σdx² = 4.5, Σdy² = 5, ρ = −4.5 / √22.5 = −0.9486833.
    QVERIFY(near(spearmanWithPosition({10, 5, 5, 1}), -0.9486832980505138));
    QVERIFY(near(spearmanWithPosition({1, 2, 3}), 1.0));
    QVERIFY(std::isnan(spearmanWithPosition({3, 3, 3})));
    QVERIFY(std::isnan(spearmanWithPosition({7})));
  }

  void relativeStdIsPopulationStdOverMean() {
    // (.1, .2, .3): mean .2, variance (.01 + 0 + .01)/3, std 0.0816497, / .2 = 0.4082483.
    QVERIFY(near(relativeStd({0.1, 0.2, 0.3}), 0.408248290463863));
    // Two rates .625 and 5/12: mean 0.5208333, std half their distance 0.1041667: 0.2.
    QVERIFY(near(relativeStd({0.625, 5.0 / 12.0}), 0.2));
    QCOMPARE(relativeStd({}), 0.0);
  }

  void deltaGapIsRelativeChange() {
    QVERIFY(near(deltaGap(100.0, 150.0), 0.5));  // (150 − 100) / 100
    QVERIFY(near(deltaGap(100.0, 80.0), -0.2));  // (80 − 100) / 100
    QVERIFY(std::isnan(deltaGap(0.0, 3.0)));
  }

  void popularityProfilesSplitTwentySixtyTwenty() {
    // Nine eligible users (index 3 is not): ⌊0.2 · 9⌋ = 1 niche (the lowest share, user 7 with 0.0)
    // and 1 blockbuster (the highest, user 0 with 0.9); the rest diverse.
    const std::vector<double> share = {0.9, 0.1, 0.5, 0.5, 0.3, 0.7, 0.2, 0.0, 0.8, 0.4};
    std::vector<std::uint8_t> eligible(10, 1);
    eligible[3] = 0;
    const auto p = popularityProfiles(share, eligible);
    QCOMPARE(p, (std::vector<std::int32_t>{2, 1, 1, -1, 1, 1, 1, 0, 1, 1}));
    // Ten users: two niche, two blockbuster; ties broken by position (users 1 and 2 share 0.1).
    const auto q = popularityProfiles({0.1, 0.1, 0.1, 0.5, 0.5, 0.5, 0.5, 0.9, 0.9, 0.9},
                                      std::vector<std::uint8_t>(10, 1));
    QCOMPARE(q, (std::vector<std::int32_t>{0, 0, 1, 1, 1, 1, 1, 1, 2, 2}));
  }

  void benjaminiHochbergStepUp() {
    // p = (.01, .04, .03, .5), m = 4. Sorted: .01 (j=1), .03 (2), .04 (3), .5 (4);
    // m·p/j = .04, .06, .05333, .5; running minimum from the largest: .5, .05333, .05333, .04.
    const auto q = benjaminiHochberg({0.01, 0.04, 0.03, 0.5});
    QCOMPARE(q.size(), std::size_t(4));
    QVERIFY(near(q[0], 0.04));
    QVERIFY(near(q[1], 0.16 / 3.0));
    QVERIFY(near(q[2], 0.16 / 3.0));
    QVERIFY(near(q[3], 0.5));
    // Capped at 1: (.6, .9), m = 2: 2·.6/1 = 1.2 → 1, 2·.9/2 = .9; minimum from the top: .9, .9.
    const auto r = benjaminiHochberg({0.6, 0.9});
    QVERIFY(near(r[0], 0.9) && near(r[1], 0.9));
  }

  void cohensDUsesPooledSd() {
    // a = (1, 2, 3): mean 2, s² 1; b = (2, 4, 6): mean 4, s² 4. Pooled (2·1 + 2·4)/4 = 2.5;
    // d = (2 − 4)/√2.5 = −1.2649111.
    QVERIFY(near(cohensD(2.0, 1.0, 3, 4.0, 4.0, 3), -1.2649110640673518));
    QVERIFY(std::isnan(cohensD(1.0, 0.0, 2, 0.0, 0.0, 2)));  // no spread
    QVERIFY(std::isnan(cohensD(1.0, 1.0, 1, 0.0, 1.0, 1)));  // too few users
  }

  void bootstrapDifferenceIsAPercentileInterval() {
    // Resampled means A (.5, .6, .7, .8, .9), B all .1: differences .4 .. .8. At level .5 the ends are
    // the 25th and 75th percentiles: positions .25·4 = 1 and .75·4 = 3, i.e. .5 and .7.
    const auto ci = bootstrapDifference({0.5, 0.6, 0.7, 0.8, 0.9}, {0.1, 0.1, 0.1, 0.1, 0.1}, 1, 0, 0.4, 0.5);
    QVERIFY(near(ci.low, 0.5) && near(ci.high, 0.7));
    QCOMPARE(ci.mean, 0.4);
    // Two metrics interleaved: metric 1 of A is (1, 3), of B (0, 0); at level 0 both ends are the median 2.
    const auto two = bootstrapDifference({9, 1, 9, 3}, {9, 0, 9, 0}, 2, 1, 2.0, 0.0);
    QVERIFY(near(two.low, 2.0) && near(two.high, 2.0));
    // No resamples: the point difference.
    const auto none = bootstrapDifference({}, {}, 1, 0, 0.25);
    QVERIFY(near(none.low, 0.25) && near(none.high, 0.25));
  }

  void groupVarianceIsSampleVariance() {
    GroupedValues v;
    v.metrics = 2;
    v.groups = {{1, 10, 2, 20, 3, 60}, {5, 5}};
    // Metric 0 of group 0: (1, 2, 3), s² = 1; metric 1: (10, 20, 60), mean 30, s² = (400 + 100 + 900)/2 =
    // 700.
    QVERIFY(near(groupVariance(v, 0, 0), 1.0));
    QVERIFY(near(groupVariance(v, 0, 1), 700.0));
    QCOMPARE(groupVariance(v, 1, 0), 0.0);  // one user
  }
};

QTEST_GUILESS_MAIN(TestBeyondAccuracy)
#include "tst_beyondaccuracy.moc"
