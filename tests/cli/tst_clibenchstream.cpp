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

// `bench stream` on a small project: the Python csv + sqlite3 baseline appends the same events and writes
// as many events, new users and items and interactions as RecLens; the JSON carries the speed-up.
class TestCliBenchStream : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void agreesWithPython() {
    RECLENS_SKIP_UNLESS(reclens::test::pythonCanImport("csv, sqlite3"),
                        "no python3 with the csv and sqlite3 modules for the baseline");
    const auto r = cli({"bench", "stream", "--interactions", "20000", "--events", "6000", "--batch", "100",
                        "--repeat", "2", "--quiet", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto json = QJsonDocument::fromJson(r.out).object();
    QVERIFY2(jsonAt(json, "baseline").isObject(), r.out.constData());
    QCOMPARE(jsonNumber(json, "events"), 6000.0);
    QCOMPARE(jsonNumber(json, "transactions"), 60.0);  // 6000 events in transactions of 100
    // About 5% of the events bring a new user (and of items), from a pool of 120 ids per side.
    QVERIFY(jsonNumber(json, "users_created") > 50.0 && jsonNumber(json, "users_created") <= 120.0);
    QVERIFY(jsonNumber(json, "items_created") > 50.0 && jsonNumber(json, "items_created") <= 120.0);
    for (const char* side : {"seconds", "baseline.seconds"}) {
      const auto at = QString::fromLatin1(side);
      QVERIFY2(jsonNumber(json, at + ".median") > 0.0, side);
      QCOMPARE(jsonNumber(json, at + ".runs"), 2.0);
    }
    QVERIFY(qAbs(jsonNumber(json, "events_per_second") - 6000.0 / jsonNumber(json, "seconds.median")) < 1e-6);
    QVERIFY(qAbs(jsonNumber(json, "speedup") -
                 jsonNumber(json, "baseline.seconds.median") / jsonNumber(json, "seconds.median")) <
            1e-9 * jsonNumber(json, "speedup"));
    QVERIFY2(jsonAt(json, "agree") == QJsonValue(true), r.out.constData());
    QVERIFY(jsonAt(json, "not_included").toString().contains(QStringLiteral("fold-in")));
  }
};

QTEST_GUILESS_MAIN(TestCliBenchStream)
#include "tst_clibenchstream.moc"
