#include <QtTest>

#include <random>

#include "data/cooccurrence.h"

using namespace reclens;

Q_DECLARE_METATYPE(std::vector<std::int32_t>)

namespace {

// Five users over five items; times in seconds.
//   u0: i0@0  i1@0   i2@100
//   u1: i0@0  i1@50  i1@60 (a repeat)
//   u2: i0@0  i3@1000
//   u3: i1@0  i2@0
//   u4: i4@0
InteractionLog smallLog() {
  InteractionLog log;
  const auto k = log.kindIndex("purchase");
  const int rows[][3] = {{0, 0, 0}, {0, 1, 0},    {0, 2, 100}, {1, 0, 0}, {1, 1, 50}, {1, 1, 60},
                         {2, 0, 0}, {2, 3, 1000}, {3, 1, 0},   {3, 2, 0}, {4, 4, 0}};
  for (const auto& r : rows) log.append(r[0], r[1], r[2], 1.0f, k);
  return log;
}

std::vector<std::int32_t> itemsOf(const std::vector<CooccurringItem>& list) {
  std::vector<std::int32_t> out;
  for (const auto& c : list) out.push_back(c.item);
  return out;
}

}  // namespace

class TestCooccurrence : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void countsDistinctUsers() {
    const CooccurrenceIndex index(smallLog(), 5, 5);
    QCOMPARE(index.activeUsers(), std::int64_t(5));
    QCOMPARE(index.usersOf(0), std::int64_t(3));
    QCOMPARE(index.usersOf(1), std::int64_t(3));  // u1's repeat counts once
    QCOMPARE(index.usersOf(7), std::int64_t(0));
    const auto top = index.together(0, 10);
    QCOMPARE(itemsOf(top), (std::vector<std::int32_t>{1, 3, 2}));  // i3 and i2 tie on 1 user; lift decides
    QCOMPARE(top[0].together, std::int64_t(2));
    QCOMPARE(top[0].confidence, 2.0 / 3.0);
    QCOMPARE(top[0].lift, 2.0 * 5.0 / (3.0 * 3.0));
    QCOMPARE(top[1].lift, 1.0 * 5.0 / (3.0 * 1.0));
    QCOMPARE(top[2].lift, 1.0 * 5.0 / (3.0 * 2.0));
  }

  void windowKeepsNearbyInteractions_data() {
    QTest::addColumn<qint64>("window");
    QTest::addColumn<std::vector<std::int32_t>>("expected");
    QTest::newRow("whole history") << qint64(-1) << std::vector<std::int32_t>{1, 3, 2};
    QTest::newRow("same timestamp") << qint64(0) << std::vector<std::int32_t>{1};
    QTest::newRow("within 60") << qint64(60) << std::vector<std::int32_t>{1};
    QTest::newRow("within 100") << qint64(100) << std::vector<std::int32_t>{1, 2};
  }

  void windowKeepsNearbyInteractions() {
    QFETCH(qint64, window);
    QFETCH(std::vector<std::int32_t>, expected);
    const CooccurrenceIndex index(smallLog(), 5, 5);
    QCOMPARE(itemsOf(index.together(0, 10, window)), expected);
  }

  void minimumAndLimit() {
    const CooccurrenceIndex index(smallLog(), 5, 5);
    QCOMPARE(itemsOf(index.together(0, 10, -1, 2)), std::vector<std::int32_t>{1});
    QCOMPARE(itemsOf(index.together(0, 1)), std::vector<std::int32_t>{1});
    QVERIFY(index.together(4, 10).empty());   // the only user of i4 bought nothing else
    QVERIFY(index.together(-1, 10).empty());  // outside the catalog
    QVERIFY(index.together(0, 0).empty());
  }

  void includeRowsRestrictsTheLog() {
    const auto log = smallLog();
    std::vector<bool> train(log.size(), true);
    train[1] = false;  // u0's i1
    const CooccurrenceIndex index(log, 5, 5, &train);
    // i1, i2 and i3 now share one user each with i0; i3, the rarest, has the highest lift.
    const auto top = index.together(0, 10);
    QCOMPARE(itemsOf(top), (std::vector<std::int32_t>{3, 1, 2}));
    for (const auto& c : top) QCOMPARE(c.together, std::int64_t(1));
    QCOMPARE(index.usersOf(1), std::int64_t(2));
  }

  // The sparse walk agrees with a brute-force count on a random log.
  void agreesWithBruteForce() {
    std::mt19937 rng(11);
    const int users = 60;
    const int items = 40;
    InteractionLog log;
    const auto k = log.kindIndex("view");
    std::uniform_int_distribution<int> u(0, users - 1), i(0, items - 1), t(0, 1000);
    for (int r = 0; r < 800; ++r) log.append(u(rng), i(rng), t(rng), 1.0f, k);
    const CooccurrenceIndex index(log, users, items);
    std::vector<std::vector<bool>> has(users, std::vector<bool>(items, false));
    for (std::size_t r = 0; r < log.size(); ++r) has[log.user[r]][log.item[r]] = true;
    for (int q = 0; q < items; ++q) {
      const auto top = index.together(q, items);
      for (const auto& c : top) {
        std::int64_t both = 0;
        for (int v = 0; v < users; ++v) both += has[v][q] && has[v][c.item] ? 1 : 0;
        QCOMPARE(c.together, both);
      }
      for (std::size_t n = 1; n < top.size(); ++n) QVERIFY(top[n - 1].together >= top[n].together);
    }
  }
};

QTEST_GUILESS_MAIN(TestCooccurrence)
#include "tst_cooccurrence.moc"
