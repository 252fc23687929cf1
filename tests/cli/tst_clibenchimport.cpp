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

// `bench import` on a small synthetic CSV: the Python csv + sqlite3 baseline imports the same files and
// writes as many rows, interactions, items and users as RecLens; the JSON carries the speed-up.
class TestCliBenchImport : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void agreesWithPython() {
    RECLENS_SKIP_UNLESS(reclens::test::pythonCanImport("csv, sqlite3"),
                        "no python3 with the csv and sqlite3 modules for the baseline");
    const auto r =
        cli({"bench", "import", "--rows", "5000", "--synthetic-only", "--repeat", "2", "--quiet", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto json = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(jsonAt(json, "cases.0.name").toString(), QStringLiteral("synthetic"));
    QVERIFY2(jsonAt(json, "cases.0.baseline").isObject(), r.out.constData());
    for (const char* key : {"rows", "interactions", "items", "users"}) {
      const auto k = QString::fromLatin1(key);
      QVERIFY2(jsonNumber(json, "cases.0." + k) > 0.0, key);
      QCOMPARE(jsonNumber(json, "cases.0.baseline." + k), jsonNumber(json, "cases.0." + k));
    }
    for (const char* side : {"cases.0.seconds", "cases.0.baseline.seconds"}) {
      const auto at = QString::fromLatin1(side);
      QVERIFY2(jsonNumber(json, at + ".median") > 0.0, side);
      QCOMPARE(jsonNumber(json, at + ".runs"), 2.0);
    }
    QVERIFY(qAbs(jsonNumber(json, "cases.0.speedup") - jsonNumber(json, "cases.0.baseline.seconds.median") /
                                                           jsonNumber(json, "cases.0.seconds.median")) <
            1e-9 * jsonNumber(json, "cases.0.speedup"));
    QVERIFY2(jsonAt(json, "cases.0.agree") == QJsonValue(true), r.out.constData());
  }
};

QTEST_GUILESS_MAIN(TestCliBenchImport)
#include "tst_clibenchimport.moc"
