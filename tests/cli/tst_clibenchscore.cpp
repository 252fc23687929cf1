#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "cli/clirun.h"
#include "skiphelp.h"

using reclens::test::jsonAt;
using reclens::test::jsonNumber;

namespace {
const auto cli = reclens::test::runCli;
}  // namespace

// `bench score` at a tiny size: RecLens and PyTorch list the same top-K for every sampled user, and the
// JSON carries both sides' medians and p95 and the speed-ups (latency and throughput, > 1 = RecLens faster).
class TestCliBenchScore : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void agreesWithPyTorch() {
    RECLENS_SKIP_UNLESS(reclens::test::pythonCanImport("torch"),
                        "python3-torch is not installed: no python3 that can import torch for the baseline");
    const auto r = cli({"bench", "score", "--items", "3000", "--dim", "16", "--k", "10", "--users", "40",
                        "--repeat", "20", "--batch", "16", "--threads", "1", "--device", "cpu", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto json = QJsonDocument::fromJson(r.out).object();
    QVERIFY2(!jsonAt(json, "results.0.baseline_error").isString(), r.out.constData());
    QCOMPARE(jsonNumber(json, "results.0.items"), 3000.0);
    for (const char* side : {"results.0.single_ms", "results.0.pytorch.single_ms"}) {
      const auto at = QString::fromLatin1(side);
      QVERIFY2(jsonNumber(json, at + ".median") > 0.0, side);
      QVERIFY2(jsonNumber(json, at + ".p95") >= jsonNumber(json, at + ".median"), side);
      QCOMPARE(jsonNumber(json, at + ".runs"), 20.0);
    }
    QVERIFY(
        qAbs(jsonNumber(json, "results.0.speedup") - jsonNumber(json, "results.0.pytorch.single_ms.median") /
                                                         jsonNumber(json, "results.0.single_ms.median")) <
        1e-9 * jsonNumber(json, "results.0.speedup"));
    QVERIFY(qAbs(jsonNumber(json, "results.0.speedup_batch") -
                 jsonNumber(json, "results.0.batch_users_per_s") /
                     jsonNumber(json, "results.0.pytorch.batch_users_per_s")) <
            1e-9 * jsonNumber(json, "results.0.speedup_batch"));
    QCOMPARE(jsonNumber(json, "results.0.agreement.users"), 20.0);
    QCOMPARE(jsonNumber(json, "results.0.agreement.same_top_k"), 20.0);
    QVERIFY2(jsonAt(json, "results.0.agreement.agree") == QJsonValue(true), r.out.constData());
    QVERIFY(!jsonAt(json, "results.0.ratio").isObject());
  }
};

QTEST_GUILESS_MAIN(TestCliBenchScore)
#include "tst_clibenchscore.moc"
