#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "clusteredblobs.h"
#include "engine/nearestneighbours.h"
#include "engine/umap.h"

using namespace reclens;
using reclens::test::blobs;
using reclens::test::exactNeighbours;
using reclens::test::labelAgreement;

namespace {

double recall(const NeighbourGraph& g, const std::vector<std::int32_t>& exact, std::size_t rows) {
  const auto k = std::size_t(g.k);
  std::size_t hits = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      const auto* first = exact.data() + i * k;
      if (std::find(first, first + k, g.indices[i * k + j]) != first + k) ++hits;
    }
  }
  return double(hits) / double(rows * k);
}

}  // namespace

class TestUmap : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // The published values of the reference implementation for its defaults.
  void curveForTheDefaults() {
    double a = 0, b = 0;
    umapCurve(0.1, 1.0, a, b);
    QVERIFY2(std::abs(a - 1.577) < 0.01, qPrintable(QString::number(a)));
    QVERIFY2(std::abs(b - 0.8951) < 0.005, qPrintable(QString::number(b)));
    // A larger min-dist flattens the curve near zero: a smaller a, a larger b.
    double a2 = 0, b2 = 0;
    umapCurve(0.5, 1.0, a2, b2);
    QVERIFY(a2 < a);
    QVERIFY(b2 > b);
  }

  // Points 0, 1, 3, 7 on a line, k = 2 (worked by hand): each row's weights are 1 and
  // x = log2(3) − 1 = 0.58496; the union of x and x is 2x − x² = 0.82774.
  void fuzzyGraphByHand() {
    const std::vector<float> line = {0.0f, 1.0f, 3.0f, 7.0f};
    NeighbourOptions options;
    options.k = 2;
    auto knn = approximateNeighbours(line, 4, 1, options);
    QVERIFY(knn.ok());
    const std::vector<std::int32_t> expectedKnn = {1, 2, 0, 2, 1, 0, 2, 1};
    QCOMPARE(knn->indices, expectedKnn);
    QCOMPARE(knn->distances[1], 3.0f);
    const auto graph = fuzzySimplicialSet(knn.value(), 4);
    const double x = std::log2(3.0) - 1.0;
    const std::vector<std::int64_t> offsets = {0, 2, 5, 8, 10};
    QCOMPARE(graph.offsets, offsets);
    const std::vector<std::int32_t> targets = {1, 2, 0, 2, 3, 0, 1, 3, 1, 2};
    QCOMPARE(graph.targets, targets);
    const std::vector<double> weights = {1, 2 * x - x * x, 1, 1, x, 2 * x - x * x, 1, 1, x, 1};
    for (std::size_t e = 0; e < weights.size(); ++e)
      QVERIFY2(std::abs(graph.weights[e] - weights[e]) < 1e-4, qPrintable(QString::number(e)));
  }

  void neighbourRecall_data() {
    QTest::addColumn<std::size_t>("shardRows");
    QTest::newRow("one index") << (std::size_t(1) << 18);
    QTest::newRow("three shards") << std::size_t(700);
  }
  // hnswlib against brute force on clustered data, one index and merged shards.
  void neighbourRecall() {
    QFETCH(std::size_t, shardRows);
    const std::size_t rows = 2000;
    const int dim = 16, k = 10;
    const auto data = blobs(rows, dim, 8, 3);
    NeighbourOptions options;
    options.k = k;
    options.shardRows = shardRows;
    options.threads = 2;
    auto knn = approximateNeighbours(data.matrix, rows, dim, options);
    QVERIFY(knn.ok());
    const double r = recall(knn.value(), exactNeighbours(data.matrix, rows, dim, k), rows);
    QVERIFY2(r >= 0.95, qPrintable(QString::number(r)));
    for (std::size_t i = 0; i < rows; ++i) {
      QVERIFY(knn->indices[i * k] != std::int32_t(i));
      for (int j = 1; j < k; ++j)
        QVERIFY(knn->distances[i * k + std::size_t(j) - 1] <= knn->distances[i * k + std::size_t(j)]);
    }
    // The same graph whatever the thread count.
    options.threads = 1;
    auto single = approximateNeighbours(data.matrix, rows, dim, options);
    QVERIFY(single.ok());
    QCOMPARE(single->indices, knn->indices);
  }

  // Seeded: the same layout twice and with another thread count; another seed moves it.
  void reproducibleAndKeepsClusters() {
    const std::size_t rows = 1500;
    const int dim = 20;
    const auto data = blobs(rows, dim, 5, 11);
    UmapOptions options;
    options.seed = 7;
    options.threads = 2;
    options.epochs = 200;
    auto first = umapLayout(data.matrix, rows, dim, options);
    QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
    QCOMPARE(first->coordinates.size(), 2 * rows);
    auto again = umapLayout(data.matrix, rows, dim, options);
    QVERIFY(again.ok());
    QVERIFY(first->coordinates == again->coordinates);
    options.threads = 1;
    auto single = umapLayout(data.matrix, rows, dim, options);
    QVERIFY(single.ok());
    QVERIFY(first->coordinates == single->coordinates);
    options.seed = 8;
    auto other = umapLayout(data.matrix, rows, dim, options);
    QVERIFY(other.ok());
    QVERIFY(first->coordinates != other->coordinates);

    // Neighbourhoods in 2-D keep the clusters: of each point's 10 nearest points in the layout, the
    // share with its own label.
    const double agreement = labelAgreement(data, first->coordinates, rows, 10);
    QVERIFY2(agreement >= 0.9, qPrintable(QString::number(agreement)));
    for (const float c : first->coordinates) QVERIFY(std::isfinite(c));
  }

  void refusesAndCancels() {
    const std::vector<float> two = {0, 1, 2, 3};
    QCOMPARE(umapLayout(two, 2, 2, {}).error().code, ErrorCode::InvalidArgument);
    const auto data = blobs(300, 4, 3, 1);
    UmapOptions bad;
    bad.minDist = 2.0;
    QCOMPARE(umapLayout(data.matrix, 300, 4, bad).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(umapLayout(data.matrix, 301, 4, {}).error().code, ErrorCode::InvalidArgument);
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    QCOMPARE(umapLayout(data.matrix, 300, 4, {}, control).error().code, ErrorCode::Cancelled);
    NeighbourOptions tooMany;
    tooMany.k = 300;
    QCOMPARE(approximateNeighbours(data.matrix, 300, 4, tooMany).error().code, ErrorCode::InvalidArgument);
  }
};

QTEST_GUILESS_MAIN(TestUmap)
#include "tst_umap.moc"
