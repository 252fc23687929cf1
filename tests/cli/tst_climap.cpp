#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/clirun.h"

namespace {
const auto cli = reclens::test::runCli;
const auto readAll = reclens::test::fileBytes;
}  // namespace

class TestCliMap : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

 private Q_SLOTS:
  // Generated vectors: the timings as JSON, a CSV of every item, the same layout for the same seed.
  void generatedVectors() {
    QVERIFY(m_dir.isValid());
    const QString first = m_dir.filePath(QStringLiteral("a.csv")),
                  second = m_dir.filePath(QStringLiteral("b.csv"));
    const QStringList args = {"map",      "--items", "2000",   "--dim", "8",      "--clusters", "5",
                              "--method", "umap",    "--seed", "3",     "--json", "--quiet"};
    auto r = cli(args + QStringList{"--out", first});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto json = QJsonDocument::fromJson(r.out).object();
    QVERIFY(json.value(QStringLiteral("method")).isString());
    QCOMPARE(json.value(QStringLiteral("method")).toString(), QStringLiteral("umap"));
    QCOMPARE(RECLENS_JSON_NUMBER(json, "items"), 2000.0);
    QCOMPARE(RECLENS_JSON_NUMBER(json, "epochs"), 500.0);  // below 10,000 items
    QVERIFY(RECLENS_JSON_NUMBER(json, "edges") > 2000.0);
    QVERIFY(RECLENS_JSON_NUMBER(json, "peak_rss_mib") > 0.0);
    const auto lines = readAll(first).split('\n');
    QCOMPARE(lines.front(), QByteArray("item,x,y"));
    QCOMPARE(lines.size(), 2000 + 2);  // header, rows, the final newline
    r = cli(args + QStringList{"--out", second});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(readAll(second), readAll(first));
    // PCA too, and usage errors.
    r = cli({"map", "--items", "500", "--dim", "4", "--method", "pca", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.startsWith("pca of 500 items x 4 dims"), r.out.constData());
    // t-SNE: its settings in the JSON, the same layout for the same seed.
    const QStringList tsne = {"map",        "--items", "600",      "--dim",  "8",
                              "--clusters", "4",       "--method", "tsne",   "--iterations",
                              "300",        "--seed",  "3",        "--json", "--quiet"};
    r = cli(tsne + QStringList{"--out", first});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto tsneJson = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(tsneJson.value(QStringLiteral("method")).toString(), QStringLiteral("tsne"));
    QCOMPARE(RECLENS_JSON_NUMBER(tsneJson, "perplexity"), 30.0);
    QCOMPARE(RECLENS_JSON_NUMBER(tsneJson, "iterations"), 300.0);
    r = cli(tsne + QStringList{"--out", second});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(readAll(second), readAll(first));
    r = cli({"map", "--items", "500", "--method", "sammon"});
    QCOMPARE(r.exitCode, 2);
    r = cli({"map", "--method", "pca"});
    QCOMPARE(r.exitCode, 2);
  }

  // A project's model: one row per catalog item, named by its id.
  void projectModel() {
    const QString project = m_dir.filePath(QStringLiteral("tiny.reclens"));
    auto r = cli({"generate", "--size", "tiny", "--project", project, "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli({"train", "--project", project, "--model", "bpr", "--dim", "8", "--epochs", "1", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString out = m_dir.filePath(QStringLiteral("tiny.csv"));
    r = cli({"map", "--project", project, "--method", "umap", "--out", out, "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto lines = readAll(out).split('\n');
    QCOMPARE(lines.size(), 300 + 2);
    QVERIFY(!lines[1].startsWith("0,"));  // an item id, not a row number
  }
};

QTEST_GUILESS_MAIN(TestCliMap)
#include "tst_climap.moc"
