#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/clirun.h"

using namespace reclens;

namespace {
using reclens::test::jsonAt;
const auto cli = reclens::test::runCli;
}  // namespace

// `reclens-cli simulate` on a generated project: the table, the JSON, shards and their merge, and the errors.
class TestCliSimulate : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString m_project;

  QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath("tiny.reclens");
    auto gen = cli({"generate", "--size", "tiny", "--project", m_project});
    QVERIFY2(gen.exitCode == 0, gen.err.constData());
    auto train = cli(
        {"train", "--project", m_project, "--model", "bpr", "--dim", "8", "--epochs", "3", "--threads", "1"});
    QVERIFY2(train.exitCode == 0, train.err.constData());
  }

  void tableAndJson() {
    const QString out = m_dir.filePath("sim.json");
    const QString html = m_dir.filePath("sim.html");
    auto r =
        cli({"simulate", "--project", m_project, "--policies", "greedy,egreedy:0.2,thompson,oracle",
             "--rounds", "3", "--seeds", "2", "--k", "5", "--threads", "1", "--out", out, "--html", html});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("egreedy:0.2"));
    QVERIFY(r.out.contains("cum. regret"));
    const auto j = readJson(out);
    QCOMPARE(jsonAt(j, "format").toString(), QString("reclens-simulation"));
    QVERIFY(jsonAt(j, "runs").isArray());
    QCOMPARE(jsonAt(j, "runs").toArray().size(), 4);
    QVERIFY(jsonAt(j, "runs.0.seeds").isArray());
    QCOMPARE(jsonAt(j, "runs.0.seeds").toArray().size(), 2);
    QCOMPARE(jsonAt(j, "runs.0.seeds.0.rounds").toArray().size(), 3);
    // The oracle's regret is zero; greedy's is not below it.
    const auto oracleRegret = jsonAt(j, "summary.3.final.cumulative_regret.mean");
    const auto greedyRegret = jsonAt(j, "summary.0.final.cumulative_regret.mean");
    QVERIFY(oracleRegret.isDouble() && greedyRegret.isDouble());
    QVERIFY(std::abs(oracleRegret.toDouble()) < 1e-12);
    QVERIFY(greedyRegret.toDouble() > 0.0);
    QVERIFY(jsonAt(j, "summary.0.group_gaps.region.takes.mean").isDouble());
    // Item groups: the gap table, the shares of the small attributes, and both in the JSON.
    QVERIFY(r.out.contains("Exposure gap of item groups"));
    QVERIFY(r.out.contains("Exposure share by category, final round:"));
    QCOMPARE(jsonAt(j, "item_attributes.0.name").toString(), QString("category"));
    const double gap = jsonAt(j, "summary.0.item_exposure.category.gap.mean").toDouble(-1.0);
    QVERIFY(gap > 0.0 && gap <= 1.0);
    QCOMPARE(jsonAt(j, "summary.0.item_exposure.category.gap_per_round").toArray().size(), 3);
    QVERIFY(jsonAt(j, "runs.0.seeds.0.rounds.0.item_exposure.0").isArray());
    // The HTML report: stamped, the policies in the table, a chart per main metric.
    QFile report(html);
    QVERIFY(report.open(QIODevice::ReadOnly));
    const QByteArray page = report.readAll();
    QVERIFY(page.contains("Simulation report"));
    QVERIFY(page.contains("Synthetic shop (tiny"));
    QVERIFY(page.contains("<td class=\"l\">egreedy:0.2</td>"));
    QVERIFY(page.contains("Item-group exposure"));
    QVERIFY(page.contains("Exposure share by category"));
    QCOMPARE(page.count("<svg"), 7);
  }

  void shardsMergeToTheWholeRun() {
    const QStringList common = {"simulate", "--project", m_project, "--policies", "greedy,linucb",
                                "--rounds", "2",         "--seeds", "3",          "--k",
                                "5",        "--threads", "1"};
    const QString whole = m_dir.filePath("whole.json");
    auto r = cli(common + QStringList{"--out", whole, "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QStringList parts;
    for (int s = 0; s < 2; ++s) {
      parts << m_dir.filePath(QString("part%1.json").arg(s));
      auto p = cli(common + QStringList{"--shard", QString("%1/2").arg(s), "--out", parts.back()});
      QVERIFY2(p.exitCode == 0, p.err.constData());
    }
    const QString merged = m_dir.filePath("merged.json");
    auto m = cli(QStringList{"simulate", "merge"} + parts + QStringList{"--out", merged});
    QVERIFY2(m.exitCode == 0, m.err.constData());
    auto a = readJson(whole);
    auto b = readJson(merged);
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    a.remove("seconds");
    b.remove("seconds");
    QCOMPARE(b, a);
    // One shard alone is not the whole run.
    auto lone = cli({"simulate", "merge", parts[0]});
    QCOMPARE(lone.exitCode, 3);
    QVERIFY(lone.err.contains("seed 1 is in no partial result"));
  }

  void reTrainingWindow() {
    const QString out = m_dir.filePath("window.json");
    const QString html = m_dir.filePath("window.html");
    auto r = cli({"simulate", "--project",
                  m_project,  "--policies",
                  "greedy",   "--rounds",
                  "3",        "--seeds",
                  "1",        "--k",
                  "5",        "--retrain-every",
                  "1",        "--retrain-epochs",
                  "1",        "--retrain-window",
                  "2",        "--threads",
                  "1",        "--out",
                  out,        "--html",
                  html});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("re-trained every 1 rounds on the last 2 rounds' data"), r.out.constData());
    QCOMPARE(jsonAt(readJson(out), "config.retrain_window").toInt(), 2);
    QCOMPARE(jsonAt(readJson(out), "runs.0.seeds.0.retrainings").toInt(), 2);
    QFile report(html);
    QVERIFY(report.open(QIODevice::ReadOnly));
    QVERIFY(report.readAll().contains("on the last 2 rounds"));
    auto negative = cli({"simulate", "--project", m_project, "--retrain-window", "-1"});
    QCOMPARE(negative.exitCode, 2);
    QVERIFY(negative.err.contains("--retrain-window"));
  }

  void errorsAreOneClearLine() {
    auto bad = cli({"simulate", "--project", m_project, "--policies", "greedy,bandit"});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.contains("unknown policy 'bandit'"));
    auto shard = cli({"simulate", "--project", m_project, "--shard", "0/2"});
    QCOMPARE(shard.exitCode, 2);
    QVERIFY(shard.err.contains("--out"));
    auto exam = cli({"simulate", "--project", m_project, "--examination", "zigzag"});
    QCOMPARE(exam.exitCode, 2);
    QVERIFY(exam.err.contains("examination model 'zigzag'"));
  }
};

QTEST_GUILESS_MAIN(TestCliSimulate)
#include "tst_clisimulate.moc"
