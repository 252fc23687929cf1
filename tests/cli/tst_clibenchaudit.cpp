#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "cli/clirun.h"
#include "skiphelp.h"

using reclens::test::jsonAt;
using reclens::test::jsonNumber;

namespace {}  // namespace

// `bench audit` on a tiny synthetic world: the PyTorch + numpy audit lists the same top-K, computes the
// same metrics, and its bootstrap intervals and permutation p-values lie within their Monte Carlo
// tolerance of RecLens's; the JSON carries both sides' medians and the speed-up.
class TestCliBenchAudit : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void agreesWithPyTorch() {
    RECLENS_SKIP_UNLESS(reclens::test::pythonCanImport("torch, numpy"),
                        "python3-torch (or python3-numpy) is not installed: the baseline needs both");
    const QStringList args = {
        "bench",     "audit", "--items",   "1000", "--users",     "300", "--dim",          "8",
        "--k",       "5",     "--repeats", "2",    "--bootstrap", "300", "--permutations", "300",
        "--threads", "1",     "--device",  "cpu",  "--json"};
    const auto r = reclens::test::runCliWithin(args, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto json = QJsonDocument::fromJson(r.out).object();
    QVERIFY2(jsonAt(json, "pytorch").isObject(), r.out.constData());
    QCOMPARE(jsonNumber(json, "cpus"), 1.0);
    QCOMPARE(jsonNumber(json, "pytorch.threads"), 1.0);
    for (const char* side : {"reclens.seconds", "pytorch.seconds"}) {
      const auto at = QString::fromLatin1(side);
      QVERIFY2(jsonNumber(json, at + ".median") > 0.0, side);
      QVERIFY2(jsonNumber(json, at + ".p95") >= jsonNumber(json, at + ".median"), side);
      QCOMPARE(jsonNumber(json, at + ".runs"), 2.0);
    }
    QVERIFY(qAbs(jsonNumber(json, "speedup") -
                 jsonNumber(json, "pytorch.seconds.median") / jsonNumber(json, "reclens.seconds.median")) <
            1e-9 * jsonNumber(json, "speedup"));
    QVERIFY(jsonNumber(json, "agreement.users") > 0.0);
    QCOMPARE(jsonNumber(json, "agreement.same_top_k"), jsonNumber(json, "agreement.users"));
    QVERIFY2(jsonNumber(json, "agreement.max_metric_difference") <= 1e-6, r.out.constData());
    QVERIFY2(jsonAt(json, "mismatches").isArray() && jsonAt(json, "mismatches").toArray().isEmpty(),
             r.out.constData());
    // Each attribute has three metrics, each a p-value and two interval ends per group.
    QVERIFY(jsonNumber(json, "random_parts.compared") >= 9.0);
    QCOMPARE(jsonNumber(json, "random_parts.outside_tolerance"), 0.0);
    QVERIFY2(jsonAt(json, "agreement.agree") == QJsonValue(true), r.out.constData());
  }
};

QTEST_GUILESS_MAIN(TestCliBenchAudit)
#include "tst_clibenchaudit.moc"
