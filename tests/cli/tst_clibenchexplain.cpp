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

// `bench explain` on small random models, every method: RecLens and the batched PyTorch baseline give
// the same attributions (Shapley: within their standard errors, both complete), and the JSON carries both
// sides' medians and p95 and the speed-up.
class TestCliBenchExplain : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void agreesWithPyTorch_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("method");
    QTest::addColumn<int>("parts");
    for (const auto& kind : {QStringLiteral("averaged"), QStringLiteral("twotower")}) {
      const int parts = kind == QLatin1String("twotower") ? 2 : 1;
      for (const auto& method : {"ig", "gradxinput", "occlusion", "shapley"}) {
        QTest::newRow(qPrintable(kind + "/" + method)) << kind << QString::fromLatin1(method) << parts;
      }
    }
  }

  void agreesWithPyTorch() {
    RECLENS_SKIP_UNLESS(reclens::test::pythonCanImport("torch"),
                        "python3-torch is not installed: no python3 that can import torch for the baseline");
    QFETCH(QString, kind);
    QFETCH(QString, method);
    QFETCH(int, parts);
    const auto r = cli({"bench",    "explain",   "--items",   "2000",    "--dim",  "16",        "--k",
                        "5",        "--history", "12",        "--steps", "16",     "--samples", "64",
                        "--repeat", "3",         "--threads", "1",       "--kind", kind,        "--method",
                        method,     "--device",  "cpu",       "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto json = QJsonDocument::fromJson(r.out).object();
    QVERIFY2(!jsonAt(json, "baseline_error").isString(), r.out.constData());
    QCOMPARE(jsonAt(json, "method").toString(), method);
    // Both random models declare their closed form, which RecLens verifies and uses.
    QVERIFY2(jsonAt(json, "engine").toString().startsWith(QStringLiteral("closed form")), r.out.constData());
    QCOMPARE(jsonNumber(json, "k"), 5.0);
    QCOMPARE(jsonNumber(json, "item_parts"), double(parts));
    for (const char* side : {"reclens_ms", "pytorch.ms"}) {
      const auto at = QString::fromLatin1(side);
      QVERIFY2(jsonNumber(json, at + ".median") > 0.0, side);
      QVERIFY2(jsonNumber(json, at + ".p95") >= jsonNumber(json, at + ".median"), side);
      QCOMPARE(jsonNumber(json, at + ".runs"), 3.0);
    }
    // The speed-up is the baseline's median over RecLens's.
    QVERIFY(jsonNumber(json, "speedup") > 0.0);
    QVERIFY(qAbs(jsonNumber(json, "speedup") -
                 jsonNumber(json, "pytorch.ms.median") / jsonNumber(json, "reclens_ms.median")) <
            1e-9 * jsonNumber(json, "speedup"));
    QVERIFY(jsonAt(json, "speedup_text").toString().startsWith(QStringLiteral("speed-up \u00d7")));
    QCOMPARE(jsonAt(json, "pytorch.batched"), QJsonValue(true));
    QVERIFY2(jsonNumber(json, "agreement.max_abs_output_difference") < 1e-4, r.out.constData());
    if (method == QLatin1String("shapley")) {
      QCOMPARE(jsonNumber(json, "agreement.shapley.compared"), 5.0 * (12 + 1 + parts));
      QCOMPARE(jsonNumber(json, "agreement.shapley.outside_tolerance"), 0.0);
      QVERIFY(jsonNumber(json, "agreement.completeness_pytorch") < 1e-4);
      QVERIFY(jsonNumber(json, "agreement.completeness_reclens") < 1e-4);
    } else {
      QVERIFY2(jsonNumber(json, "agreement.max_abs_difference") <= jsonNumber(json, "agreement.tolerance"),
               r.out.constData());
      QVERIFY(jsonNumber(json, "agreement.max_abs_attribution") > 0.0);
    }
    QVERIFY2(jsonAt(json, "agreement.agree") == QJsonValue(true), r.out.constData());
  }

  void textSaysTheDirection() {
    RECLENS_SKIP_UNLESS(reclens::test::pythonCanImport("torch"),
                        "python3-torch is not installed: no python3 that can import torch for the baseline");
    const auto r = cli({"bench", "explain", "--items", "1000", "--dim", "8", "--k", "3", "--history", "6",
                        "--steps", "8", "--repeat", "3", "--threads", "1", "--naive", "--device", "cpu"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral(
                 "speed-up \u00d7[0-9.e+]+ \\(RecLens (faster|slower)\\)|speed-up \u00d71 \\(as fast\\)"))),
             r.out.constData());
    QVERIFY2(text.contains(QStringLiteral("naive PyTorch loop")), r.out.constData());
    QVERIFY2(text.contains(QStringLiteral("the two sides agree")), r.out.constData());
    QVERIFY2(!text.contains(QStringLiteral("ratio")), r.out.constData());
  }

  void refusesBadArguments() {
    QCOMPARE(cli({"bench", "explain", "--method", "lime"}).exitCode, 2);
    QCOMPARE(cli({"bench", "explain", "--kind", "transformer"}).exitCode, 2);
    QCOMPARE(cli({"bench", "explain", "--model", "/nonexistent.pt"}).exitCode, 2);
  }
};

QTEST_GUILESS_MAIN(TestCliBenchExplain)
#include "tst_clibenchexplain.moc"
