#include <QtTest>

#include <cmath>
#include <random>

#include "engine/computedevice.h"
#include "engine/nearbytopk.h"
#include "engine/scoringengine.h"
#include "engine/topk.h"

using namespace reclens;

namespace {

struct Catalog {
  std::size_t n = 0;
  int dim = 0;
  std::vector<float> items, norms;
};

Catalog randomCatalog(std::size_t n, int dim, std::uint64_t seed) {
  Catalog c{n, dim, {}, {}};
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  c.items.resize(n * static_cast<std::size_t>(dim));
  for (auto& x : c.items) x = normal(rng);
  for (std::size_t i = 0; i < n; ++i) {
    double s = 0.0;
    for (int d = 0; d < dim; ++d) s += double(c.items[i * dim + d]) * c.items[i * dim + d];
    c.norms.push_back(static_cast<float>(std::sqrt(s)));
  }
  return c;
}

// Every item's score, each a dot product accumulated in double.
std::vector<float> allScores(const Catalog& c, const std::vector<float>& u) {
  std::vector<float> s(c.n);
  for (std::size_t i = 0; i < c.n; ++i) {
    double t = 0.0;
    for (int d = 0; d < c.dim; ++d) t += double(c.items[i * c.dim + d]) * u[static_cast<std::size_t>(d)];
    s[i] = static_cast<float>(t);
  }
  return s;
}

std::vector<Recommendation> bruteForce(const Catalog& c, const std::vector<float>& u, int k,
                                       const std::vector<std::int32_t>& exclude) {
  auto s = allScores(c, u);
  for (const auto row : exclude) s[static_cast<std::size_t>(row)] = -INFINITY;
  std::vector<Recommendation> out;
  selectTopK(s.data(), s.size(), k, out);
  return out;
}

std::vector<float> randomVector(int dim, std::uint64_t seed, float scale) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, scale);
  std::vector<float> v(static_cast<std::size_t>(dim));
  for (auto& x : v) x = normal(rng);
  return v;
}

std::vector<float> plus(std::vector<float> a, const std::vector<float>& b) {
  for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
  return a;
}

// Remembers the scores of u0 with `excluded` set to -inf and its top 50, as ScoringEngine's full pass
// leaves them.
void remember(NearbyTopK& nearby, const Catalog& c, const std::vector<float>& u0,
              const std::vector<std::int32_t>& excluded) {
  auto s = allScores(c, u0);
  for (const auto row : excluded) s[static_cast<std::size_t>(row)] = -INFINITY;
  std::vector<Recommendation> top;
  selectTopK(s.data(), s.size(), 50, top);
  nearby.remember(u0, s, excluded, top);
}

void compareLists(const std::vector<Recommendation>& got, const std::vector<Recommendation>& want) {
  QCOMPARE(got.size(), want.size());
  for (std::size_t r = 0; r < want.size(); ++r) {
    QCOMPARE(got[r].item, want[r].item);
    QCOMPARE(got[r].rank, want[r].rank);
    QCOMPARE(got[r].score, want[r].score);
  }
}

}  // namespace

class TestNearbyTopK : public QObject {
  Q_OBJECT

 private slots:
  // Small moves of the user vector, with and without exclusions: the list of a full pass, found by
  // scoring a small part of the catalog.
  void equalsFullPassForNearbyVectors() {
    const auto c = randomCatalog(20000, 16, 1);
    NearbyTopK nearby;
    nearby.setItems(c.items.data(), c.n, c.dim, c.norms.data());
    const auto u0 = randomVector(16, 2, 1.0f);
    const std::vector<std::int32_t> history = {5, 17, 99, 1234, 19999};
    remember(nearby, c, u0, history);
    QVERIFY(nearby.hasScores());
    for (int trial = 0; trial < 20; ++trial) {
      const auto u = plus(u0, randomVector(16, 100 + trial, 0.02f * float(trial % 5 + 1)));
      // Odd trials drop one history item from the exclusions (a removed item may come back).
      auto exclude = history;
      if (trial % 2 == 1) exclude.erase(exclude.begin() + trial % 5);
      for (const int k : {1, 10, 50}) {
        std::vector<Recommendation> got;
        NearbyTopK::Stats stats;
        QVERIFY2(nearby.topK(u, k, exclude, got, &stats), "a nearby vector should be settled");
        QVERIFY(!stats.fellBack);
        QVERIFY2(stats.scored < c.n / 4, qPrintable(QString::number(stats.scored)));
        compareLists(got, bruteForce(c, u, k, exclude));
      }
    }
  }

  // The remembered vector itself, with its own exclusions: its own list.
  void rememberedVectorGivesItsOwnList() {
    const auto c = randomCatalog(5000, 8, 3);
    NearbyTopK nearby;
    nearby.setItems(c.items.data(), c.n, c.dim, c.norms.data());
    const auto u0 = randomVector(8, 4, 1.0f);
    remember(nearby, c, u0, {1, 2, 3});
    std::vector<Recommendation> got;
    NearbyTopK::Stats stats;
    QVERIFY(nearby.topK(u0, 20, {1, 2, 3}, got, &stats));
    QVERIFY2(!stats.sortedNow, "the first query makes one pass");
    compareLists(got, bruteForce(c, u0, 20, {1, 2, 3}));
    QVERIFY(nearby.topK(u0, 20, {}, got, &stats));
    QVERIFY2(stats.sortedNow, "the second query sorts the remembered scores");
    compareLists(got, bruteForce(c, u0, 20, {}));
    QVERIFY(nearby.topK(u0, 50, {2}, got, &stats));
    QVERIFY2(!stats.sortedNow, "the remembered scores are sorted once");
    QVERIFY(stats.scored < 500);
    compareLists(got, bruteForce(c, u0, 50, {2}));
  }

  // Equal rows score equally: the lower row ranks first, as in a full pass.
  void tiesGoToTheLowerRow() {
    auto c = randomCatalog(6000, 4, 5);
    // Row 10, lengthened to stand out, and three copies of it.
    for (int d = 0; d < 4; ++d) c.items[40 + d] *= 10.0f;
    c.norms[10] *= 10.0f;
    for (const std::size_t dup : {4000u, 4500u, 5999u}) {
      std::copy_n(c.items.begin() + 10 * 4, 4, c.items.begin() + static_cast<std::ptrdiff_t>(dup * 4));
      c.norms[dup] = c.norms[10];
    }
    NearbyTopK nearby;
    nearby.setItems(c.items.data(), c.n, c.dim, c.norms.data());
    // A user vector along row 10 makes it and its copies the best items.
    std::vector<float> u0(c.items.begin() + 40, c.items.begin() + 44);
    remember(nearby, c, u0, {});
    const auto u = plus(u0, randomVector(4, 6, 0.01f));
    std::vector<Recommendation> got;
    QVERIFY(nearby.topK(u, 4, {}, got));
    compareLists(got, bruteForce(c, u, 4, {}));
    QCOMPARE(got[0].item, 10);
    QCOMPARE(got[1].item, 4000);
    QCOMPARE(got[2].item, 4500);
    QCOMPARE(got[3].item, 5999);
  }

  // What the bound cannot settle is left to a full pass: no scores, a far vector, a vector whose
  // bound lets more through than the sorted part holds, scores that are not numbers.
  void refusesWhatItCannotSettle() {
    const auto c = randomCatalog(40000, 8, 7);
    NearbyTopK nearby;
    nearby.setItems(c.items.data(), c.n, c.dim, c.norms.data());
    std::vector<Recommendation> got = {{1, 1.0f, 1}};
    const auto u0 = randomVector(8, 8, 1.0f);
    QVERIFY(!nearby.topK(u0, 5, {}, got));  // nothing remembered
    remember(nearby, c, u0, {});
    QVERIFY(!nearby.topK(randomVector(8, 9, 1.0f), 5, {}, got));  // another user
    NearbyTopK::Stats stats;
    // 0.45·|u0| away: allowed, but the bound spans most of the score range.
    auto far = randomVector(8, 10, 1.0f);
    double nu = 0.0, nf = 0.0;
    for (int d = 0; d < 8; ++d) {
      nu += double(u0[d]) * u0[d];
      nf += double(far[d]) * far[d];
    }
    for (auto& x : far) x = static_cast<float>(x * 0.45 * std::sqrt(nu / nf));
    QVERIFY(!nearby.topK(plus(u0, far), 50, {}, got, &stats));
    QVERIFY(stats.fellBack);
    QCOMPARE(got.size(), std::size_t{1});  // untouched
    QCOMPARE(got[0].item, 1);
  }

  // A row that is not a number is never listed, as in a full pass, whichever way the query goes.
  void rowsThatAreNotNumbersAreNeverListed() {
    auto c = randomCatalog(8000, 8, 13);
    const auto u0 = randomVector(8, 14, 1.0f);
    auto s = allScores(c, u0);
    const auto best = static_cast<std::size_t>(std::max_element(s.begin(), s.end()) - s.begin());
    c.items[best * 8] = NAN;
    NearbyTopK nearby;
    nearby.setItems(c.items.data(), c.n, c.dim, c.norms.data());
    remember(nearby, c, u0, {});
    for (int query = 0; query < 3; ++query) {
      const auto u = plus(u0, randomVector(8, 15 + query, 0.01f));
      std::vector<Recommendation> got;
      NearbyTopK::Stats stats;
      QVERIFY(nearby.topK(u, 10, {}, got, &stats));
      QVERIFY2(!stats.sortedNow, "scores that are not all numbers are not sorted");
      compareLists(got, bruteForce(c, u, 10, {}));
      for (const auto& r : got) QVERIFY(r.item != static_cast<std::int32_t>(best));
    }
  }

  // The engine answers a nearby vector from its last full pass, with the list a full pass gives.
  void engineRanksEditsFromItsLastFullPass() {
    const auto c = randomCatalog(30000, 32, 11);
    auto near = ScoringEngine::forItemMatrix(c.items, static_cast<std::int64_t>(c.n), 32, ComputeDevice{});
    auto full = ScoringEngine::forItemMatrix(c.items, static_cast<std::int64_t>(c.n), 32, ComputeDevice{});
    QVERIFY(near && full);
    full.value()->setNearbyRanking(false);
    const auto u0 = randomVector(32, 12, 1.0f);
    const std::vector<std::int32_t> seen = {3, 30, 300};
    QVERIFY(near.value()->topK(u0, 50, seen));
    QVERIFY(!near.value()->lastRankStats().nearby);
    for (int trial = 0; trial < 5; ++trial) {
      const auto u = plus(u0, randomVector(32, 20 + trial, 0.05f));
      auto a = near.value()->topK(u, 50, seen);
      QVERIFY(a);
      const auto stats = near.value()->lastRankStats();
      QVERIFY(stats.nearby);
      QVERIFY(stats.scored < c.n / 10);
      auto b = full.value()->topK(u, 50, seen);
      QVERIFY(b);
      QVERIFY(!full.value()->lastRankStats().nearby);
      QCOMPARE(a.value().size(), b.value().size());
      for (std::size_t r = 0; r < b.value().size(); ++r) {
        QCOMPARE(a.value()[r].item, b.value()[r].item);
        // Two ways of summing the same dot product: equal up to float rounding.
        QVERIFY(std::abs(a.value()[r].score - b.value()[r].score) <=
                1e-5f * (1.0f + std::abs(b.value()[r].score)));
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestNearbyTopK)
#include "tst_nearbytopk.moc"
