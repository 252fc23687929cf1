#include <QtTest>

#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <vector>

#include "engine/embeddingprojection.h"

using namespace reclens;

namespace {

// Rows = scores · orthonormal directions + mean: the scores along direction j have standard deviation
// sigma[j], so the principal components are those directions in descending sigma order.
struct LowRank {
  std::vector<float> matrix;
  std::vector<std::vector<double>> scores;  // per direction, per row
  std::vector<std::vector<double>> directions;
};

LowRank lowRankMatrix(std::size_t rows, int dim, const std::vector<double>& sigma, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  LowRank m;
  // Gram–Schmidt on random vectors gives orthonormal directions.
  for (std::size_t j = 0; j < sigma.size(); ++j) {
    std::vector<double> v(static_cast<std::size_t>(dim));
    for (auto& x : v) x = normal(rng);
    for (const auto& u : m.directions) {
      double dot = 0.0;
      for (int d = 0; d < dim; ++d) dot += v[std::size_t(d)] * u[std::size_t(d)];
      for (int d = 0; d < dim; ++d) v[std::size_t(d)] -= dot * u[std::size_t(d)];
    }
    double norm = 0.0;
    for (const double x : v) norm += x * x;
    for (auto& x : v) x /= std::sqrt(norm);
    m.directions.push_back(v);
  }
  m.scores.assign(sigma.size(), std::vector<double>(rows));
  m.matrix.assign(rows * std::size_t(dim), 0.0f);
  for (std::size_t r = 0; r < rows; ++r) {
    for (int d = 0; d < dim; ++d) m.matrix[r * std::size_t(dim) + std::size_t(d)] = 5.0f + float(d);
    for (std::size_t j = 0; j < sigma.size(); ++j) {
      const double s = sigma[j] * normal(rng);
      m.scores[j][r] = s;
      for (int d = 0; d < dim; ++d)
        m.matrix[r * std::size_t(dim) + std::size_t(d)] += float(s * m.directions[j][std::size_t(d)]);
    }
  }
  return m;
}

double correlation(const std::vector<double>& a, const std::vector<float>& coords, int components, int c) {
  const std::size_t n = a.size();
  double ma = 0.0, mb = 0.0;
  for (std::size_t r = 0; r < n; ++r) {
    ma += a[r];
    mb += coords[r * std::size_t(components) + std::size_t(c)];
  }
  ma /= double(n);
  mb /= double(n);
  double sab = 0.0, saa = 0.0, sbb = 0.0;
  for (std::size_t r = 0; r < n; ++r) {
    const double x = a[r] - ma;
    const double y = coords[r * std::size_t(components) + std::size_t(c)] - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return sab / std::sqrt(saa * sbb);
}

// Three well separated blobs of `perBlob` rows each in 4 dimensions.
std::vector<float> blobs(std::size_t perBlob, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> noise(0.0f, 0.3f);
  const float centres[3][4] = {{0, 0, 0, 0}, {10, 0, 0, 5}, {0, 10, -5, 0}};
  std::vector<float> m;
  for (const auto& centre : centres) {
    for (std::size_t r = 0; r < perBlob; ++r)
      for (const float c : centre) m.push_back(c + noise(rng));
  }
  return m;
}

}  // namespace

class TestEmbeddingProjection : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void recoversVarianceOrdering_data() {
    QTest::addColumn<int>("dim");
    QTest::addColumn<std::vector<double>>("sigma");
    QTest::newRow("rank 2 in 8-D") << 8 << std::vector<double>{3.0, 1.0};
    QTest::newRow("rank 3 in 16-D") << 16 << std::vector<double>{4.0, 2.0, 0.5};
    QTest::newRow("close components") << 6 << std::vector<double>{2.0, 1.6, 0.2};
  }

  void recoversVarianceOrdering() {
    QFETCH(int, dim);
    QFETCH(std::vector<double>, sigma);
    const std::size_t rows = 4000;
    const auto m = lowRankMatrix(rows, dim, sigma, 7);
    auto projection = principalComponents(m.matrix, rows, dim, 2);
    QVERIFY2(projection.ok(), projection.ok() ? "" : projection.error().message.c_str());
    const auto& p = projection.value();
    QCOMPARE(p.components, 2);
    QCOMPARE(p.coordinates.size(), rows * 2);
    QVERIFY(p.variance[0] >= p.variance[1]);
    // Variances of the projected scores match the planted ones (sampling error of a few percent).
    QVERIFY(std::abs(p.variance[0] / (sigma[0] * sigma[0]) - 1.0) < 0.08);
    QVERIFY(std::abs(p.variance[1] / (sigma[1] * sigma[1]) - 1.0) < 0.08);
    double planted = 0.0;
    for (const double s : sigma) planted += s * s;
    QVERIFY(std::abs(p.totalVariance / planted - 1.0) < 0.08);
    // Each component is the planted direction: its scores correlate (up to sign) with the planted ones.
    QVERIFY(std::abs(correlation(m.scores[0], p.coordinates, 2, 0)) > 0.99);
    QVERIFY(std::abs(correlation(m.scores[1], p.coordinates, 2, 1)) > 0.95);
  }

  void componentsBeyondRankAreZero() {
    const auto m = lowRankMatrix(500, 5, {2.0}, 3);
    auto projection = principalComponents(m.matrix, 500, 5, 3);
    QVERIFY(projection.ok());
    QVERIFY(projection->variance[0] > 1.0);
    QVERIFY(projection->variance[1] < 1e-6);
    QVERIFY(projection->variance[2] < 1e-6);
    // More components than dimensions: the extra ones are all zero.
    auto wide = principalComponents(m.matrix, 500, 5, 7);
    QVERIFY(wide.ok());
    QCOMPARE(wide->variance.size(), std::size_t(7));
    QCOMPARE(wide->variance[6], 0.0);
    QCOMPARE(wide->coordinates[6], 0.0f);
  }

  void signIsDeterministic() {
    const auto m = lowRankMatrix(300, 4, {2.0, 1.0}, 11);
    auto a = principalComponents(m.matrix, 300, 4, 2);
    auto b = principalComponents(m.matrix, 300, 4, 2);
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a->coordinates, b->coordinates);
  }

  void rejectsBadShapes() {
    const std::vector<float> m(10, 1.0f);
    QCOMPARE(principalComponents(m, 3, 4).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(principalComponents(m, 5, 2, 0).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(kMeans(m, 3, 4, 2, 1).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(kMeans(m, 5, 2, 6, 1).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(kMeans(m, 5, 2, 0, 1).error().code, ErrorCode::InvalidArgument);
  }

  void kMeansFindsSeparatedClusters() {
    const std::size_t perBlob = 200;
    const auto m = blobs(perBlob, 5);
    auto clustering = kMeans(m, 3 * perBlob, 4, 3, 42);
    QVERIFY2(clustering.ok(), clustering.ok() ? "" : clustering.error().message.c_str());
    const auto& c = clustering.value();
    QCOMPARE(c.labels.size(), 3 * perBlob);
    std::set<std::int32_t> seen;
    for (std::size_t b = 0; b < 3; ++b) {
      const auto label = c.labels[b * perBlob];
      seen.insert(label);
      for (std::size_t r = 0; r < perBlob; ++r) QCOMPARE(c.labels[b * perBlob + r], label);
    }
    QCOMPARE(seen.size(), std::size_t(3));
    for (const auto size : c.sizes) QCOMPARE(size, std::int64_t(perBlob));
    // Within-cluster scatter is the noise only: 600 rows · 4 dims · 0.09.
    QVERIFY(c.inertia < 600 * 4 * 0.09 * 1.3);
    QVERIFY(c.iterations >= 1);
  }

  void kMeansIsDeterministicForASeed() {
    const auto m = lowRankMatrix(2000, 8, {3.0, 2.0, 1.0}, 9).matrix;
    auto a = kMeans(m, 2000, 8, 6, 123);
    auto b = kMeans(m, 2000, 8, 6, 123);
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a->labels, b->labels);
    QCOMPARE(a->centroids, b->centroids);
    QCOMPARE(a->inertia, b->inertia);
  }

  void kMeansCancels() {
    const auto m = blobs(50, 1);
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    QCOMPARE(kMeans(m, 150, 4, 3, 1, 50, control).error().code, ErrorCode::Cancelled);
  }
};

QTEST_GUILESS_MAIN(TestEmbeddingProjection)
#include "tst_embeddingprojection.moc"
