// reclens-cli audit on the split the model was trained on: the provenance's split_spec, --holdout, and the
// merge of shards, which rebuilds the split from it.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/clirun.h"

namespace {
const auto cli = reclens::test::runCli;

QJsonObject readJson(const QString& path) {
  return QJsonDocument::fromJson(reclens::test::readFile(path)).object();
}

// Small statistics settings keep every audit of the tiny project well under a second.
const QStringList kFast = {"--k", "10",     "--bootstrap", "200",    "--permutations",
                           "200", "--seed", "5",           "--quiet"};
}  // namespace

class TestCliAuditSplit : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString path(const QString& name) const { return m_dir.filePath(name); }

 private Q_SLOTS:
  // A model is audited on the split it was trained on (here one calendar), unless --holdout asks for the
  // time split; shards record the split and their merge rebuilds it.
  void aModelIsAuditedOnItsOwnSplit() {
    const auto project = path("global.reclens");
    auto r = cli({"generate", "--size", "tiny", "--project", project, "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli({"train", "--project", project, "--model", "bpr", "--dim", "8", "--epochs", "2", "--split",
             "global", "--threads", "1", "--device", "cpu", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli(QStringList{"audit", "--project", project, "--json", path("global-whole.json")} + kFast);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto whole = readJson(path("global-whole.json"));
    auto provenance = whole.value("provenance").toObject();
    QCOMPARE(provenance.value("split_spec").toString(), QString("global:0.8,0.1"));
    QVERIFY2(provenance.value("split").toString().contains("one calendar"),
             qPrintable(provenance.value("split").toString()));
    r = cli(QStringList{"audit", "--project", project, "--holdout", "1", "--json", path("global-time.json")} +
            kFast);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto time = readJson(path("global-time.json"));
    QCOMPARE(time.value("provenance").toObject().value("split_spec").toString(), QString("time:1"));
    QVERIFY(RECLENS_JSON_INT(time.value("metrics").toObject(), "evaluated_users") !=
            RECLENS_JSON_INT(whole.value("metrics").toObject(), "evaluated_users"));

    QStringList parts;
    for (int i = 0; i < 2; ++i) {
      parts << path(QString("global-part-%1.json").arg(i));
      r = cli(QStringList{"audit", "--project", project, "--shard", QString("%1/2").arg(i), "--out",
                          parts.back()} +
              kFast);
      QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    r = cli(
        QStringList{"audit", "merge", "--project", project, "--quiet", "--json", path("global-merged.json")} +
        parts);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto merged = readJson(path("global-merged.json"));
    QCOMPARE(merged.value("metrics").toObject(), whole.value("metrics").toObject());
    QCOMPARE(merged.value("provenance").toObject().value("split_spec").toString(), QString("global:0.8,0.1"));
    // A shard of another split does not merge with these.
    const auto other = path("global-time-part.json");
    r = cli(QStringList{"audit", "--project", project, "--holdout", "1", "--shard", "1/2", "--out", other} +
            kFast);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli(QStringList{"audit", "merge", "--project", project, "--quiet", parts[0], other});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.contains("different splits"), r.err.constData());
  }
};

QTEST_GUILESS_MAIN(TestCliAuditSplit)
#include "tst_cliauditsplit.moc"
