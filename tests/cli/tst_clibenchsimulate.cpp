#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

#include "cli/clirun.h"
#include "skiphelp.h"

using reclens::test::jsonAt;
using reclens::test::jsonNumber;

namespace {
const auto cli = reclens::test::runCli;
}  // namespace

// `bench simulate` on the tiny world: both loops run on both sides, the first round (before any random draw
// changes a list) agrees value for value, the re-training happens where the schedule says, the engagement
// of the two sides agrees in distribution, and the JSON carries the speed-up as baseline / RecLens.
class TestCliBenchSimulate : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void agreesWithPyTorch() {
    RECLENS_SKIP_UNLESS(reclens::test::pythonCanImport("torch, numpy"),
                        "no python3 with torch and numpy for the baseline");
    const auto r = cli({"bench", "simulate", "--size", "tiny", "--rounds", "4", "--k", "5", "--retrain-every",
                        "2", "--retrain-epochs", "1", "--threads", "1", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto json = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(jsonNumber(json, "users"), 200.0);
    QCOMPARE(jsonNumber(json, "items"), 300.0);
    const auto scenarios = jsonAt(json, "scenarios").toArray();
    QCOMPARE(scenarios.size(), 2);
    // Re-trained after round 2 only: never after the last round.
    const double retrainings[] = {1.0, 0.0};
    for (int s = 0; s < 2; ++s) {
      const auto o = scenarios[s].toObject();
      QVERIFY2(o.value(QStringLiteral("pytorch")).isObject(), r.out.constData());
      QCOMPARE(jsonNumber(o, "retrainings"), retrainings[s]);
      QVERIFY2(jsonAt(o, "agreement.agree") == QJsonValue(true), r.out.constData());
      QCOMPARE(jsonNumber(o, "agreement.round_one_same_slates"), 200.0);
      const double ours = jsonNumber(o, "cumulative_takes");
      const double theirs = jsonNumber(o, "pytorch.cumulative_takes");
      // After round 1 the two sides draw from different generators: their engagement must agree within
      // sampling error. Takes are counts, so each side's mean over 200 users has a variance of about its
      // mean / 200; four standard errors of the difference (a Thompson sampler that ranked at random, or a
      // re-training that did not learn, falls well outside).
      const double bound = 4.0 * std::sqrt((ours + theirs) / 200.0);
      QVERIFY2(ours > 0.1 && qAbs(ours - theirs) < bound,
               qPrintable(QStringLiteral("%1 vs %2, bound %3").arg(ours).arg(theirs).arg(bound)));
      QVERIFY(qAbs(jsonNumber(o, "speedup") -
                   jsonNumber(o, "pytorch.s.median") / jsonNumber(o, "reclens_s.median")) <
              1e-9 * jsonNumber(o, "speedup"));
    }
  }

  void refusesBadOptions() {
    const auto r = cli({"bench", "simulate", "--size", "nosuch", "--no-baseline"});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("nosuch"), r.err.constData());
  }
};

QTEST_GUILESS_MAIN(TestCliBenchSimulate)
#include "tst_clibenchsimulate.moc"
