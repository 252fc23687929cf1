#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/clirun.h"

#include "store/projectstore.h"

using namespace reclens;

namespace {
using reclens::test::runCli;
using Run = reclens::test::CliRun;

QJsonObject attribute(const QJsonArray& fields, const QString& name) {
  for (const auto& f : fields) {
    if (f.toObject().value("field").toString() == name) return f.toObject();
  }
  return {};
}

}  // namespace

class TestCliInfo : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void generateThenInfo() {
    QTemporaryDir dir;
    const auto project = dir.filePath("shop.reclens");
    const auto gen =
        runCli({"generate", "--project", project, "--size", "tiny", "--seed", "3", "--json", "--quiet"});
    QVERIFY2(gen.exitCode == 0, gen.err.constData());
    const auto summary = QJsonDocument::fromJson(gen.out).object();
    const auto interactions = summary.value("interactions").toInteger();
    QVERIFY(interactions > 4000);
    QCOMPARE(summary.value("project").toString(), project);
    QVERIFY(summary.value("planted_truth").toObject().contains("under_exposed_brand"));

    const auto info = runCli({"info", "--project", project, "--json"});
    QVERIFY2(info.exitCode == 0, info.err.constData());
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(info.out, &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    const auto o = doc.object();
    QCOMPARE(o.value("project").toString(), project);
    QCOMPARE(o.value("schema_version").toInt(), ProjectStore::kSchemaVersion);
    const auto dataset = o.value("dataset").toObject();
    QVERIFY(dataset.value("name").toString().contains("tiny"));
    QVERIFY(dataset.value("source").toString().contains("seed 3"));
    QCOMPARE(dataset.value("time_unit").toString(), QString("unix-seconds"));

    const auto counts = o.value("counts").toObject();
    QCOMPARE(counts.value("users").toInteger(), qint64(200));
    QCOMPARE(counts.value("items").toInteger(), qint64(300));
    QCOMPARE(counts.value("interactions").toInteger(), interactions);
    QVERIFY(RECLENS_JSON_INT(counts, "distinct_pairs") <= interactions);
    QVERIFY(counts.value("distinct_pairs").toInteger() > interactions * 9 / 10);
    QCOMPARE(counts.value("active_users").toInteger(), qint64(200));
    QVERIFY(counts.value("interacted_items").toInteger() > 100);
    const double sparsity = o.value("sparsity").toDouble();
    QVERIFY(sparsity > 0.8 && sparsity < 1.0);

    const auto time = o.value("time").toObject();
    const QRegularExpression iso("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$");
    QVERIFY(iso.match(time.value("first").toString()).hasMatch());
    QVERIFY(iso.match(time.value("last").toString()).hasMatch());
    QVERIFY(time.value("first").toString() < time.value("last").toString());
    QCOMPARE(time.value("unit").toString(), QString("unix-seconds"));
    const double gini = o.value("popularity_gini").toDouble();
    QVERIFY(gini > 0.0 && gini < 1.0);
    QCOMPARE(o.value("mean_interactions_per_user").toDouble(), double(interactions) / 200.0);

    const auto users = o.value("user_attributes").toArray();
    QCOMPARE(users.size(), 3);
    const auto region = attribute(users, "region");
    QCOMPARE(region.value("distinct").toInt(), 5);
    QCOMPARE(RECLENS_JSON_INT(region, "missing"), qint64(0));
    qint64 regionTotal = 0;
    for (const auto& v : region.value("values").toArray())
      regionTotal += v.toObject().value("count").toInteger();
    QCOMPARE(regionTotal, qint64(200));
    const auto gender = attribute(users, "gender");
    QCOMPARE(gender.value("missing").toInteger() +
                 gender.value("values").toArray()[0].toObject().value("count").toInteger() +
                 gender.value("values").toArray()[1].toObject().value("count").toInteger(),
             qint64(200));
    const auto items = o.value("item_attributes").toArray();
    const auto brand = attribute(items, "brand");
    QCOMPARE(brand.value("distinct").toInt(), 16);
    QCOMPARE(attribute(items, "category").value("distinct").toInt(), 8);
    const auto values = brand.value("values").toArray();
    for (int k = 1; k < values.size(); ++k) {
      QVERIFY(values[k - 1].toObject().value("count").toInteger() >=
              values[k].toObject().value("count").toInteger());
    }

    const auto truth = o.value("planted_truth").toObject();
    QCOMPARE(truth.size(), 4);
    QCOMPARE(truth.value("region_category_preference").toObject().value("group").toString(),
             QString("North"));
    QCOMPARE(truth.value("interest_drift").toObject().value("cohort").toString(), QString("18-24"));
    QCOMPARE(truth.value("group_quality_gap").toObject().value("group").toString(), QString("Islands"));

    // People get a table with the same facts.
    const auto table = runCli({"info", "--project", project, "--quiet"});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains("Popularity"));
    QVERIFY(table.out.contains("region_category_preference"));
  }

  void generateCsvFolder() {
    QTemporaryDir dir;
    const auto out = dir.filePath("csv");
    const auto gen = runCli({"generate", "--csv", out, "--size", "tiny", "--users", "50", "--interactions",
                             "1000", "--json", "--quiet"});
    QVERIFY2(gen.exitCode == 0, gen.err.constData());
    const auto summary = QJsonDocument::fromJson(gen.out).object();
    QCOMPARE(summary.value("csv").toString(), out);
    QCOMPARE(summary.value("users").toInteger(), qint64(50));
    for (const char* f : {"interactions.csv", "items.csv", "users.csv", "truth.json"}) {
      QVERIFY2(QFile::exists(out + "/" + f), f);
    }
  }

  void errors_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("not a project") << "text" << 3;
    QTest::newRow("missing file") << "missing" << 4;
    QTest::newRow("empty project") << "empty" << 3;
  }
  void errors() {
    QFETCH(QString, kind);
    QFETCH(int, exitCode);
    QTemporaryDir dir;
    const auto path = dir.filePath("p.reclens");
    if (kind == "text") {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("user,item\n1,2\n");
    } else if (kind == "empty") {
      QVERIFY(ProjectStore::open(path.toStdString(), ProjectStore::Mode::Create).ok());
    }
    const auto r = runCli({"info", "--project", path, "--json"});
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY(r.err.startsWith("reclens-cli: error: "));
  }

  void generateUsageErrors() {
    const auto neither = runCli({"generate", "--size", "tiny"});
    QCOMPARE(neither.exitCode, 2);
    QCOMPARE(neither.err.count('\n'), 1);
    const auto badSize = runCli({"generate", "--project", "x.reclens", "--size", "gigantic"});
    QCOMPARE(badSize.exitCode, 2);
    QCOMPARE(badSize.err.count('\n'), 1);
  }
};

QTEST_GUILESS_MAIN(TestCliInfo)
#include "tst_cliinfo.moc"
