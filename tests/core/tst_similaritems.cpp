#include <QtTest>

#include <cmath>
#include <random>

#include "engine/similaritems.h"

using namespace reclens;

namespace {

std::vector<std::int32_t> itemsOf(const std::vector<Recommendation>& list) {
  std::vector<std::int32_t> out;
  for (const auto& r : list) out.push_back(r.item);
  return out;
}

// Six 2-d items: (1,0) (0,1) (1,1) (0.5,0) (-1,0) (0,0).
SimilarItems sixItems() {
  auto s = SimilarItems::create({1, 0, 0, 1, 1, 1, 0.5f, 0, -1, 0, 0, 0}, 6, 2);
  return std::move(s).value();
}

}  // namespace

class TestSimilarItems : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void ranksByCosine() {
    const auto s = sixItems();
    auto top = s.similarTo(0, 10);
    QVERIFY(top.ok());
    // Item 3 points the same way (cosine 1) though shorter; the zero vector has cosine 0 and ties
    // with the orthogonal item 1, which comes first as the lower row.
    QCOMPARE(itemsOf(top.value()), (std::vector<std::int32_t>{3, 2, 1, 5, 4}));
    QCOMPARE(top.value()[0].score, 1.0f);
    QVERIFY(std::abs(top.value()[1].score - std::sqrt(0.5f)) < 1e-6f);
    QCOMPARE(top.value()[4].score, -1.0f);
    QCOMPARE(top.value()[4].rank, 5);
    QVERIFY(std::abs(s.cosine(0, 2) - std::sqrt(0.5f)) < 1e-6f);
    QCOMPARE(s.cosine(0, 5), 0.0f);
  }

  void excludesAndLimits() {
    const auto s = sixItems();
    auto top = s.similarTo(0, 2, {3});
    QVERIFY(top.ok());
    QCOMPARE(itemsOf(top.value()), (std::vector<std::int32_t>{2, 1}));
    auto near = s.nearest({0.0f, 2.0f}, 2);
    QVERIFY(near.ok());
    QCOMPARE(itemsOf(near.value()), (std::vector<std::int32_t>{1, 2}));
  }

  void refusesBadInput() {
    QCOMPARE(SimilarItems::create({1, 2, 3}, 2, 2).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(SimilarItems::create({1, NAN}, 1, 2).error().code, ErrorCode::InvalidArgument);
    const auto s = sixItems();
    QCOMPARE(s.similarTo(6, 3).error().code, ErrorCode::NotFound);
    QCOMPARE(s.similarTo(-1, 3).error().code, ErrorCode::NotFound);
    QCOMPARE(s.nearest({1.0f}, 3).error().code, ErrorCode::InvalidArgument);
  }

  // Agrees with a double-precision brute force on random 64-d vectors (odd tail length included).
  void agreesWithBruteForce() {
    const int n = 500;
    for (const int dim : {64, 13}) {
      std::mt19937 rng(5);
      std::normal_distribution<float> normal;
      std::vector<float> m(static_cast<std::size_t>(n * dim));
      for (auto& x : m) x = normal(rng);
      auto s = SimilarItems::create(m, n, dim);
      QVERIFY(s.ok());
      auto top = s.value().similarTo(7, 5);
      QVERIFY(top.ok());
      const auto cos = [&](int a, int b) {
        double ab = 0, aa = 0, bb = 0;
        for (int d = 0; d < dim; ++d) {
          const double x = m[static_cast<std::size_t>(a * dim + d)],
                       y = m[static_cast<std::size_t>(b * dim + d)];
          ab += x * y;
          aa += x * x;
          bb += y * y;
        }
        return ab / std::sqrt(aa * bb);
      };
      double best = -2;
      int bestItem = -1;
      for (int j = 0; j < n; ++j) {
        if (j != 7 && cos(7, j) > best) {
          best = cos(7, j);
          bestItem = j;
        }
      }
      QCOMPARE(top.value()[0].item, bestItem);
      for (const auto& r : top.value()) QVERIFY(std::abs(r.score - cos(7, r.item)) < 1e-5);
    }
  }
};

QTEST_GUILESS_MAIN(TestSimilarItems)
#include "tst_similaritems.moc"
