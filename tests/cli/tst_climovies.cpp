// The command line on the movie-ratings layout of tests/data/import/movies (tab-separated ratings and
// pipe-separated users without a header, Latin-1 items with one-hot genres): import flags, the report's
// encoding line, `catalog export`, `models register` and an audit grouped by a set-valued attribute.
// Expected values are worked out by hand from those files.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/clirun.h"

namespace {
const auto cli = reclens::test::runCli;
const auto readAll = reclens::test::readFile;

QString movies(const char* file) {
  return QStringLiteral(RECLENS_TEST_DATA_DIR "/import/movies/") + QLatin1String(file);
}

}  // namespace

class TestCliMovies : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString path(const QString& name) const { return m_dir.filePath(name); }

  // The whole layout from flags alone; `extra` adds or overrides flags.
  QStringList importArgs(const QString& project, const QStringList& extra = {}) const {
    return QStringList{"import",
                       "--project",
                       project,
                       "--quiet",
                       "--interactions",
                       movies("ratings.tsv"),
                       "--delimiter",
                       "\\t",
                       "--no-header",
                       "--user-col",
                       "1",
                       "--item-col",
                       "2",
                       "--weight-col",
                       "3",
                       "--time-col",
                       "4",
                       "--time-format",
                       "unix",
                       "--items",
                       movies("items.psv"),
                       "--items-delimiter",
                       "|",
                       "--items-columns",
                       "id,title,Action,Comedy,Drama",
                       "--item-id-col",
                       "id",
                       "--items-title-col",
                       "title",
                       "--items-one-hot",
                       "genre=Action,Comedy,Drama",
                       "--users",
                       movies("users.psv"),
                       "--users-delimiter",
                       "|",
                       "--users-columns",
                       "id,age,gender,occupation",
                       "--user-id-col",
                       "id",
                       "--bins",
                       "age=18,25,35,45,56"} +
           extra;
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void importFromFlags() {
    const auto project = path("flags.reclens");
    auto r = cli(importArgs(project, {"--items-encoding", "latin1", "--json"}));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto j = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(j.value("interactions").toInt(-1), 9);
    QCOMPARE(j.value("users").toInt(-1), 6);
    QCOMPARE(j.value("items").toInt(-1), 5);
    QCOMPARE(j.value("skipped_rows").toInt(-1), 0);
    QCOMPARE(j.value("invalid_utf8_rows").toInt(-1), 0);
    QVERIFY(!j.contains("headline"));
    const auto bins = j.value("bins").toArray();
    QCOMPARE(bins.size(), 1);
    QCOMPARE(bins.at(0).toObject().value("labels").toArray().at(5).toString(), QString("56+"));
    // The catalog's ids in row order: first interactions 1, 3, 2, 4, then the cold item 5.
    r = cli({"catalog", "export", "--project", project});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("1\n3\n2\n4\n5\n"));
    r = cli({"catalog", "export", "--project", project, "--out", path("items.txt")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(readAll(path("items.txt")), QByteArray("1\n3\n2\n4\n5\n"));
    QVERIFY(!QFile::exists(path("items.txt.part")));
  }

  void encodingLineComesFirst() {
    // Under the default UTF-8 the four items whose titles hold Latin-1 letters are lost.
    const auto r = cli(importArgs(path("utf8.reclens")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto firstLine = r.out.left(r.out.indexOf('\n'));
    QCOMPARE(firstLine, QByteArray("4 rows skipped: not valid UTF-8 (use --encoding latin1 or cp1252)"));
    const auto wrong = cli(importArgs(path("bad.reclens"), {"--items-encoding", "ebcdic"}));
    QCOMPARE(wrong.exitCode, 2);
    QVERIFY2(wrong.err.contains("--items-encoding must be utf8, latin1 or cp1252"), wrong.err.constData());
  }

  void setAttributeGroupsOverlap() {
    const auto project = path("audit.reclens");
    auto r = cli(importArgs(project, {"--items-encoding", "latin1"}));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile log(path("recs.csv"));
    QVERIFY(log.open(QIODevice::WriteOnly));
    log.write("user,item,rank\n10,2,1\n10,4,2\n11,3,1\n11,4,2\n12,1,1\n12,2,2\n");
    log.close();
    r = cli({"audit", "--project", project, "--log", path("recs.csv"), "--item-groups", "genre", "--k", "2",
             "--bootstrap", "50", "--permutations", "50", "--json", "-", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto metrics = QJsonDocument::fromJson(r.out).object().value("metrics").toObject();
    const auto groupings = metrics.value("item_groups").toArray();
    QCOMPARE(groupings.size(), 1);
    // Items 1 Comedy|Drama, 3 Action|Comedy, 2 Action, 4 Drama, 5 none: each genre holds two of the five
    // items, so the catalog shares add up to 1.2: the groups overlap.
    QMap<QString, int> items;
    double catalogShare = 0.0;
    for (const auto& g : groupings.at(0).toObject().value("groups").toArray()) {
      items[g.toObject().value("group").toString()] = g.toObject().value("items").toInt(-1);
      catalogShare += g.toObject().value("catalog_share").toDouble();
    }
    QCOMPARE(items, (QMap<QString, int>{{"Action", 2}, {"Comedy", 2}, {"Drama", 2}}));
    QCOMPARE(catalogShare, 1.2);
  }

  void registerExternalModel() {
    const auto source = path("source.reclens");
    const auto target = path("target.reclens");
    for (const auto& p : {source, target}) {
      const auto r = cli(importArgs(p, {"--items-encoding", "latin1"}));
      QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    // A model trained elsewhere on the same catalog stands for one exported to the contract.
    auto r = cli({"train", "--project", source, "--model", "popularity", "--name", "pop", "--quiet", "--out",
                  path("external.pt")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli({"models", "register", "--project", target, path("external.pt"), "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto j = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(j.value("name").toString(), QString("external"));
    QCOMPARE(j.value("path").toString(), QString("target.external.pt"));  // copied, relative to the project
    QCOMPARE(j.value("sha256").toString(),
             QString::fromLatin1(
                 QCryptographicHash::hash(readAll(path("external.pt")), QCryptographicHash::Sha256).toHex()));
    QVERIFY(QFile::exists(path("target.external.pt")));
    // evaluate --all-models sees it without --trust-model (the copy lies in the project's folder).
    r = cli({"evaluate", "--project", target, "--all-models", "--json", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto models = QJsonDocument::fromJson(r.out).object().value("models").toArray();
    QCOMPARE(models.size(), 1);
    QCOMPARE(models.at(0).toObject().value("name").toString(), QString("external"));
    // A referenced file is registered by its path and not copied.
    r = cli({"models", "register", "--project", target, path("external.pt"), "--name", "ref", "--reference",
             "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value("path").toString(), QString("external.pt"));
    QVERIFY(!QFile::exists(path("target.ref.pt")));
  }

  void registerRefusals_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("name taken") << path("external.pt") << "external" << 3 << "already has a model called";
    QTest::newRow("other catalog") << QStringLiteral(RECLENS_TEST_DATA_DIR "/models/valid.pt") << "other" << 3
                                   << "different catalog";
    QTest::newRow("not a model") << QStringLiteral(RECLENS_TEST_DATA_DIR "/models/not_torchscript.pt")
                                 << "junk" << 3 << "not_torchscript.pt";
    QTest::newRow("bad name") << path("external.pt") << "a/b" << 2 << "must be letters";
    QTest::newRow("missing file") << path("nothing.pt") << "none" << 4 << "nothing.pt";
  }
  void registerRefusals() {
    QFETCH(QString, file);
    QFETCH(QString, name);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    const auto target = path("target.reclens");
    QVERIFY(QFile::exists(target));  // made by registerExternalModel
    const auto r = cli({"models", "register", "--project", target, file, "--name", name});
    QVERIFY2(r.exitCode == exitCode, (QByteArray::number(r.exitCode) + ": " + r.err).constData());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(mentions), r.err.constData());
    // Nothing was copied (the copy of the name taken is the first registration's, still the same bytes).
    if (name == QStringLiteral("external")) {
      QCOMPARE(readAll(path("target.external.pt")), readAll(path("external.pt")));
    } else {
      QVERIFY(!QFile::exists(path("target." + name + ".pt")));
    }
  }
};

QTEST_GUILESS_MAIN(TestCliMovies)
#include "tst_climovies.moc"
