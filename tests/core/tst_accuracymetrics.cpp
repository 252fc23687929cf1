#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "audit/accuracymetrics.h"
#include "jsoncheck.h"
#include "skiphelp.h"

using namespace reclens;

Q_DECLARE_METATYPE(std::vector<std::uint8_t>)

namespace {
double metric(const AccuracyValues& v, const QString& name) {
  if (name == "hit") return v.hit;
  if (name == "precision") return v.precision;
  if (name == "recall") return v.recall;
  if (name == "mrr") return v.mrr;
  if (name == "map") return v.map;
  return v.ndcg;
}
}  // namespace

class TestAccuracyMetrics : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // The reference vectors published with RecBole's metric tests (see metric-vectors.json's "about").
  void matchesTheReferenceVectors() {
    QFile file(reclens::test::sharedReferenceFile("metric-vectors.json"));
    RECLENS_SKIP_UNLESS(file.open(QIODevice::ReadOnly),
                        qPrintable(file.fileName() + " (the RecBole reference vectors)"));
    const auto ranking = QJsonDocument::fromJson(file.readAll()).object().value("ranking").toObject();
    const auto posIdx = ranking.value("pos_idx").toArray();
    const auto posLen = ranking.value("pos_len").toArray();
    const auto expected = ranking.value("expected_per_user").toObject();
    QCOMPARE(expected.size(), 6);
    int checked = 0;
    for (qsizetype u = 0; u < posIdx.size(); ++u) {
      std::vector<std::uint8_t> hits;
      const auto flags = posIdx[u].toArray();
      QVERIFY(!flags.isEmpty());
      for (qsizetype j = 0; j < flags.size(); ++j) {
        const double flag = RECLENS_JSON_NUMBER_AT(flags, j);
        QVERIFY2(flag == 0.0 || flag == 1.0, "pos_idx holds 0/1 flags");
        hits.push_back(static_cast<std::uint8_t>(flag));
      }
      const double relevantCount = RECLENS_JSON_NUMBER_AT(posLen, u);
      QVERIFY2(relevantCount >= 1.0, "pos_len holds positive counts");
      const auto relevant = static_cast<std::size_t>(relevantCount);
      for (int k = 1; k <= static_cast<int>(hits.size()); ++k) {
        const auto values = userAccuracy(hits, relevant, k);
        for (const auto& name : expected.keys()) {
          const double want = RECLENS_JSON_NUMBER_AT(expected.value(name).toArray()[u].toArray(), k - 1);
          if (QTest::currentTestFailed()) return;
          const double got = metric(values, name);
          if (std::abs(got - want) > 1e-12) {
            QFAIL(qPrintable(
                QString("%1@%2 of user %3: got %4, expected %5").arg(name).arg(k).arg(u).arg(got).arg(want)));
          }
          ++checked;
        }
      }
    }
    QCOMPARE(checked, 4 * 3 * 6);
  }

  void handComputedCases_data() {
    QTest::addColumn<std::vector<std::uint8_t>>("hits");
    QTest::addColumn<int>("relevant");
    QTest::addColumn<int>("k");
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("expected");
    const std::vector<std::uint8_t> secondAndFourth = {0, 1, 0, 1, 0};
    QTest::newRow("hr") << secondAndFourth << 2 << 5 << "hit" << 1.0;
    QTest::newRow("hr miss at 1") << secondAndFourth << 2 << 1 << "hit" << 0.0;
    QTest::newRow("precision") << secondAndFourth << 2 << 5 << "precision" << 0.4;
    QTest::newRow("recall") << secondAndFourth << 3 << 5 << "recall" << 2.0 / 3.0;
    QTest::newRow("mrr") << secondAndFourth << 2 << 5 << "mrr" << 0.5;
    // AP: (1/2 + 2/4) / min(2, 5)
    QTest::newRow("map") << secondAndFourth << 2 << 5 << "map" << 0.5;
    // AP with more relevant than K: divided by K, not |relevant|.
    QTest::newRow("map capped") << secondAndFourth << 9 << 4 << "map" << (0.5 + 0.5) / 4.0;
    const double dcg = 1.0 / std::log2(3.0) + 1.0 / std::log2(5.0);
    QTest::newRow("ndcg") << secondAndFourth << 2 << 5 << "ndcg" << dcg / (1.0 + 1.0 / std::log2(3.0));
    // Ideal DCG over min(|relevant|, K) = 2 positions even though 5 are relevant.
    QTest::newRow("ndcg capped") << std::vector<std::uint8_t>{1, 1} << 5 << 2 << "ndcg" << 1.0;
    // A list shorter than K: missing ranks are misses, precision still divides by K.
    QTest::newRow("short list") << std::vector<std::uint8_t>{1} << 1 << 10 << "precision" << 0.1;
    QTest::newRow("no relevant") << std::vector<std::uint8_t>{1} << 0 << 10 << "ndcg" << 0.0;
  }

  void handComputedCases() {
    QFETCH(std::vector<std::uint8_t>, hits);
    QFETCH(int, relevant);
    QFETCH(int, k);
    QFETCH(QString, name);
    QFETCH(double, expected);
    const auto v = userAccuracy(hits, static_cast<std::size_t>(relevant), k);
    QVERIFY2(std::abs(metric(v, name) - expected) < 1e-12, qPrintable(QString::number(metric(v, name))));
  }

  void flagsAndMeans() {
    const std::vector<Recommendation> list = {{5, 0.f, 1}, {2, 0.f, 2}, {9, 0.f, 3}};
    QCOMPARE(relevanceFlags(list, {2, 3, 9}), (std::vector<std::uint8_t>{0, 1, 1}));
    AccuracyMean mean;
    QCOMPARE(mean.mean().ndcg, 0.0);
    mean.add(userAccuracy({1}, 1, 1));
    mean.add(userAccuracy({0}, 1, 1));
    QCOMPARE(mean.users, std::size_t(2));
    QCOMPARE(mean.mean().hit, 0.5);
    QCOMPARE(mean.mean().precision, 0.5);
  }
};

QTEST_GUILESS_MAIN(TestAccuracyMetrics)
#include "tst_accuracymetrics.moc"
