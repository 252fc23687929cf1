#include <QtTest>

#include "model/datasplit.h"

using namespace reclens;

namespace {
struct Row {
  int user;
  int item;
  std::int64_t ts;
};
Dataset datasetOf(const std::vector<Row>& rows, int users) {
  Dataset d;
  for (int i = 0; i < 10; ++i) d.items.ids.push_back("i" + std::to_string(i));
  for (int u = 0; u < users; ++u) d.users.ids.push_back("u" + std::to_string(u));
  const auto k = d.interactions.kindIndex("purchase");
  for (const auto& r : rows) d.interactions.append(r.user, r.item, r.ts, 1.0f, k);
  return d;
}
using Items = std::vector<std::int32_t>;
}  // namespace

class TestDataSplit : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void splitsPerUser_data() {
    QTest::addColumn<int>("holdout");
    QTest::addColumn<int>("validation");
    QTest::addColumn<Items>("train");
    QTest::addColumn<Items>("valid");
    QTest::addColumn<Items>("test");
    // user 0 bought items 0..4 at times 10..50 (given out of order in the log)
    QTest::newRow("1+1") << 1 << 1 << Items{0, 1, 2} << Items{3} << Items{4};
    QTest::newRow("2+1") << 2 << 1 << Items{0, 1} << Items{2} << Items{3, 4};
    QTest::newRow("1+0") << 1 << 0 << Items{0, 1, 2, 3} << Items{} << Items{4};
    QTest::newRow("4+1 too few") << 4 << 1 << Items{0, 1, 2, 3, 4} << Items{} << Items{};
    QTest::newRow("0+0") << 0 << 0 << Items{0, 1, 2, 3, 4} << Items{} << Items{};
  }
  void splitsPerUser() {
    QFETCH(int, holdout);
    QFETCH(int, validation);
    QFETCH(Items, train);
    QFETCH(Items, valid);
    QFETCH(Items, test);
    const auto d = datasetOf({{0, 4, 50}, {0, 0, 10}, {0, 2, 30}, {0, 1, 20}, {0, 3, 40}}, 1);
    const auto s = splitByTime(d, holdout, validation);
    QCOMPARE(s.train[0], train);
    QCOMPARE(s.validation[0], valid);
    QCOMPARE(s.test[0], test);
    QCOMPARE(s.part.size(), d.interactions.size());
  }

  void tiesKeepRowOrder() {
    // Same timestamp: the later row counts as later.
    const auto s = splitByTime(datasetOf({{0, 5, 7}, {0, 6, 7}, {0, 7, 7}}, 1));
    QCOMPARE(s.test[0], Items{7});
    QCOMPARE(s.validation[0], Items{6});
    QCOMPARE(s.train[0], Items{5});
  }

  void singleInteractionUserStaysInTrain() {
    const auto s = splitByTime(datasetOf({{0, 1, 5}, {1, 2, 6}, {1, 3, 7}, {1, 4, 8}}, 2));
    QCOMPARE(s.train[0], Items{1});
    QVERIFY(s.test[0].empty());
    QCOMPARE(s.test[1], Items{4});
    QCOMPARE(s.userCount(SplitPart::Test), std::size_t(1));
    QCOMPARE(s.trainFirst, std::int64_t(5));
    QCOMPARE(s.trainLast, std::int64_t(6));
  }

  void repeatedItemsNeverLeak() {
    // Item 1 bought early and again last: all its rows are test, none stay in train.
    const auto s = splitByTime(datasetOf({{0, 1, 1}, {0, 2, 2}, {0, 3, 3}, {0, 4, 4}, {0, 1, 9}}, 1));
    QCOMPARE(s.test[0], Items{1});
    QCOMPARE(s.validation[0], Items{4});
    QCOMPARE(s.train[0], (Items{2, 3}));
    QCOMPARE(s.part[0], SplitPart::Test);
    QCOMPARE(s.part[4], SplitPart::Test);
    QCOMPARE(s.rowCount(SplitPart::Test), std::size_t(2));
    QCOMPARE(s.rowCount(SplitPart::Train), std::size_t(2));
  }
};

QTEST_GUILESS_MAIN(TestDataSplit)
#include "tst_datasplit.moc"
