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

// `bench whatif` on small random models: RecLens and the plain-PyTorch round trip give the same lists,
// the same overlap and the same attributions, and the JSON carries both sides' medians and the speed-up.
class TestCliBenchWhatIf : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void agreesWithPyTorch_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("averaged") << QStringLiteral("averaged");
    QTest::newRow("twotower") << QStringLiteral("twotower");
  }

  void agreesWithPyTorch() {
    RECLENS_SKIP_UNLESS(reclens::test::pythonCanImport("torch"),
                        "python3-torch is not installed: no python3 that can import torch for the baseline");
    QFETCH(QString, kind);
    const auto r = cli({"bench",       "whatif", "--items", "3000", "--dim",     "16",  "--k",      "20",
                        "--explain-k", "5",      "--steps", "8",    "--history", "12",  "--repeat", "4",
                        "--threads",   "1",      "--kind",  kind,   "--device",  "cpu", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto json = QJsonDocument::fromJson(r.out).object();
    QVERIFY2(!jsonAt(json, "baseline_error").isString(), r.out.constData());
    QCOMPARE(jsonNumber(json, "items"), 3000.0);
    for (const char* side : {"reclens_ms", "reclens_full_ms", "pytorch.ms"}) {
      const auto at = QString::fromLatin1(side);
      QVERIFY2(jsonNumber(json, at + ".median") > 0.0, side);
      QVERIFY2(jsonNumber(json, at + ".p95") >= jsonNumber(json, at + ".median"), side);
      QCOMPARE(jsonNumber(json, at + ".runs"), 4.0);
    }
    QVERIFY(qAbs(jsonNumber(json, "speedup") -
                 jsonNumber(json, "pytorch.ms.median") / jsonNumber(json, "reclens_ms.median")) <
            1e-9 * jsonNumber(json, "speedup"));
    QCOMPARE(jsonNumber(json, "agreement.edits"), 6.0);  // two warm-up edits and four timed ones
    QCOMPARE(jsonNumber(json, "agreement.same_lists"), 6.0);
    QVERIFY2(jsonNumber(json, "agreement.max_abs_difference") <= jsonNumber(json, "agreement.tolerance"),
             r.out.constData());
    QVERIFY(jsonNumber(json, "mean_overlap") > 0.0);
    QCOMPARE(jsonNumber(json, "agreement.mean_overlap_pytorch"), jsonNumber(json, "mean_overlap"));
    QVERIFY2(jsonAt(json, "agreement.agree") == QJsonValue(true), r.out.constData());
    QVERIFY(!json.contains(QStringLiteral("ratio_median_time")));
    // Ranking from the unedited profile's remembered scores gives the lists of full passes.
    QCOMPARE(jsonNumber(json, "nearby.edits"), 6.0);
    QCOMPARE(jsonNumber(json, "nearby.same_lists_as_full"), 6.0);
    if (kind == QLatin1String("averaged")) {
      // Removing or re-weighting one of 12 averaged items moves the user vector little.
      QVERIFY(jsonNumber(json, "nearby.answered") >= 1.0);
      QVERIFY(jsonNumber(json, "nearby.median_scored") < 3000.0);
    }
    QVERIFY(qAbs(jsonNumber(json, "speedup_full") -
                 jsonNumber(json, "pytorch.ms.median") / jsonNumber(json, "reclens_full_ms.median")) <
            1e-9 * jsonNumber(json, "speedup_full"));
  }

  void refusesBadArguments() {
    QCOMPARE(cli({"bench", "whatif", "--history", "1"}).exitCode, 2);
    QCOMPARE(cli({"bench", "whatif", "--model", "/nonexistent.pt"}).exitCode, 2);
    QCOMPARE(cli({"bench", "whatif", "--kind", "transformer"}).exitCode, 2);
  }
};

QTEST_GUILESS_MAIN(TestCliBenchWhatIf)
#include "tst_clibenchwhatif.moc"
