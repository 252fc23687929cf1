// History weights (docs/training.md, "History weights"): the damped weight log(1 + sum) worked out by
// hand, and profiles built with the weighting the model's metadata names.
#include <QtTest>

#include <cmath>

#include "engine/userprofilebuilder.h"
#include "model/historyweight.h"
#include "model/modelfile.h"

using namespace reclens;

namespace {
// One user: item 0 bought 28 times, item 1 twice with weights 0.5 and 1, item 2 once returned (−3).
Dataset repeatedPurchases() {
  Dataset d;
  d.users.ids = {"u"};
  d.items.ids = {"a", "b", "c"};
  const auto k = d.interactions.kindIndex("purchase");
  std::int64_t t = 0;
  for (int n = 0; n < 28; ++n) d.interactions.append(0, 0, t++, 1.0f, k);
  d.interactions.append(0, 1, t++, 0.5f, k);
  d.interactions.append(0, 1, t++, 1.0f, k);
  d.interactions.append(0, 2, t++, -3.0f, k);
  return d;
}
}  // namespace

class TestHistoryWeight : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void dampsTheSum_data() {
    QTest::addColumn<double>("summed");
    QTest::addColumn<double>("damped");
    // ln 29 = 3.36729..., ln 2 = 0.693147..., ln 1.5 = 0.405465..., ln 4 = 1.386294...
    QTest::newRow("28 purchases") << 28.0 << 3.3672958;
    QTest::newRow("one") << 1.0 << 0.6931472;
    QTest::newRow("a half") << 0.5 << 0.4054651;
    QTest::newRow("nothing") << 0.0 << 0.0;
    QTest::newRow("a return of 3") << -3.0 << -1.3862944;
  }

  void dampsTheSum() {
    QFETCH(double, summed);
    QFETCH(double, damped);
    QVERIFY(std::abs(historyWeight(summed, HistoryWeighting::Log1p) - damped) < 1e-6);
    QCOMPARE(historyWeight(summed, HistoryWeighting::Sum), static_cast<float>(summed));
  }

  void namesTheWeightings() {
    HistoryWeighting w = HistoryWeighting::Sum;
    QVERIFY(parseHistoryWeighting("log1p", w));
    QCOMPARE(w, HistoryWeighting::Log1p);
    QVERIFY(parseHistoryWeighting("sum", w));
    QCOMPARE(w, HistoryWeighting::Sum);
    QVERIFY(!parseHistoryWeighting("sqrt", w));
    QCOMPARE(w, HistoryWeighting::Sum);
    QCOMPARE(QString(historyWeightingName(HistoryWeighting::Log1p)), QStringLiteral("log1p"));
  }

  void profilesFollowTheModelsWeighting() {
    const auto d = repeatedPurchases();
    ModelMetadata meta;
    meta.numItems = 3;
    const UserProfileBuilder summed(d, meta);
    QCOMPARE(summed.profile(0).items, (std::vector<std::int32_t>{0, 1, 2}));
    QCOMPARE(summed.profile(0).weights, (std::vector<float>{28.0f, 1.5f, -3.0f}));
    meta.json = "{\"history_weight\": \"log1p\"}";
    const UserProfileBuilder damped(d, meta);
    const auto p = damped.profile(0);
    QCOMPARE(p.items, (std::vector<std::int32_t>{0, 1, 2}));
    QCOMPARE(p.weights.size(), std::size_t(3));
    QVERIFY(std::abs(p.weights[0] - 3.3672958f) < 1e-6f);
    QVERIFY(std::abs(p.weights[1] - 0.9162907f) < 1e-6f);  // ln 2.5
    QVERIFY(std::abs(p.weights[2] + 1.3862944f) < 1e-6f);
  }

  void profilesLeaveOutItemsBeyondTheLimit() {
    // A catalog grown by live events: item 2 came after the model, which knows items 0 and 1 only.
    const auto d = repeatedPurchases();
    ModelMetadata meta;
    meta.numItems = 2;
    UserProfileBuilder builder(d, meta);
    builder.setItemLimit(2);
    const auto p = builder.profile(0);
    QCOMPARE(p.items, (std::vector<std::int32_t>{0, 1}));
    QCOMPARE(p.weights, (std::vector<float>{28.0f, 1.5f}));
  }

  void metadataNamesTheWeighting_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("weighting");
    QTest::newRow("absent") << QString() << true << int(HistoryWeighting::Sum);
    QTest::newRow("sum") << QStringLiteral(", \"history_weight\": \"sum\"") << true
                         << int(HistoryWeighting::Sum);
    QTest::newRow("log1p") << QStringLiteral(", \"history_weight\": \"log1p\"") << true
                           << int(HistoryWeighting::Log1p);
    QTest::newRow("unknown") << QStringLiteral(", \"history_weight\": \"sqrt\"") << false << 0;
    QTest::newRow("not a string") << QStringLiteral(", \"history_weight\": 1") << false << 0;
  }

  void metadataNamesTheWeighting() {
    QFETCH(QString, key);
    QFETCH(bool, ok);
    QFETCH(int, weighting);
    const QString json =
        QStringLiteral(
            "{\"contract_version\": 2, \"kind\": \"bpr\", \"catalog_fingerprint\": \"ab\", "
            "\"dim\": 4, \"num_items\": 3, \"user_fields\": [], \"item_parts\": [\"item\"]") +
        key + QStringLiteral("}");
    const auto meta = parseModelMetadata(json.toStdString());
    QCOMPARE(meta.ok(), ok);
    if (ok) {
      auto named = historyWeightingOf(meta.value().json);
      QVERIFY(named.ok());
      QCOMPARE(int(named.value()), weighting);
    } else {
      QVERIFY2(meta.error().message.find("history_weight") != std::string::npos,
               meta.error().message.c_str());
    }
  }
};

QTEST_GUILESS_MAIN(TestHistoryWeight)
#include "tst_historyweight.moc"
