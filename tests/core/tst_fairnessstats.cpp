#include <QtTest>

#include <cmath>
#include <numeric>
#include <random>

#include "audit/fairnessstats.h"

using namespace reclens;

namespace {
// n values cycling through 0, 0.1, ..., 0.9 plus `shift`: the same spread in every group.
std::vector<double> pattern(std::size_t n, double shift, std::size_t phase = 0) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = double((i + phase) % 10) / 10.0 + shift;
  return v;
}

// n draws from one skewed distribution (exponential, mean 1; a per-user metric is seldom normal), so
// that groups filled from it differ only by chance: the null hypothesis of the permutation test.
std::vector<double> draws(std::size_t n, std::mt19937_64& rng) {
  std::exponential_distribution<double> exponential(1.0);
  std::vector<double> v(n);
  for (auto& x : v) x = exponential(rng);
  return v;
}

// The share of `pValues` at or below `level`.
double shareAtOrBelow(const std::vector<double>& pValues, double level) {
  std::size_t n = 0;
  for (const double p : pValues) n += p <= level + 1e-12 ? 1 : 0;
  return double(n) / double(pValues.size());
}

constexpr int kNullRuns = 200;
// 199 relabellings: p takes the values k / 200, so P(p <= 0.05) under the null is exactly 0.05.
constexpr int kNullPermutations = 199;
}  // namespace

class TestFairnessStats : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void gaps() {
    QCOMPARE(maxMinGap({0.2, 0.5, 0.4}), 0.5 - 0.2);
    QCOMPARE(maxMinGap({0.7}), 0.0);
    // |0.2 − 0.5| + |0.2 − 0.4| + |0.5 − 0.4| over 3 pairs.
    QVERIFY(std::abs(meanAbsolutePairwiseGap({0.2, 0.5, 0.4}) - 0.6 / 3.0) < 1e-15);
    QCOMPARE(meanAbsolutePairwiseGap({}), 0.0);
  }

  void bootstrapBracketsTheMean() {
    std::vector<double> values(100);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = double(i);
    const auto ci = bootstrapMean(values, 2000, 7);
    QCOMPARE(ci.mean, 49.5);
    QVERIFY2(ci.low < ci.mean && ci.mean < ci.high, qPrintable(QString("%1 %2").arg(ci.low).arg(ci.high)));
    // The standard error is 28.87 / 10, so the 95% interval is about ±5.7 wide on each side.
    QVERIFY2(ci.low > 43.0 && ci.low < 46.5, qPrintable(QString::number(ci.low)));
    QVERIFY2(ci.high > 52.5 && ci.high < 56.0, qPrintable(QString::number(ci.high)));
    // Seeded: the same seed gives the same interval, another seed another one.
    const auto again = bootstrapMean(values, 2000, 7);
    QCOMPARE(again.low, ci.low);
    QCOMPARE(again.high, ci.high);
    const auto other = bootstrapMean(values, 2000, 8);
    QVERIFY(other.low != ci.low || other.high != ci.high);
    // A constant has no spread; no samples gives the mean itself.
    const auto flat = bootstrapMean(std::vector<double>(50, 0.25), 500, 1);
    QCOMPARE(flat.low, 0.25);
    QCOMPARE(flat.high, 0.25);
    const auto none = bootstrapMean(values, 0, 1);
    QCOMPARE(none.low, 49.5);
    QCOMPARE(none.high, 49.5);
  }

  void bootstrapPerGroupAndMetric() {
    GroupedValues g;
    g.metrics = 2;
    g.groups = {{1.0, 0.0, 0.0, 1.0}, {}, {0.5, 0.5}};
    QCOMPARE(g.users(0), std::size_t(2));
    QCOMPARE(g.mean(0, 0), 0.5);
    QCOMPARE(g.mean(0, 1), 0.5);
    const auto out = bootstrapGroupMeans(g, 200, 3);
    QCOMPARE(out.size(), std::size_t(3));
    QCOMPARE(out[0][0].mean, 0.5);
    QVERIFY(out[0][0].low <= 0.5 && out[0][0].high >= 0.5);
    QCOMPARE(out[1][1].mean, 0.0);  // empty group: zeros
    QCOMPARE(out[2][0].low, 0.5);
    QCOMPARE(out[2][1].high, 0.5);
  }

  void permutationFindsARealGap() {
    const auto p =
        permutationGapPValue({pattern(150, 0.3), pattern(150, 0.0, 3), pattern(60, 0.0, 5)}, 999, 11);
    // No relabelling reaches the observed gap of 0.3: the smallest p-value the +1 correction allows.
    QCOMPARE(p, 1.0 / 1000.0);
  }

  // Under the null (three groups of unequal size drawn from one distribution, so every observed gap is
  // non-zero but due to chance) a valid permutation test rejects at level 0.05 in about 5% of the runs,
  // and its p-values are spread evenly over (0, 1]. 200 runs: the share of p <= 0.05 has a standard
  // deviation of 0.015, so 0.02-0.09 holds for a valid test; a shuffle that does nothing gives p = 1
  // every time, one that ignores the observed gap gives the wrong share.
  void permutationIsCalibratedUnderTheNull() {
    std::vector<double> pValues;
    for (int run = 0; run < kNullRuns; ++run) {
      std::mt19937_64 rng(1000 + run);
      const std::vector<std::vector<double>> groups = {draws(40, rng), draws(25, rng), draws(60, rng)};
      std::vector<double> means;
      for (const auto& g : groups)
        means.push_back(std::accumulate(g.begin(), g.end(), 0.0) / double(g.size()));
      QVERIFY(maxMinGap(means) > 0.0);
      const double p = permutationGapPValue(groups, kNullPermutations, 77 + std::uint64_t(run));
      QVERIFY2(p >= 1.0 / 200 && p <= 1.0, qPrintable(QString::number(p)));
      pValues.push_back(p);
    }
    const double rejected = shareAtOrBelow(pValues, 0.05);
    QVERIFY2(rejected >= 0.02 && rejected <= 0.09,
             qPrintable(QString("share of p <= 0.05: %1").arg(rejected)));
    const double lowerHalf = shareAtOrBelow(pValues, 0.5);
    QVERIFY2(lowerHalf >= 0.4 && lowerHalf <= 0.6,
             qPrintable(QString("share of p <= 0.5: %1").arg(lowerHalf)));
    const double mean = std::accumulate(pValues.begin(), pValues.end(), 0.0) / double(pValues.size());
    QVERIFY2(mean > 0.43 && mean < 0.58, qPrintable(QString("mean p %1").arg(mean)));
  }

  void permutationEdgeCases() {
    // One non-empty group has no gap to test.
    QCOMPARE(permutationGapPValue({pattern(20, 0.0), {}}, 100, 1), 1.0);
    QCOMPARE(permutationGapPValue({pattern(20, 0.0), pattern(20, 0.5)}, 0, 1), 1.0);
  }

  // Metric 0 differs between the groups (shifted by 0.4), metric 1 does not (both groups drawn from one
  // distribution); both from the same relabellings. Over many runs metric 0 is always found and metric
  // 1 is rejected about as often as the level says.
  void permutationPerMetric() {
    std::vector<double> nullP;
    for (int run = 0; run < kNullRuns; ++run) {
      std::mt19937_64 rng(5000 + run);
      GroupedValues g;
      g.metrics = 2;
      g.groups.resize(2);
      const auto a = draws(50, rng), b = draws(50, rng), c = draws(30, rng), d = draws(30, rng);
      for (std::size_t i = 0; i < 50; ++i) g.groups[0].insert(g.groups[0].end(), {a[i] / 4 + 0.4, b[i]});
      for (std::size_t i = 0; i < 30; ++i) g.groups[1].insert(g.groups[1].end(), {c[i] / 4, d[i]});
      const auto p = permutationGapPValues(g, kNullPermutations, 5 + std::uint64_t(run));
      QCOMPARE(p.size(), std::size_t(2));
      QVERIFY2(p[0] <= 0.01, qPrintable(QString("run %1: %2").arg(run).arg(p[0])));
      nullP.push_back(p[1]);
      if (run == 0) QCOMPARE(permutationGapPValues(g, kNullPermutations, 5), p);  // seeded
    }
    const double rejected = shareAtOrBelow(nullP, 0.05);
    QVERIFY2(rejected >= 0.02 && rejected <= 0.09,
             qPrintable(QString("share of p <= 0.05: %1").arg(rejected)));
    const double lowerHalf = shareAtOrBelow(nullP, 0.5);
    QVERIFY2(lowerHalf >= 0.4 && lowerHalf <= 0.6,
             qPrintable(QString("share of p <= 0.5: %1").arg(lowerHalf)));
  }
};

QTEST_GUILESS_MAIN(TestFairnessStats)
#include "tst_fairnessstats.moc"
