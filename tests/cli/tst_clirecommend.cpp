#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/clirun.h"

#include "common/sha256.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {
using Run = reclens::test::CliRun;
const auto cli = reclens::test::runCli;
// The six items of tests/data/models/valid.pt (embeddings (1,0) (0,1) (1,1) (0.5,0) (2,0) (1,0); user
// vector = Σ weight·embedding + region (North (0,0), South (0,3))) and three users:
// A (North) bought i1, i3, i4; B (South) bought i0, i5, i2; C bought only i0.
Dataset tinyDataset() {
  Dataset d;
  d.info.name = "cli test";
  d.items.ids = {"i0", "i1", "i2", "i3", "i4", "i5"};
  d.items.titles = {"Zero", "One", "Two", "Three", "Four", "Five"};
  d.items.prices = {1, 2, 3, 4, 5, 6};
  d.items.firstSeen.assign(6, kNoTime);
  d.items.fields.emplace_back("category");
  for (const char* c : {"a", "a", "b", "b", "a", "c"}) d.items.fields.back().append(c);
  d.users.ids = {"A", "B", "C"};
  d.users.fields.emplace_back("region");
  for (const char* r : {"North", "South", "North"}) d.users.fields.back().append(r);
  const auto k = d.interactions.kindIndex("purchase");
  d.interactions.append(0, 1, 100, 1.0f, k);
  d.interactions.append(0, 3, 200, 1.0f, k);
  d.interactions.append(0, 4, 300, 1.0f, k);
  d.interactions.append(1, 0, 100, 1.0f, k);
  d.interactions.append(1, 5, 200, 1.0f, k);
  d.interactions.append(1, 2, 300, 1.0f, k);
  d.interactions.append(2, 0, 100, 1.0f, k);
  return d;
}
// The item ids of a `recommend --json` answer's "recommendations", in rank order.
QStringList recommendedItems(const QJsonObject& doc) {
  QStringList items;
  for (const auto& v : doc.value("recommendations").toArray()) items << v.toObject().value("item").toString();
  return items;
}
}  // namespace

class TestCliRecommend : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString m_project;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath("tiny.reclens");
    QVERIFY(QFile::copy(RECLENS_TEST_DATA_DIR "/models/valid.pt", m_dir.filePath("valid.pt")));
    auto store = ProjectStore::open(m_project.toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(store.value()->writeDataset(tinyDataset()).ok());
    ProjectStore::ModelRecord record;
    record.name = "hand-made";
    record.path = "valid.pt";  // relative to the project folder
    record.contractVersion = 1;
    record.created = 1700000000;
    auto sha = sha256File(m_dir.filePath("valid.pt").toStdString());  // a registered file is trusted by hash
    QVERIFY(sha.ok());
    record.sha256 = sha.value();
    QVERIFY(store.value()->registerModel(record).ok());
  }

  void recommendPrintsJson() {
    // B's whole history {0, 5, 2}: u = (3, 1) + South (0, 3) = (3, 4); unseen scores i1 4, i3 1.5, i4 6.
    const auto r = cli({"recommend", "--project", m_project, "--user", "B", "--k", "3", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto doc = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(doc.value("model").toObject().value("name").toString(), QString("hand-made"));
    const auto list = doc.value("recommendations").toArray();
    QCOMPARE(list.size(), 3);
    QCOMPARE(recommendedItems(doc), (QStringList{"i4", "i1", "i3"}));
    QCOMPARE(list[0].toObject().value("score").toDouble(), 6.0);
    QCOMPARE(list[0].toObject().value("title").toString(), QString("Four"));
    QCOMPARE(list[0].toObject().value("category").toString(), QString("a"));
    QCOMPARE(list[2].toObject().value("rank").toInt(), 3);
  }

  void recommendAppliesTheCategoryCap() {
    const auto r = cli(
        {"recommend", "--project", m_project, "--user", "B", "--k", "3", "--category-cap", "1", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto items = recommendedItems(QJsonDocument::fromJson(r.out).object());
    QCOMPARE(items, (QStringList{"i4", "i3"}));
  }

  // B's history i0 (a), i5 (c), i2 (b): p = (⅓, ⅓, ⅓). Candidates i4 (a, 6), i1 (a, 4), i3 (b, 1.5) have
  // relevance 1, 5/9, 0. One item of any category gives C_KL = ⅓·ln(⅓/0.99333) + ⅔·ln(⅓/0.00333) = 2.70614,
  // so i4 leads. Then i1 keeps 2.70614 and i3 gives (a, b) = (½, ½): C_KL = ⅔·ln(⅓/0.49833) + ⅓·ln(100)
  // = 1.26697. κ = 0.5: i1 is worth 0.5·5/9 − 0.5·2.70614 = −1.075, i3 −0.633, so i3; κ = 0.1: i1 0.229,
  // i3 −0.127, so i1.
  void recommendCalibrates_data() {
    QTest::addColumn<QString>("kappa");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("weak") << "0.1" << QStringList{"i4", "i1"};
    QTest::newRow("half") << "0.5" << QStringList{"i4", "i3"};
  }
  void recommendCalibrates() {
    QFETCH(QString, kappa);
    QFETCH(QStringList, expected);
    const auto r = cli(
        {"recommend", "--project", m_project, "--user", "B", "--k", "2", "--calibration", kappa, "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto doc = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(recommendedItems(doc), expected);
    QCOMPARE(doc.value("rerank").toObject().value("calibration").toDouble(), kappa.toDouble());
    // Every user's lists, re-ranked per user against each one's own history, agree with the one-user command.
    const auto all = cli({"recommend", "--project", m_project, "--all-users", "--k", "2", "--calibration",
                          kappa, "--json", "--quiet"});
    QVERIFY2(all.exitCode == 0, all.err.constData());
    const auto b = QJsonDocument::fromJson(all.out).object().value("lists").toArray()[1].toObject();
    QCOMPARE(b.value("items").toArray(), QJsonArray::fromStringList(expected));
  }

  void recommendPrintsATable() {
    const auto r = cli({"recommend", "--project", m_project, "--model", m_dir.filePath("valid.pt"), "--user",
                        "A", "--k", "2", "--device", "cpu"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("rank"));
    QVERIFY(r.out.contains("popul") || r.out.contains("tier"));
    QVERIFY(r.out.contains("Two"));
  }

  void recommendAllUsersStreamsCsv() {
    // A (North) = (2.5, 1): i2 3.5, then i0 and i5 tie at 2.5 (the lower row first); B = (3, 4) as above;
    // C (North) = i0 = (1, 0): i4 2, then i2 and i5 tie at 1.
    const QString out = m_dir.filePath("all.csv");
    const auto r = cli(
        {"recommend", "--project", m_project, "--all-users", "--k", "2", "--csv", "--out", out, "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), QStringLiteral("user,rank,item,score\n"
                                                               "A,1,i2,3.5\nA,2,i0,2.5\n"
                                                               "B,1,i4,6\nB,2,i1,4\n"
                                                               "C,1,i4,2\nC,2,i2,1\n"));
  }

  void recommendAllUsersJsonEqualsOneUser() {
    // Re-ranked lists of every user equal the one-user command's (B under a cap of one per category).
    const auto r = cli({"recommend", "--project", m_project, "--all-users", "--k", "3", "--category-cap", "1",
                        "--json", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto doc = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(doc.value("users").toInt(), 3);
    const auto lists = doc.value("lists").toArray();
    QCOMPARE(lists.size(), 3);
    const auto b = lists[1].toObject();
    QCOMPARE(b.value("user").toString(), QString("B"));
    QCOMPARE(b.value("items").toArray(), (QJsonArray{"i4", "i3"}));
    QCOMPARE(b.value("scores").toArray(), (QJsonArray{6.0, 1.5}));
  }

  // Provider groups by category, targets the catalog shares a ½, b ⅓, c ⅙. B's candidates i4 (a, rel 1),
  // i1 (a, 5/9), i3 (b, 0): i4 leads at any φ < 1. Second, with the list's exposure W = 1 + 1/log2 3,
  // i1 keeps the list all a (misplaced W·½ = 0.8155) while i3 brings the shares to (0.613, 0.387, 0):
  // misplaced W·½(0.113 + 0.054 + 0.167) = W/6 = 0.2718, so i3 wins once (1−φ)·5/9 − 0.8155·φ < −0.2718·φ,
  // that is for φ > 0.5054.
  void recommendIsProviderFair_data() {
    QTest::addColumn<QString>("phi");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("0.45") << "0.45" << QStringList{"i4", "i1"};
    QTest::newRow("0.6") << "0.6" << QStringList{"i4", "i3"};
  }
  void recommendIsProviderFair() {
    QFETCH(QString, phi);
    QFETCH(QStringList, expected);
    const auto r = cli({"recommend", "--project", m_project, "--user", "B", "--k", "2", "--provider-fair",
                        phi, "--provider-field", "category", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto doc = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(recommendedItems(doc), expected);
    const auto rerank = doc.value("rerank").toObject();
    QVERIFY(rerank.value("provider_fairness").isDouble());
    QCOMPARE(rerank.value("provider_fairness").toDouble(), phi.toDouble());
    QCOMPARE(rerank.value("provider_field").toString(), QString("category"));
    QCOMPARE(rerank.value("provider_target").toString(), QString("catalog"));
  }

  // Popular items (top 20% of the items seen, by count): i0 alone. A's history i1, i3, i4 holds none, so
  // A gets the whole user-aware penalty: the same list as the plain penalty. A's vector (2.5, 1) scores
  // i2 3.5, i0 2.5, i5 2.5 (tie to i0); the penalty terms are 1 for i0 (count 2) and log 2/log 3 for i5,
  // so any penalty puts i5 above i0.
  void recommendUserAwarePenalty() {
    const auto list = [this](const QStringList& knobs) {
      const auto r =
          cli(QStringList{"recommend", "--project", m_project, "--user", "A", "--k", "3", "--json"} + knobs);
      if (r.exitCode != 0) qWarning("%s", r.err.constData());
      return recommendedItems(QJsonDocument::fromJson(r.out).object());
    };
    QCOMPARE(list({}), (QStringList{"i2", "i0", "i5"}));
    QCOMPARE(list({"--user-aware-penalty", "1"}), (QStringList{"i2", "i5", "i0"}));
    QCOMPARE(list({"--user-aware-penalty", "1"}), list({"--pop-penalty", "1"}));
  }

  void recommendErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown user") << QStringList{"--user", "nobody"} << 3
                                  << "user 'nobody' is not in the project";
    QTest::newRow("unknown model") << QStringList{"--user", "A", "--model", "nope"} << 2
                                   << "no registered model is called 'nope'";
    QTest::newRow("user and all users")
        << QStringList{"--user", "A", "--all-users"} << 2 << "give exactly one of --user ID or --all-users";
    QTest::newRow("csv for one user")
        << QStringList{"--user", "A", "--csv"} << 2 << "--csv and --out go with --all-users";
    QTest::newRow("calibration out of range")
        << QStringList{"--user", "A", "--calibration", "2"} << 2 << "--calibration";
    QTest::newRow("unknown provider field")
        << QStringList{"--user", "A", "--provider-fair", "0.5", "--provider-field", "colour"} << 2
        << "the items have no field 'colour' (known: tier, category)";
    QTest::newRow("unknown provider target")
        << QStringList{"--user", "A", "--provider-fair", "0.5", "--provider-target", "fair"} << 2
        << "--provider-target";
  }

  void recommendErrors() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const auto r = cli(QStringList{"recommend", "--project", m_project} + args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    QCOMPARE(r.err.trimmed().count('\n'), 0);
    QVERIFY(r.out.isEmpty());
  }

  void evaluateReportsThePinnedMetrics() {
    // A: history {1, 3} -> u (0.5, 1): ranking i2, i4, ... with test i4 at rank 2.
    // B: history {0, 5} + South -> u (2, 3): ranking i2, i4, ... with test i2 at rank 1. C is not evaluated.
    const auto r = cli({"evaluate", "--project", m_project, "--k", "1,2", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto model = QJsonDocument::fromJson(r.out).object().value("models").toArray()[0].toObject();
    QCOMPARE(model.value("users").toInt(), 2);
    const auto at1 = model.value("at").toObject().value("1").toObject();
    const auto at2 = model.value("at").toObject().value("2").toObject();
    QCOMPARE(at1.value("hr").toDouble(), 0.5);
    QCOMPARE(at1.value("precision").toDouble(), 0.5);
    QCOMPARE(at2.value("hr").toDouble(), 1.0);
    QCOMPARE(at2.value("recall").toDouble(), 1.0);
    QCOMPARE(at2.value("mrr").toDouble(), 0.75);
    QVERIFY(std::abs(at2.value("ndcg").toDouble() - (1.0 + 1.0 / std::log2(3.0)) / 2.0) < 1e-9);
  }

  void evaluatePrintsATable() {
    const auto r = cli({"evaluate", "--project", m_project, "--all-models", "--k", "2", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("NDCG@2"));
    QVERIFY(r.out.contains("hand-made"));
  }

  void generatedProjectEndToEnd() {
    // generate -> train -> recommend -> evaluate, and evaluate agrees with the trainer's own test NDCG.
    const auto project = m_dir.filePath("generated.reclens");
    auto r = cli({"generate", "--project", project, "--size", "tiny", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli({"train", "--project", project, "--model", "bpr", "--dim", "8", "--epochs", "2", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    auto store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    auto dataset = store.value()->loadDataset();
    QVERIFY(dataset.ok());
    const auto user = QString::fromStdString(dataset.value().users.ids.front());

    r = cli({"recommend", "--project", project, "--user", user, "--k", "10", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto list = QJsonDocument::fromJson(r.out).object().value("recommendations").toArray();
    QCOMPARE(list.size(), 10);
    for (qsizetype i = 1; i < list.size(); ++i) {
      QVERIFY(RECLENS_JSON_NUMBER(list[i - 1].toObject(), "score") >=
              RECLENS_JSON_NUMBER(list[i].toObject(), "score"));
    }

    r = cli({"evaluate", "--project", project, "--k", "20", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto model = QJsonDocument::fromJson(r.out).object().value("models").toArray()[0].toObject();
    QVERIFY(RECLENS_JSON_INT(model, "users") > 0);
    const double ndcg = RECLENS_JSON_NUMBER(model.value("at").toObject().value("20").toObject(), "ndcg");
    QVERIFY(ndcg > 0.0 && ndcg <= 1.0);
    auto models = store.value()->models();
    QVERIFY(models.ok() && !models.value().empty());
    const auto meta =
        QJsonDocument::fromJson(QByteArray::fromStdString(models.value().front().metadataJson)).object();
    // The trainer always records its test NDCG@20 (evalK defaults to 20): a missing one is a failure.
    const double trainer = RECLENS_JSON_NUMBER(meta.value("validation").toObject(), "test_ndcg@20");
    QVERIFY2(std::abs(trainer - ndcg) < 1e-6, qPrintable(QString::number(ndcg)));
  }

  void benchScoreRunsSmall() {
    const auto r = cli({"bench", "score", "--items", "2000", "--dim", "8", "--users", "64", "--repeat", "20",
                        "--no-baseline", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto doc = QJsonDocument::fromJson(r.out).object();
    const auto row = doc.value("results").toArray()[0].toObject();
    QCOMPARE(row.value("items").toInt(), 2000);
    QVERIFY(row.value("single_ms").toObject().value("median").toDouble() > 0.0);
    QVERIFY(row.value("batch_users_per_s").toDouble() > 0.0);
    QVERIFY(!doc.value("baseline_skipped").toString().isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestCliRecommend)
#include "tst_clirecommend.moc"
