#include <QtTest>

#include <cmath>

#include "audit/fairnessstats.h"

using namespace reclens;

namespace {
// n values cycling through 0, 0.1, ..., 0.9 plus `shift`: the same spread in every group.
std::vector<double> pattern(std::size_t n, double shift, std::size_t phase = 0) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = double((i + phase) % 10) / 10.0 + shift;
  return v;
}
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

  void permutationSeesNoGapWhereThereIsNone() {
    const auto p =
        permutationGapPValue({pattern(150, 0.0), pattern(150, 0.0, 5), pattern(60, 0.0, 2)}, 999, 11);
    QVERIFY2(p > 0.2, qPrintable(QString::number(p)));
    QVERIFY(p <= 1.0);
    // One non-empty group has no gap to test.
    QCOMPARE(permutationGapPValue({pattern(20, 0.0), {}}, 100, 1), 1.0);
    QCOMPARE(permutationGapPValue({pattern(20, 0.0), pattern(20, 0.5)}, 0, 1), 1.0);
  }

  void permutationPerMetric() {
    // Metric 0 differs between the groups, metric 1 does not; both from the same relabellings.
    GroupedValues g;
    g.metrics = 2;
    g.groups.resize(2);
    const auto a = pattern(100, 0.4);
    const auto b = pattern(100, 0.0, 4);
    for (std::size_t i = 0; i < 100; ++i) {
      g.groups[0].insert(g.groups[0].end(), {a[i], b[(i * 7) % 100]});
      g.groups[1].insert(g.groups[1].end(), {b[i], a[(i * 3) % 100] - 0.4});
    }
    const auto p = permutationGapPValues(g, 500, 5);
    QCOMPARE(p.size(), std::size_t(2));
    QVERIFY2(p[0] < 0.01, qPrintable(QString::number(p[0])));
    QVERIFY2(p[1] > 0.2, qPrintable(QString::number(p[1])));
    QCOMPARE(permutationGapPValues(g, 500, 5), p);  // seeded
  }
};

QTEST_GUILESS_MAIN(TestFairnessStats)
#include "tst_fairnessstats.moc"
