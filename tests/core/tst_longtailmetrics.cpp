#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

#include "audit/exposure.h"
#include "audit/itemsimilarity.h"
#include "audit/longtailmetrics.h"
#include "jsoncheck.h"
#include "skiphelp.h"

using namespace reclens;

namespace {
constexpr double kTolerance = 1e-9;

std::vector<Recommendation> listOf(const std::vector<std::int32_t>& items) {
  std::vector<Recommendation> list;
  for (const auto item : items) list.push_back({item, 0.0f, static_cast<int>(list.size()) + 1});
  return list;
}
}  // namespace

class TestLongTailMetrics : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // The exposure part of the reference vectors from RecBole's metric tests (metric-vectors.json).
  void matchesTheReferenceVectors() {
    QFile file(reclens::test::sharedReferenceFile("metric-vectors.json"));
    RECLENS_SKIP_UNLESS(file.open(QIODevice::ReadOnly),
                        qPrintable(file.fileName() + " (the RecBole reference vectors)"));
    const auto exposure = QJsonDocument::fromJson(file.readAll()).object().value("exposure").toObject();
    const auto numItems = static_cast<std::size_t>(RECLENS_JSON_INT(exposure, "num_items"));
    QCOMPARE(numItems, std::size_t(8));
    std::vector<std::vector<Recommendation>> lists;
    for (const auto row : exposure.value("item_matrix").toArray()) {
      std::vector<std::int32_t> items;
      for (const auto v : row.toArray()) items.push_back(v.toInt());
      lists.push_back(listOf(items));
    }
    std::vector<std::int64_t> trainCounts(numItems, 0);
    std::vector<std::uint8_t> counted(numItems, 0);
    const auto countObject = exposure.value("item_train_count").toObject();
    for (const auto& key : countObject.keys()) {
      const auto item = key.toULongLong();
      QVERIFY2(item < numItems, qPrintable(key));
      trainCounts[item] = RECLENS_JSON_INT(countObject, key);
      counted[item] = 1;
    }
    const auto expected = exposure.value("expected").toObject();
    int checked = 0;
    const auto check = [&checked](double got, double want, const QString& what) {
      // NaN (a missing or non-numeric expected value) fails here too.
      if (!(std::abs(got - want) <= kTolerance))
        QFAIL(qPrintable(
            QString("%1: got %2, expected %3").arg(what).arg(got, 0, 'g', 17).arg(want, 0, 'g', 17)));
      ++checked;
    };

    const std::size_t k = lists.front().size();
    std::vector<std::int64_t> exposureCounts(numItems, 0);
    for (const auto& list : lists) {
      for (const auto& r : list) ++exposureCounts[static_cast<std::size_t>(r.item)];
    }
    check(itemCoverage(exposureCounts), RECLENS_JSON_NUMBER(expected, "item_coverage_at_3"), "coverage@3");
    check(giniIndex(exposureCounts), RECLENS_JSON_NUMBER(expected, "gini_at_3"), "gini@3");

    // RecBole's default tail ratio is 0.1 (see the file's note).
    const auto tail = tailItems(trainCounts, 0.1, counted);
    const auto popularity = expected.value("average_popularity_per_user_at_k").toArray();
    const auto tailShare = expected.value("tail_percentage_per_user_at_k").toArray();
    for (std::size_t u = 0; u < lists.size(); ++u) {
      for (std::size_t cut = 1; cut <= k; ++cut) {
        const auto at = QString("user %1 @%2").arg(u).arg(cut);
        const auto i = static_cast<qsizetype>(u);
        const auto c = static_cast<qsizetype>(cut - 1);
        check(listAveragePopularity(lists[u], trainCounts, cut),
              RECLENS_JSON_NUMBER_AT(popularity[i].toArray(), c), "average popularity " + at);
        check(listFlaggedShare(lists[u], tail, cut), RECLENS_JSON_NUMBER_AT(tailShare[i].toArray(), c),
              "tail percentage " + at);
      }
    }
    QCOMPARE(checked, 2 + 2 * 5 * 3);
  }

  void coverageGiniEntropy() {
    QCOMPARE(itemCoverage({0, 1, 2, 0}), 0.5);
    QCOMPARE(itemCoverage({}), 0.0);
    // Sorted 0, 0, 0, 4: (2·4 − 4 − 1)·4 / (4·4).
    QCOMPARE(giniIndex({4, 0, 0, 0}), 0.75);
    QCOMPARE(giniIndex({3, 3, 3}), 0.0);
    QCOMPARE(giniIndex({0, 0}), 0.0);
    // p = 1/4, 1/4, 1/2: 0.5 + 0.5 + 0.5 bits; the unexposed item adds nothing.
    QCOMPARE(entropyBits({1, 1, 2, 0}), 1.5);
    QCOMPARE(entropyBits({5}), 0.0);
  }

  void tailOfTheCatalog() {
    // Ratio 0.5 of 4 considered rows = 2 rows with the lowest counts; the tie at 1 goes to row 1.
    QCOMPARE(tailItems({5, 1, 1, 0, 7}, 0.5, {1, 1, 1, 0, 1}), (std::vector<std::uint8_t>{0, 1, 1, 0, 0}));
    // At least one item even when the ratio rounds down to none; no mask = every row.
    QCOMPARE(tailItems({5, 1, 0}, 0.1), (std::vector<std::uint8_t>{0, 0, 1}));
  }

  void listShares() {
    const auto list = listOf({0, 2, 3});
    QCOMPARE(listAveragePopularity(list, {6, 0, 3, 0}, 20), 3.0);
    QCOMPARE(listAveragePopularity(list, {6, 0, 3, 0}, 1), 6.0);
    QCOMPARE(listAveragePopularity({}, {6}, 5), 0.0);
    const std::vector<std::uint8_t> longTail = {0, 1, 1, 1};
    QCOMPARE(listFlaggedShare(list, longTail, 3), 2.0 / 3.0);
    QCOMPARE(listFlaggedShare(list, longTail, 1), 0.0);
  }

  void noveltyAsMicrosoftRecommenders() {
    // 4 train interactions: item 0 twice (−log2 0.5 = 1), items 1 and 2 once (2 bits each), item 3 never.
    const auto novelty = itemNovelty({2, 1, 1, 0});
    QCOMPARE(novelty, (std::vector<double>{1.0, 2.0, 2.0, 0.0}));
    // (1 + 2) + (2 + 2) + item 3 (left out of the join but counted in N_reco) over 5 recommendations.
    QCOMPARE(listsNovelty({listOf({0, 1}), listOf({1, 2, 3})}, novelty), 7.0 / 5.0);
    QCOMPARE(listsNovelty({listOf({})}, novelty), 0.0);
  }

  void diversityFromEmbeddings() {
    const std::vector<float> rows = {1, 0, 0, 1, 1, 1, 0, 0};  // a, b, c = a + b, zero
    const auto s = ItemSimilarity::fromEmbeddings(rows.data(), 4, 2);
    QVERIFY(std::abs(s.cosine(0, 2) - 1.0 / std::sqrt(2.0)) < 1e-12);
    QCOMPARE(s.cosine(0, 1), 0.0);
    QCOMPARE(s.cosine(0, 3), 0.0);
    // Pairs (a, b) = 0, (a, c) = (b, c) = 1/√2.
    QVERIFY(std::abs(s.intraListDiversity(listOf({0, 1, 2}), 20) - (1.0 - std::sqrt(2.0) / 3.0)) < 1e-12);
    QCOMPARE(s.intraListDiversity(listOf({0, 1, 2}), 2), 1.0);
    QCOMPARE(s.intraListDiversity(listOf({0}), 20), 0.0);
  }

  void diversityFromCooccurrence() {
    // Users of item 0: {0, 1, 2}; of item 1: {0, 1}; of item 2: {1}; item 3: none.
    const auto s = ItemSimilarity::fromCooccurrence({{0, 1}, {0, 1, 2}, {0}}, 4);
    QVERIFY(std::abs(s.cosine(0, 1) - 2.0 / std::sqrt(6.0)) < 1e-12);
    QVERIFY(std::abs(s.cosine(1, 0) - 2.0 / std::sqrt(6.0)) < 1e-12);
    QVERIFY(std::abs(s.cosine(0, 2) - 1.0 / std::sqrt(3.0)) < 1e-12);
    QVERIFY(std::abs(s.cosine(1, 2) - 1.0 / std::sqrt(2.0)) < 1e-12);
    QCOMPARE(s.cosine(0, 3), 0.0);
    const double mean = (2.0 / std::sqrt(6.0) + 1.0 / std::sqrt(3.0) + 1.0 / std::sqrt(2.0)) / 3.0;
    QVERIFY(std::abs(s.intraListDiversity(listOf({2, 0, 1}), 3) - (1.0 - mean)) < 1e-12);
  }

  void exposureAtRanks() {
    QCOMPARE(exposureAtRank(1), 1.0);
    QCOMPARE(exposureAtRank(0), 0.0);
    for (int r = 2; r <= 50; ++r) {
      const double e = exposureAtRank(r);
      QVERIFY(std::abs(e - 1.0 / std::log2(1.0 + r)) <= 2e-9);
      const double scaled = std::ldexp(e, 28);
      QCOMPARE(scaled, std::floor(scaled));  // on the 2^-28 grid, so sums are exact
    }
  }

  void groupExposureShares() {
    const auto groups = groupExposure({{0, 0, 1, -1}, {}}, {"a", "b"}, {1.0, 0.5, 0.5, 0.0}, {3, 1, 0, 4});
    QCOMPARE(groups.size(), std::size_t(2));
    QCOMPARE(groups[0].group, std::string("a"));
    QCOMPARE(groups[0].items, std::size_t(2));
    QCOMPARE(groups[0].exposureShare, 0.75);
    QCOMPARE(groups[0].catalogShare, 0.5);
    QCOMPARE(groups[0].interactionShare, 0.5);
    QCOMPARE(groups[0].meanExposure, 0.75);
    QCOMPARE(groups[1].exposureShare, 0.25);
    QCOMPARE(groups[1].catalogShare, 0.25);
    QCOMPARE(groups[1].interactionShare, 0.0);
    QCOMPARE(groups[1].meanExposure, 0.5);
  }

  void overlappingGroupExposure() {
    // Item 0 is in a and (a set-valued attribute's second member) in b; item 1 in b; item 2 in none.
    // Totals: exposure 2, train interactions 4, 3 items; b holds items 0 and 1.
    const auto groups = groupExposure({{0, 1, -1}, {{0, 1}}}, {"a", "b"}, {1.0, 0.5, 0.5}, {2, 1, 1});
    QCOMPARE(groups[0].items, std::size_t(1));
    QCOMPARE(groups[0].exposureShare, 0.5);
    QCOMPARE(groups[1].items, std::size_t(2));
    QCOMPARE(groups[1].exposureShare, 0.75);
    QCOMPARE(groups[1].catalogShare, 2.0 / 3.0);
    QCOMPARE(groups[1].interactionShare, 0.75);
    QCOMPARE(groups[1].meanExposure, 0.75);
  }

  void lorenz() {
    const auto curve = lorenzCurve({3.0, 1.0});
    QCOMPARE(curve.size(), std::size_t(3));
    QCOMPARE(curve[1].items, 0.5);
    QCOMPARE(curve[1].exposure, 0.25);
    QCOMPARE(curve[2].exposure, 1.0);
    std::vector<double> many(1000);
    for (std::size_t i = 0; i < many.size(); ++i) many[i] = double(i % 7);
    const auto thin = lorenzCurve(many, 50);
    QVERIFY(thin.size() <= 50 && thin.size() >= 40);
    QCOMPARE(thin.front().items, 0.0);
    QCOMPARE(thin.back().items, 1.0);
    for (std::size_t j = 1; j < thin.size(); ++j) {
      QVERIFY(thin[j].exposure >= thin[j - 1].exposure);
      QVERIFY(thin[j].exposure <= thin[j].items + 1e-12);  // a Lorenz curve never rises above the diagonal
    }
    QCOMPARE(lorenzCurve({0.0, 0.0}).size(), std::size_t(2));
  }
};

QTEST_GUILESS_MAIN(TestLongTailMetrics)
#include "tst_longtailmetrics.moc"
