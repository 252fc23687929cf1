#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/clirun.h"

#include "store/projectstore.h"

using namespace reclens;

namespace {
using Run = reclens::test::CliRun;
const auto cli = reclens::test::runCli;

QString sharedDir(const char* sub) {
  return QDir(QStringLiteral(RECLENS_SHARED_DATASETS_DIR)).filePath(QString::fromLatin1(sub));
}

}  // namespace

class TestCliImport : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;

 private Q_SLOTS:
  // Expected numbers were computed independently of the importer, with Python's csv and json modules
  // (Debian python3 3.11) over the files in ../shared/datasets:
  // - online-retail: rows kept = CustomerID != "" and not InvoiceNo.startswith("C") and
  //   re.fullmatch("[0-9]{5}[A-Za-z]*", StockCode) and float(Quantity) > 0 and float(UnitPrice) > 0;
  //   users = distinct CustomerID, items = distinct StockCode.upper(), pairs = distinct (CustomerID,
  //   StockCode.upper()), first/last = min/max InvoiceDate of the kept rows.
  // - complete-journey: interactions = all 75,000 rows; users = distinct household_id of the transactions
  //   united with demographics.csv; items = product_id of products.csv united with the transactions'
  //   product_id (5 ids are not in products.csv); pairs = distinct (household_id, product_id).
  // - amazon-beauty: users = lines of Beauty.txt, interactions = sum of (tokens - 1), items = distinct
  //   item tokens united with the keys of Beauty_item2attributes.json, pairs = distinct (user, item).
  void presets_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("folder");
    QTest::addColumn<qint64>("users");
    QTest::addColumn<qint64>("items");
    QTest::addColumn<qint64>("interactions");
    QTest::addColumn<qint64>("pairs");
    QTest::addColumn<qint64>("filtered");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");
    QTest::addColumn<QString>("userAttribute");
    QTest::addColumn<QString>("itemAttribute");
    QTest::newRow("online-retail") << "online-retail" << sharedDir("online-retail-2010") << qint64(1191)
                                   << qint64(2588) << qint64(41482) << qint64(36279) << qint64(70051 - 41482)
                                   << "2010-12-01T08:26:00Z"
                                   << "2011-01-25T10:38:00Z"
                                   << "Country"
                                   << "";
    QTest::newRow("complete-journey")
        << "complete-journey" << sharedDir("completejourney") << qint64(2377) << qint64(92336)
        << qint64(75000) << qint64(69254) << qint64(0) << "2017-01-01T07:30:27Z"
        << "2017-12-31T22:47:38Z"
        << "income"
        << "category";
    QTest::newRow("amazon-beauty") << "amazon-beauty" << sharedDir("amazon-beauty") << qint64(22363)
                                   << qint64(12101) << qint64(198502) << qint64(198502) << qint64(0) << ""
                                   << ""
                                   << ""
                                   << "brand";
  }
  void presets() {
    QFETCH(QString, preset);
    QFETCH(QString, folder);
    QFETCH(qint64, users);
    QFETCH(qint64, items);
    QFETCH(qint64, interactions);
    QFETCH(qint64, pairs);
    QFETCH(qint64, filtered);
    QFETCH(QString, first);
    QFETCH(QString, last);
    QFETCH(QString, userAttribute);
    QFETCH(QString, itemAttribute);
    if (!QDir(folder).exists())
      QSKIP(qPrintable(QStringLiteral("shared dataset folder %1 is absent").arg(folder)));
    const QString project = m_dir.filePath(preset + QStringLiteral(".reclens"));
    const auto imp = cli(
        {"import", "--project", project, "--preset", preset, "--dataset-dir", folder, "--json", "--quiet"});
    QVERIFY2(imp.exitCode == 0, imp.err.constData());
    const auto report = QJsonDocument::fromJson(imp.out).object();
    QCOMPARE(report.value("interactions").toInteger(), interactions);
    QCOMPARE(report.value("filtered_rows").toInteger(), filtered);
    QCOMPARE(report.value("skipped_rows").toInteger(), qint64(0));

    // The core view of the same project.
    auto store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    auto counts = store.value()->counts();
    QVERIFY(counts.ok());
    QCOMPARE(counts.value().users, users);
    QCOMPARE(counts.value().items, items);
    QCOMPARE(counts.value().interactions, interactions);

    const auto info = cli({"info", "--project", project, "--json"});
    QVERIFY2(info.exitCode == 0, info.err.constData());
    const auto j = QJsonDocument::fromJson(info.out).object();
    const auto c = j.value("counts").toObject();
    QCOMPARE(c.value("users").toInteger(), users);
    QCOMPARE(c.value("items").toInteger(), items);
    QCOMPARE(c.value("interactions").toInteger(), interactions);
    QCOMPARE(c.value("distinct_pairs").toInteger(), pairs);
    if (!first.isEmpty()) {
      QCOMPARE(j.value("time").toObject().value("first").toString(), first);
      QCOMPARE(j.value("time").toObject().value("last").toString(), last);
    }
    auto hasField = [](const QJsonArray& fields, const QString& name) {
      for (const auto& f : fields) {
        if (f.toObject().value("field").toString() == name) return true;
      }
      return false;
    };
    if (!userAttribute.isEmpty()) QVERIFY(hasField(j.value("user_attributes").toArray(), userAttribute));
    if (!itemAttribute.isEmpty()) QVERIFY(hasField(j.value("item_attributes").toArray(), itemAttribute));
  }

  void columnFlagsAndErrors() {
    const QString csv = m_dir.filePath("flags.tsv");
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("who\twhat\twhen\nu1\ti1\t1600000000\nu2\ti1\t1600000100\nu2\ti2\tlater\n");
    f.close();
    const QString project = m_dir.filePath("flags.reclens");
    auto ok = cli({"import", "--project", project, "--interactions", csv, "--user-col", "who", "--item-col",
                   "what", "--time-col", "when", "--delimiter", "\\t", "--quiet"});
    QCOMPARE(ok.exitCode, 0);
    QVERIFY2(ok.out.contains("rows skipped") && ok.out.contains("first lines 4"), ok.out.constData());
    auto strict =
        cli({"import", "--project", project, "--interactions", csv, "--user-col", "who", "--item-col", "what",
             "--time-col", "when", "--delimiter", "\\t", "--strict", "--quiet"});
    QCOMPARE(strict.exitCode, 3);
    QVERIFY2(strict.err.contains(csv.toUtf8() + ":4:3: "), strict.err.constData());
    QCOMPARE(strict.err.count('\n'), 1);
    auto missing = cli({"import", "--project", project, "--interactions", csv, "--user-col", "who",
                        "--item-col", "item", "--time-col", "when", "--delimiter", "\\t", "--quiet"});
    QCOMPARE(missing.exitCode, 3);
    QVERIFY2(missing.err.contains("\"item\"") && missing.err.contains("\"what\""), missing.err.constData());
    auto store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    QCOMPARE(store.value()->counts().value().interactions, std::int64_t{2});
  }

  // A control character in an id: in strict mode one line naming file, line and column; otherwise the
  // row is skipped and reported, and the project holds the other rows' ids only.
  void controlCharacterInAnIdNamesFileLineAndColumn() {
    const QString csv = m_dir.filePath("controls.csv");
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("user,item,ts\nu1,i1,1600000000\nu2,i" + QByteArray(1, '\0') +
            "5,1600000001\nu3,\"i\x1B[2J\",1600000002\nu4,i4,1600000003\n");
    f.close();
    const QString project = m_dir.filePath("controls.reclens");
    const QStringList args = {"import", "--project",  project, "--interactions", csv,  "--user-col",
                              "user",   "--item-col", "item",  "--time-col",     "ts", "--quiet"};
    auto strict = cli(args + QStringList{"--strict"});
    QCOMPARE(strict.exitCode, 3);
    QCOMPARE(strict.err.count('\n'), 1);
    QVERIFY2(strict.err.startsWith("reclens-cli: error: " + csv.toUtf8() + ":3:2: the item id \"i\\x005\""),
             strict.err.constData());
    QVERIFY2(strict.err.contains("NUL"), strict.err.constData());
    QVERIFY(!strict.err.contains('\0'));

    auto lenient = cli(args + QStringList{"--json"});
    QCOMPARE(lenient.exitCode, 0);
    const auto j = QJsonDocument::fromJson(lenient.out).object();
    QVERIFY2(j.value("interactions").isDouble(), lenient.out.constData());
    QCOMPARE(j.value("interactions").toInt(), 2);
    QVERIFY(j.value("skipped").isArray());
    const auto skipped = j.value("skipped").toArray();
    QCOMPARE(skipped.size(), 1);
    QVERIFY(skipped[0].isObject());
    const auto issue = skipped[0].toObject();
    QCOMPARE(issue.value("reason").toString(), QStringLiteral("control character in the item id"));
    QCOMPARE(issue.value("count").toInt(), 2);
    QCOMPARE(issue.value("first_lines").toArray(), (QJsonArray{3, 4}));
    QVERIFY(issue.value("first_message").toString().startsWith(csv + ":3:2: "));

    auto store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    auto d = store.value()->loadDataset();
    QVERIFY(d.ok());
    QCOMPARE(d.value().items.ids, (std::vector<std::string>{"i1", "i4"}));
    QCOMPARE(d.value().users.ids, (std::vector<std::string>{"u1", "u4"}));
  }

  // --time-format takes only the values it lists, like the other choice flags.
  void unknownTimeFormatIsABadCommandLine() {
    const QString csv = m_dir.filePath("times.csv");
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("user,item,ts\nu1,i1,1600000000\n");
    f.close();
    const QString project = m_dir.filePath("times.reclens");
    const QStringList args = {"import", "--project",  project, "--interactions", csv,  "--user-col",
                              "user",   "--item-col", "item",  "--time-col",     "ts", "--quiet"};
    for (const char* bad : {"unixtime", "ISO8601", ""}) {
      const auto r = cli(args + QStringList{"--time-format", QString::fromLatin1(bad)});
      QVERIFY2(r.exitCode == 2,
               (QByteArray(bad) + ": " + QByteArray::number(r.exitCode) + " " + r.err).constData());
      QCOMPARE(r.err.count('\n'), 1);
      QVERIFY2(r.err.contains("--time-format") && r.err.contains("unix") && r.err.contains("row-order"),
               r.err.constData());
      QVERIFY(!QFile::exists(project));  // refused before anything was opened
    }
    for (const char* good : {"auto", "iso8601", "unix", "row-order"}) {
      const auto r = cli(args + QStringList{"--time-format", QString::fromLatin1(good)});
      // iso8601 cannot read Unix seconds: every row is skipped and nothing is imported (exit 3).
      const int expected = QByteArray(good) == "iso8601" ? 3 : 0;
      QVERIFY2(r.exitCode == expected, (QByteArray(good) + ": " + r.err).constData());
    }
  }

  // A killed import leaves the previous dataset: SQLite rolls the open transaction back on the next open.
  void killedImportLeavesPreviousDataset() {
    const QString project = m_dir.filePath("kill.reclens");
    auto first = cli({"import", "--project", project, "--mapping",
                      QStringLiteral(RECLENS_TEST_DATA_DIR "/import/shop/mapping.json"), "--quiet"});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const QString big = m_dir.filePath("big.csv");
    {
      QFile f(big);
      QVERIFY(f.open(QIODevice::WriteOnly));
      QByteArray chunk;
      f.write("user,item,ts\n");
      for (int r = 0; r < 800000; ++r) {
        chunk += "u" + QByteArray::number(r % 5003) + ",i" + QByteArray::number(r % 997) + "," +
                 QByteArray::number(1600000000 + r) + "\n";
        if (chunk.size() > (1 << 20)) {
          f.write(chunk);
          chunk.clear();
        }
      }
      f.write(chunk);
    }
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.setReadChannel(QProcess::StandardError);  // waitForReadyRead must wake on the progress lines
    p.start(QStringLiteral(RECLENS_CLI_PATH),
            {"import", "--project", project, "--interactions", big, "--user-col", "user", "--item-col",
             "item", "--time-col", "ts"});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    while (!err.contains("reading interactions") && p.state() == QProcess::Running) {
      p.waitForReadyRead(10000);
      err += p.readAllStandardError();
    }
    QVERIFY2(p.state() == QProcess::Running, "the import finished before it could be killed");
    p.kill();  // SIGKILL
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);

    auto store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadWrite);
    QVERIFY(store.ok());
    auto counts = store.value()->counts();
    QVERIFY(counts.ok());
    QCOMPARE(counts.value().interactions, std::int64_t{4});
    QCOMPARE(counts.value().items, std::int64_t{3});
    QCOMPARE(store.value()->metaValue("dataset.name").value(), std::string("Shop sample"));
  }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cliimport.moc"
