#include <QtTest>

#include <algorithm>

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
  for (int i = 0; i < 40; ++i) d.items.ids.push_back("i" + std::to_string(i));
  for (int u = 0; u < users; ++u) d.users.ids.push_back("u" + std::to_string(u));
  const auto k = d.interactions.kindIndex("purchase");
  for (const auto& r : rows) d.interactions.append(r.user, r.item, r.ts, 1.0f, k);
  return d;
}
using Items = std::vector<std::int32_t>;

// User 0 met items 0..n-1 at times 10, 20, ..., given newest first in the log.
Dataset userWithItems(int n) {
  std::vector<Row> rows;
  for (int i = n - 1; i >= 0; --i) rows.push_back({0, i, 10 * (i + 1)});
  return datasetOf(rows, 1);
}

SplitSpec specOf(const char* text) {
  auto spec = SplitSpec::parse(text);
  if (!spec) qFatal("%s", spec.error().message.c_str());
  return spec.value();
}

// Every distinct item of every user is in exactly one part, and every row follows its pair.
void checkPartition(const Dataset& d, const TrainTestSplit& s) {
  for (std::size_t r = 0; r < d.interactions.size(); ++r) {
    const auto u = static_cast<std::size_t>(d.interactions.user[r]);
    const auto item = d.interactions.item[r];
    const auto& list = s.part[r] == SplitPart::Train
                           ? s.train[u]
                           : (s.part[r] == SplitPart::Validation ? s.validation[u] : s.test[u]);
    QVERIFY(std::binary_search(list.begin(), list.end(), item));
  }
  for (std::size_t u = 0; u < s.users(); ++u) {
    Items all = s.train[u];
    all.insert(all.end(), s.validation[u].begin(), s.validation[u].end());
    all.insert(all.end(), s.test[u].begin(), s.test[u].end());
    std::sort(all.begin(), all.end());
    QVERIFY(std::adjacent_find(all.begin(), all.end()) == all.end());
  }
}
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

  void specTextRoundTrips_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::newRow("time") << "time"
                          << "time:1";
    QTest::newRow("loo is time:1") << "loo"
                                   << "time:1";
    QTest::newRow("time:3") << "time:3"
                            << "time:3";
    QTest::newRow("time:2+0") << "time:2+0"
                              << "time:2+0";
    QTest::newRow("temporal") << "temporal"
                              << "temporal:0.8,0.1";
    QTest::newRow("temporal:0.7,0.2") << "temporal:0.7,0.2"
                                      << "temporal:0.7,0.2";
    QTest::newRow("random") << "random"
                            << "random:0.8,0.1,42";
    QTest::newRow("random seed") << "random:0.6,0.2,7"
                                 << "random:0.6,0.2,7";
    QTest::newRow("global") << "global"
                            << "global:0.8,0.1";
    QTest::newRow("global:0.6,0.2") << "global:0.6,0.2"
                                    << "global:0.6,0.2";
  }
  void specTextRoundTrips() {
    QFETCH(QString, text);
    QFETCH(QString, name);
    const auto spec = specOf(text.toUtf8().constData());
    QCOMPARE(QString::fromStdString(spec.name()), name);
    const auto again = SplitSpec::parse(spec.name());
    QVERIFY(again);
    QVERIFY(again.value() == spec);
    QVERIFY(!spec.description().empty());
  }

  void badSpecsAreRefused_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");
    QTest::newRow("unknown kind") << "foo:1"
                                  << "unknown kind \"foo\"";
    QTest::newRow("no test item") << "time:0"
                                  << "whole number from 1";
    QTest::newRow("fraction") << "time:1.5"
                              << "whole number from 1";
    QTest::newRow("loo with a number") << "loo:2"
                                       << "loo takes no parameters";
    QTest::newRow("ratios above one") << "random:0.9,0.2"
                                      << "sum below 1";
    QTest::newRow("nothing left to test") << "temporal:0.9,0.1"
                                          << "sum below 1";
    QTest::newRow("one ratio") << "temporal:0.8"
                               << "TRAIN,VALIDATION";
    QTest::newRow("words") << "random:a,b"
                           << "must be numbers";
    QTest::newRow("negative seed") << "random:0.8,0.1,-3"
                                   << "seed";
    QTest::newRow("global with a seed") << "global:0.8,0.1,4"
                                        << "TRAIN,VALIDATION";
  }
  void badSpecsAreRefused() {
    QFETCH(QString, text);
    QFETCH(QString, says);
    const auto spec = SplitSpec::parse(text.toStdString());
    QVERIFY(!spec);
    QVERIFY2(QString::fromStdString(spec.error().message).contains(says), spec.error().message.c_str());
    QVERIFY2(QString::fromStdString(spec.error().message).contains(text), spec.error().message.c_str());
  }

  void temporalRatioByHand_data() {
    QTest::addColumn<int>("items");
    QTest::addColumn<Items>("train");
    QTest::addColumn<Items>("valid");
    QTest::addColumn<Items>("test");
    // 10 items: floor(10 * 0.1) = 1 test (the newest), 1 validation, 8 train.
    QTest::newRow("10") << 10 << Items{0, 1, 2, 3, 4, 5, 6, 7} << Items{8} << Items{9};
    // 20 items: 2 test, 2 validation.
    QTest::newRow("20") << 20 << Items{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15} << Items{16, 17}
                        << Items{18, 19};
    // 3 items: 0.3 of an item each, so test and then validation take one while train keeps one.
    QTest::newRow("3") << 3 << Items{0} << Items{1} << Items{2};
    // 2 items: test takes one, and train would be empty if validation took the other.
    QTest::newRow("2") << 2 << Items{0} << Items{} << Items{1};
    QTest::newRow("1") << 1 << Items{0} << Items{} << Items{};
  }
  void temporalRatioByHand() {
    QFETCH(int, items);
    QFETCH(Items, train);
    QFETCH(Items, valid);
    QFETCH(Items, test);
    const auto d = userWithItems(items);
    const auto s = splitDataset(d, specOf("temporal"));
    QCOMPARE(s.train[0], train);
    QCOMPARE(s.validation[0], valid);
    QCOMPARE(s.test[0], test);
    checkPartition(d, s);
  }

  void looAndTimeAreTheOldSplit() {
    const auto d =
        datasetOf({{0, 4, 50}, {0, 0, 10}, {0, 2, 30}, {0, 1, 20}, {0, 3, 40}, {1, 5, 1}, {1, 6, 2}}, 2);
    const auto old = splitByTime(d, 1, 1);
    for (const char* text : {"loo", "time"}) {
      const auto s = splitDataset(d, specOf(text));
      QCOMPARE(s.part, old.part);
      QCOMPARE(s.test, old.test);
    }
    QCOMPARE(splitDataset(d, specOf("time:2")).test[0], (Items{3, 4}));
  }

  void randomRatioIsSeededAndOrderFree() {
    const auto d = userWithItems(20);
    const auto s = splitDataset(d, specOf("random"));
    checkPartition(d, s);
    QCOMPARE(s.test[0].size(), std::size_t(2));
    QCOMPARE(s.validation[0].size(), std::size_t(2));
    QCOMPARE(s.train[0].size(), std::size_t(16));
    // Not the temporal split: the newest two are not both the test items.
    QVERIFY(s.test[0] != (Items{18, 19}));
    // The same spec on the same rows in another order gives the same parts.
    std::vector<Row> rows;
    for (int i = 0; i < 20; ++i) rows.push_back({0, i, 10 * (i + 1)});
    const auto shuffled = datasetOf(rows, 1);
    const auto again = splitDataset(shuffled, specOf("random"));
    QCOMPARE(again.test, s.test);
    QCOMPARE(again.validation, s.validation);
    // Another seed, another draw (over ten seeds at least one test pair differs from seed 42's).
    bool differs = false;
    for (int seed = 1; seed <= 10 && !differs; ++seed) {
      const auto other = splitDataset(d, specOf(("random:0.8,0.1," + std::to_string(seed)).c_str()));
      differs = other.test[0] != s.test[0];
    }
    QVERIFY(differs);
  }

  // One calendar for everyone: 11 rows at times 1..10 (time 1 twice); the cut times are the rows' times at
  // the 0.6 and 0.8 quantiles (sorted times 1,1,2,...,10: index 6 is 6, index 8 is 8).
  void globalSplitCutsOneCalendar() {
    const std::vector<Row> rows = {{0, 0, 1}, {1, 1, 1}, {0, 2, 2}, {1, 3, 3}, {0, 4, 4}, {1, 5, 5},
                                   {0, 6, 6}, {1, 7, 7}, {0, 0, 8}, {1, 8, 9}, {0, 9, 10}};
    const auto d = datasetOf(rows, 2);
    const auto spec = specOf("global:0.6,0.2");
    const auto [validationFrom, testFrom] = globalCutTimes(d, spec);
    QCOMPARE(validationFrom, std::int64_t(6));
    QCOMPARE(testFrom, std::int64_t(8));
    const auto s = splitDataset(d, spec);
    checkPartition(d, s);
    // User 0: item 0 was last met at time 8, so both its rows are test; items 2 and 4 train, 6
    // validation, 9 (a late item, met once at time 10) test.
    QCOMPARE(s.train[0], (Items{2, 4}));
    QCOMPARE(s.validation[0], (Items{6}));
    QCOMPARE(s.test[0], (Items{0, 9}));
    QCOMPARE(s.part[0], SplitPart::Test);
    // User 1: 1, 3, 5 train, 7 validation, 8 test.
    QCOMPARE(s.train[1], (Items{1, 3, 5}));
    QCOMPARE(s.validation[1], (Items{7}));
    QCOMPARE(s.test[1], (Items{8}));
    QCOMPARE(s.trainLast, std::int64_t(5));
    QVERIFY(QString::fromStdString(spec.description()).contains("one calendar"));
  }

  void randomRatioKeepsRepeatedPairsTogether() {
    std::vector<Row> rows;
    for (int i = 0; i < 10; ++i) rows.push_back({0, i, 10 * (i + 1)});
    for (int i = 0; i < 10; ++i) rows.push_back({0, i, 500 + i});  // every item again
    const auto d = datasetOf(rows, 1);
    const auto s = splitDataset(d, specOf("random:0.6,0.2,3"));
    checkPartition(d, s);
    QCOMPARE(s.rowCount(SplitPart::Test), std::size_t(4));  // 2 items x 2 rows
    QCOMPARE(s.rowCount(SplitPart::Validation), std::size_t(4));
  }
};

QTEST_GUILESS_MAIN(TestDataSplit)
#include "tst_datasplit.moc"
