#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/clirun.h"

#include "model/datasplit.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {
using Run = reclens::test::CliRun;
const auto cli = reclens::test::runCli;

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject readJson(const QString& path) {
  return QJsonDocument::fromJson(readAll(path)).object();
}

QString sha256Of(const QString& path) {
  return QString::fromLatin1(QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256).toHex());
}

// Small statistics settings keep every audit of the tiny project well under a second.
const QStringList kFast = {"--k", "10",     "--bootstrap", "200",    "--permutations",
                           "200", "--seed", "5",           "--quiet"};
}  // namespace

class TestCliAudit : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString m_project;

  QString path(const QString& name) const { return m_dir.filePath(name); }

  // Exit code and stderr of a failing command: non-zero, one line.
  void expectOneLineError(const QStringList& args, int code, const QString& mentions) {
    const auto r = cli(args);
    QVERIFY2(r.exitCode == code, (QByteArray::number(r.exitCode) + ": " + r.err).constData());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.startsWith("reclens-cli: error: "), r.err.constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(mentions), r.err.constData());
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_project = path("tiny.reclens");
    auto r = cli({"generate", "--size", "tiny", "--project", m_project, "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli({"train", "--project", m_project, "--model", "bpr", "--dim", "8", "--epochs", "2", "--threads",
             "1", "--device", "cpu", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
  }

  void auditPrintsTableAndWritesJsonAndHtml() {
    const auto r = cli(QStringList{"audit", "--project", m_project, "--json", path("full.json"), "--html",
                                   path("report.html")} +
                       kFast);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    for (const char* part : {"Accuracy@10", "Long tail@10", "Fairness by gender", "Exposure by tier", "NDCG"})
      QVERIFY2(r.out.contains(part), part);
    // Why the gaps: one section per user grouping, its parts adding up to the gap it names.
    const auto why = cli(QStringList{"audit", "--project", m_project, "--gap-by", "category"} + kFast);
    QVERIFY2(why.exitCode == 0, why.err.constData());
    QVERIFY2(why.out.contains("Why the ndcg@10 gap by gender:"), why.out.constData());
    QVERIFY(why.out.contains("by category"));

    const auto doc = readJson(path("full.json"));
    QCOMPARE(doc.value("format").toString(), QString("reclens-audit"));
    const auto metrics = doc.value("metrics").toObject();
    const double ndcg = metrics.value("accuracy").toObject().value("ndcg").toDouble(-1);
    QVERIFY(ndcg >= 0.0 && ndcg <= 1.0);
    QVERIFY(RECLENS_JSON_INT(metrics, "evaluated_users") > 0);
    QVERIFY(!metrics.value("fairness").toArray().isEmpty());
    const auto provenance = doc.value("provenance").toObject();
    QCOMPARE(provenance.value("metric_definitions_version").toString(), QString("2"));
    QVERIFY(provenance.value("library_versions").toString().contains("LibTorch"));
    QVERIFY(provenance.value("library_versions").toString().contains("SQLite"));
    QCOMPARE(doc.value("config").toObject().value("seed").toInt(), 5);
    const auto sha = sha256Of(path("tiny.bpr-8.pt"));
    QCOMPARE(doc.value("partial").toObject().value("model_sha256").toString(), sha);

    const auto html = QString::fromUtf8(readAll(path("report.html")));
    QVERIFY(html.startsWith("<!DOCTYPE html>"));
    QVERIFY(html.contains(sha));
    QVERIFY(html.contains("<svg"));
    QVERIFY(html.contains("Lorenz curve"));
    QVERIFY(!html.contains("http://", Qt::CaseInsensitive));
    QVERIFY(!html.contains("https://", Qt::CaseInsensitive));
    QVERIFY(
        !html.contains(QRegularExpression(R"((src|href)\s*=)", QRegularExpression::CaseInsensitiveOption)));
  }

  void threeShardsMergeToTheUnshardedResult() {
    const auto whole =
        cli(QStringList{"audit", "--project", m_project, "--json", path("whole.json")} + kFast);
    QVERIFY2(whole.exitCode == 0, whole.err.constData());
    QStringList parts;
    for (int i = 0; i < 3; ++i) {
      const auto part = path(QString("part-%1.json").arg(i));
      const auto r =
          cli(QStringList{"audit", "--project", m_project, "--shard", QString("%1/3").arg(i), "--out", part} +
              kFast);
      QVERIFY2(r.exitCode == 0, r.err.constData());
      QVERIFY(QFile::exists(part));
      parts << part;
    }
    const auto merged =
        cli(QStringList{"audit", "merge", "--project", m_project, "--quiet", "--json", path("merged.json")} +
            parts);
    QVERIFY2(merged.exitCode == 0, merged.err.constData());
    const auto a = readJson(path("whole.json"));
    const auto b = readJson(path("merged.json"));
    QVERIFY(!a.value("metrics").toObject().isEmpty());
    QCOMPARE(b.value("metrics").toObject(), a.value("metrics").toObject());
    QCOMPARE(b.value("partial").toObject(), a.value("partial").toObject());
    QCOMPARE(b.value("config").toObject(), a.value("config").toObject());

    // A shard given twice is refused with one line.
    expectOneLineError({"audit", "merge", "--project", m_project, parts[0], parts[0]}, 2, "twice");
  }

  void savedRunsAreListedAndCompared() {
    auto r = cli(QStringList{"audit", "--project", m_project, "--save", "--name", "baseline run"} + kFast);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("Saved as audit run"));
    r = cli(
        QStringList{"audit", "--project", m_project, "--save", "--name", "deeper", "--k", "20", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());

    r = cli({"audit", "list", "--project", m_project, "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto runs = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0].toObject().value("name").toString(), QString("deeper"));
    QCOMPARE(runs[1].toObject().value("k").toInt(), 10);

    r = cli({"audit", "compare", "--project", m_project, "baseline run", "deeper"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("NDCG@10"));
    QVERIFY(r.out.contains("NDCG@20"));
    QVERIFY(r.out.contains("different list lengths"));

    // A saved run against a JSON file, as JSON: the same audit differs by nothing.
    QVERIFY(QFile::exists(path("whole.json")));
    r = cli({"audit", "compare", "--project", m_project, "--json", "baseline run", path("whole.json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto rows = QJsonDocument::fromJson(r.out).object().value("rows").toArray();
    QVERIFY(rows.size() > 10);
    for (const auto& row : rows) {
      const auto o = row.toObject();
      // A value undefined in one run (null) is undefined in the other; every defined one is equal.
      if (o.value("a").isNull()) {
        QVERIFY2(o.value("b").isNull(), qPrintable(o.value("metric").toString()));
        continue;
      }
      QVERIFY2(RECLENS_JSON_NUMBER(o, "difference") == 0.0, qPrintable(o.value("metric").toString()));
    }

    // The same model with a re-ranker: saved, listed with its knobs, compared with the plain run.
    r = cli(QStringList{"audit", "--project", m_project, "--save", "--name", "calibrated", "--calibration",
                        "0.5", "--pop-penalty", "0.2"} +
            kFast);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli(QStringList{"audit", "--project", m_project, "--calibration", "0.5", "--pop-penalty", "0.2"} +
            kFast);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("Re-ranked lists: popularity penalty 0.2, calibration 0.5"), r.out.constData());
    r = cli({"audit", "list", "--project", m_project, "--json"});
    QCOMPARE(QJsonDocument::fromJson(r.out).array()[0].toObject().value("rerank").toString(),
             QString("popularity penalty 0.2, calibration 0.5"));
    r = cli({"audit", "compare", "--project", m_project, "baseline run", "calibrated"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("note: re-ranking: A none, B popularity penalty 0.2, calibration 0.5"),
             r.out.constData());
    QVERIFY(r.out.contains("miscalibration (KL)"));
    // Saved runs keep their per-user records: the comparison pairs the users and gives intervals.
    QVERIFY2(r.out.contains("paired bootstrap intervals of B - A over the"), r.out.constData());
    const QString comparison = path("comparison.html");
    r = cli({"audit", "compare", "--project", m_project, "--json", "--bootstrap", "200", "--html", comparison,
             "baseline run", "calibrated"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto paired = QJsonDocument::fromJson(r.out).object();
    QVERIFY(paired.value("paired").toBool());
    QVERIFY(paired.value("paired_users").toInt() > 0);
    bool arpFound = false;
    for (const auto& row : paired.value("rows").toArray()) {
      const auto o = row.toObject();
      if (o.value("metric").toString() != "ARP") continue;
      arpFound = true;
      QVERIFY(RECLENS_JSON_NUMBER(o, "ci_low") <= RECLENS_JSON_NUMBER(o, "difference"));
      QVERIFY(RECLENS_JSON_NUMBER(o, "difference") <= RECLENS_JSON_NUMBER(o, "ci_high"));
      QVERIFY(RECLENS_JSON_NUMBER(o, "difference") < 0.0);  // the popularity penalty lowers ARP
    }
    QVERIFY(arpFound);
    QVERIFY(readAll(comparison).contains("RecLens audit comparison"));

    expectOneLineError({"audit", "--project", m_project, "--save", "--name", "deeper", "--quiet"}, 3,
                       "already saved");
    expectOneLineError({"audit", "compare", "--project", m_project, "baseline run", "nope"}, 3, "nope");
  }

  void auditsARecommendationLog() {
    auto store = ProjectStore::open(m_project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    const auto dataset = store.value()->loadDataset();
    QVERIFY(dataset.ok());
    const auto& d = dataset.value();
    QByteArray csv = "user,item,rank\n";
    for (std::size_t u = 0; u < d.users.size(); ++u) {
      for (int r = 1; r <= 10; ++r) {
        const auto item = (u * 7 + static_cast<std::size_t>(r) * 13) % d.items.size();
        csv += QByteArray::fromStdString(d.users.ids[u] + "," + d.items.ids[item] + "," + std::to_string(r) +
                                         "\n");
      }
    }
    QFile f(path("recs.csv"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(csv);
    f.close();
    const auto r =
        cli(QStringList{"audit", "--project", m_project, "--log", path("recs.csv"), "--json", "-"} + kFast);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto doc = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(doc.value("partial").toObject().value("source").toString(), QString("log"));
    QCOMPARE(doc.value("provenance").toObject().value("log_sha256").toString(), sha256Of(path("recs.csv")));
    QCOMPARE(doc.value("audited_users").toInt(), static_cast<int>(d.users.size()));
    QVERIFY(doc.value("metrics").toObject().value("flips").toArray().isEmpty());
    QVERIFY(r.err.isEmpty());  // --json - prints no progress

    QFile bad(path("bad.csv"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(QByteArray::fromStdString("user,item,rank\n" + d.users.ids[0] + "," + d.items.ids[0] +
                                        ",1\nnobody," + d.items.ids[1] + ",1\n"));
    bad.close();
    expectOneLineError({"audit", "--project", m_project, "--log", path("bad.csv"), "--quiet"}, 3,
                       "bad.csv:3:1");
  }

  // Explicit relevance: a file holding exactly the time split's held-out items audits to the same
  // metrics as the time split (the history is the same); shards merge exactly; a merge refuses a
  // relevance file that changed after the shards read it.
  void auditsAgainstExplicitRelevance() {
    auto store = ProjectStore::open(m_project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    const auto dataset = store.value()->loadDataset();
    QVERIFY(dataset.ok());
    const auto& d = dataset.value();
    const auto split = splitByTime(d, 1, 1);
    QByteArray csv = "user,item\n";
    for (std::size_t u = 0; u < split.test.size(); ++u) {
      for (const auto item : split.test[u])
        csv += QByteArray::fromStdString(d.users.ids[u] + "," + d.items.ids[static_cast<std::size_t>(item)] +
                                         "\n");
    }
    const QString relevance = path("relevance.csv");
    QFile f(relevance);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(csv);
    f.close();
    auto r = cli(QStringList{"audit", "--project", m_project, "--json", "-"} + kFast);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto timeSplit = QJsonDocument::fromJson(r.out).object();
    r = cli(
        QStringList{"audit", "--project", m_project, "--relevance", relevance, "--json", path("rel.json")} +
        kFast);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto explicitRelevance = readJson(path("rel.json"));
    QCOMPARE(explicitRelevance.value("metrics").toObject().value("accuracy").toObject(),
             timeSplit.value("metrics").toObject().value("accuracy").toObject());
    const auto provenance = explicitRelevance.value("provenance").toObject();
    QCOMPARE(provenance.value("relevance_sha256").toString(), sha256Of(relevance));
    QVERIFY(provenance.value("split").toString().startsWith("explicit relevance from "));

    QStringList parts;
    for (int i = 0; i < 2; ++i) {
      parts << path(QString("rel-part-%1.json").arg(i));
      r = cli(QStringList{"audit", "--project", m_project, "--relevance", relevance, "--shard",
                          QString("%1/2").arg(i), "--out", parts.back()} +
              kFast);
      QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    r = cli(
        QStringList{"audit", "merge", "--project", m_project, "--quiet", "--json", path("rel-merged.json")} +
        parts);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(readJson(path("rel-merged.json")).value("metrics").toObject(),
             explicitRelevance.value("metrics").toObject());
    QVERIFY(f.open(QIODevice::Append));
    f.write(QByteArray::fromStdString(d.users.ids[0] + "," + d.items.ids[0] + "\n"));
    f.close();
    expectOneLineError(QStringList{"audit", "merge", "--project", m_project, "--quiet"} + parts, 2,
                       "changed");
    expectOneLineError({"audit", "--project", m_project, "--relevance", relevance, "--holdout", "2"}, 2,
                       "--holdout");
    QFile bad(path("bad-relevance.csv"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("user,item\nnobody,x\n");
    bad.close();
    expectOneLineError({"audit", "--project", m_project, "--relevance", path("bad-relevance.csv"), "--quiet"},
                       3, "bad-relevance.csv:2:1");
  }

  void badArgumentsAreOneLine() {
    expectOneLineError({"audit", "--project", m_project, "--model", "no-such-model", "--quiet"}, 2,
                       "no-such-model");
    expectOneLineError({"audit", "--project", m_project, "--shard", "x/3", "--out", path("p.json")}, 2,
                       "x/3");
    expectOneLineError({"audit", "--project", m_project, "--shard", "/4", "--out", path("p.json")}, 2,
                       "JOB_COMPLETION_INDEX");
    expectOneLineError({"audit", "--project", m_project, "--shard", "1/3"}, 2, "--out");
    expectOneLineError({"audit", "--project", m_project, "--flip", "gender", "--quiet"}, 2, "gender");
    expectOneLineError({"audit", "--project", m_project, "--attributes", "shoe_size", "--quiet"}, 2,
                       "shoe_size");
    expectOneLineError({"audit", "--model", "bpr-8"}, 2, "--project");
    expectOneLineError({"audit", "--project", m_project, "--item-groups", "colour", "--quiet"}, 2, "colour");
    expectOneLineError({"audit", "--project", m_project, "--mmr", "2", "--quiet"}, 2, "--mmr");
    expectOneLineError({"audit", "--project", m_project, "--gap-by", "colour", "--quiet"}, 2, "colour");
    expectOneLineError(
        {"audit", "--project", m_project, "--gap-by", "category", "--gap-metric", "mrr", "--quiet"}, 2,
        "mrr");
    expectOneLineError(
        {"audit", "--project", m_project, "--gap-by", "category", "--shard", "0/2", "--out", path("p.json")},
        2, "--shard");
    expectOneLineError({"audit", "--project", m_project, "--log", path("recs.csv"), "--pop-penalty", "0.5"},
                       2, "--log");
    expectOneLineError({"audit", "--project", path("missing.reclens")}, 4, "missing.reclens");
  }

  // An unknown attribute's message lists the project's own attributes, read here from the project.
  void unknownAttributeListsTheOnesThatExist() {
    auto store = ProjectStore::open(m_project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    auto dataset = store.value()->loadDataset();
    QVERIFY(dataset.ok());
    const auto& userFields = dataset.value().users.fields;
    const auto& itemFields = dataset.value().items.fields;
    QVERIFY2(userFields.size() >= 2, "the generated project should have user attributes to list");
    QVERIFY(!itemFields.empty());
    store.value().reset();

    auto r = cli(QStringList{"audit", "--project", m_project, "--attributes", "shoe_size"} + kFast);
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.contains("'shoe_size'"), r.err.constData());
    QString listed;
    for (const auto& f : userFields)
      listed += (listed.isEmpty() ? "" : ", ") + QString::fromStdString(f.name());
    QVERIFY2(QString::fromUtf8(r.err).contains("the project's user attributes are: " + listed),
             r.err.constData());

    r = cli(QStringList{"audit", "--project", m_project, "--item-groups", "tier,colour"} + kFast);
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err.count('\n'), 1);
    listed.clear();
    for (const auto& f : itemFields)
      listed += (listed.isEmpty() ? "" : ", ") + QString::fromStdString(f.name());
    QVERIFY2(QString::fromUtf8(r.err).contains("'colour'") &&
                 QString::fromUtf8(r.err).contains("the project's catalog attributes are: " + listed),
             r.err.constData());
  }

  void beyondAccuracyMetricsInJsonTableAndCompare() {
    const auto r = cli(QStringList{"audit", "--project", m_project, "--intersect", "gender:age_band",
                                   "--json", path("beyond.json"), "--json-records"} +
                       kFast);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    for (const char* part : {"Fairness by gender × age_band (intersection)",
                             "Popularity lift by user profile", "miscalibration (KL)", "RSP@10", "p (BH)"})
      QVERIFY2(r.out.contains(part), part);
    const auto doc = readJson(path("beyond.json"));
    const auto metrics = doc.value("metrics").toObject();
    const auto users = doc.value("partial").toObject().value("users").toObject();
    QVERIFY(users.value("miscalibration").isArray() && users.value("has_test").isArray() &&
            users.value("history_length").isArray() && users.value("items").isArray());
    // The run's miscalibration is the mean of the per-user values of the users with a test item.
    const auto kl = users.value("miscalibration").toArray();
    const auto hasTest = users.value("has_test").toArray();
    const auto history = users.value("history_length").toArray();
    double sum = 0.0;
    int evaluated = 0, withHistory = 0;
    for (qsizetype i = 0; i < kl.size(); ++i) {
      if (history[i].toInt() > 0) ++withHistory;
      if (hasTest[i].toInt() == 0) continue;
      sum += RECLENS_JSON_NUMBER_AT(kl, i);
      ++evaluated;
    }
    QVERIFY(evaluated > 0);
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(metrics, "miscalibration") - sum / evaluated) < 1e-12);
    const double pru = RECLENS_JSON_NUMBER(metrics, "pru");
    QVERIFY(pru >= -1.0 && pru <= 1.0);
    // Niche, diverse and blockbuster users together are the users with a history.
    const auto lift = metrics.value("popularity_lift").toArray();
    QCOMPARE(lift.size(), 3);
    int placed = 0;
    for (const auto& g : lift) placed += RECLENS_JSON_INT(g.toObject(), "users");
    QCOMPARE(placed, withHistory);
    // Groupings: the attributes, the intersection, the popularity profile; every test adjusted upwards.
    bool sawIntersection = false, sawProfile = false;
    for (const auto& a : metrics.value("fairness").toArray()) {
      const auto o = a.toObject();
      QVERIFY(o.value("kind").isString() && o.value("coverage").isArray() && o.value("metrics").isArray());
      sawIntersection = sawIntersection || o.value("kind").toString() == "intersection";
      sawProfile = sawProfile || o.value("attribute").toString() == "popularity_profile";
      for (const auto& c : o.value("coverage").toArray())
        QVERIFY(RECLENS_JSON_NUMBER(c.toObject(), "coverage") <=
                RECLENS_JSON_NUMBER(metrics, "item_coverage"));
      QVERIFY(o.value("metrics").toArray().size() >= 8);
      for (const auto& m : o.value("metrics").toArray()) {
        const auto x = m.toObject();
        QVERIFY(RECLENS_JSON_NUMBER(x, "p_adjusted") >= RECLENS_JSON_NUMBER(x, "p_value"));
        QVERIFY(RECLENS_JSON_NUMBER(x, "gap_ci_low") <= RECLENS_JSON_NUMBER(x, "gap_ci_high"));
      }
    }
    QVERIFY(sawIntersection && sawProfile);
    for (const auto& g : metrics.value("item_groups").toArray())
      QVERIFY(g.toObject().contains("rsp") && g.toObject().contains("reo"));
    // compare lists the new rows.
    const auto c = cli({"audit", "compare", "--json", path("beyond.json"), path("beyond.json")});
    QVERIFY2(c.exitCode == 0, c.err.constData());
    QStringList names;
    for (const auto& row : QJsonDocument::fromJson(c.out).object().value("rows").toArray())
      names << row.toObject().value("metric").toString();
    for (const char* name : {"miscalibration (KL)", "PRU", "delta GAP niche", "RSP tier", "REO tier"})
      QVERIFY2(names.contains(name), name);
    expectOneLineError(QStringList{"audit", "--project", m_project, "--intersect", "gender"} + kFast, 2,
                       "ATTRIBUTE:ATTRIBUTE");
  }

  // Last: it registers a second model (the others rely on the newest being bpr-8).
  void flipsTheAttributesAModelUses() {
    auto r = cli({"train", "--project", m_project, "--model", "twotower", "--dim", "8", "--epochs", "1",
                  "--threads", "1", "--device", "cpu", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli(QStringList{"audit", "--project", m_project, "--model", "twotower-8", "--flip", "gender",
                        "--json", path("flips.json")} +
            kFast);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("Counterfactual flips"));
    const auto doc = readJson(path("flips.json"));
    const auto flips = doc.value("metrics").toObject().value("flips").toArray();
    QCOMPARE(flips.size(), 1);
    const auto gender = flips[0].toObject();
    QCOMPARE(gender.value("attribute").toString(), QString("gender"));
    QCOMPARE(gender.value("users").toInt(), doc.value("audited_users").toInt());
    const double rate = gender.value("rate").toDouble(-1);
    QVERIFY(rate >= 0.0 && rate <= 1.0);
    QCOMPARE(doc.value("provenance").toObject().value("model_kind").toString(), QString("twotower"));
  }
};

QTEST_GUILESS_MAIN(TestCliAudit)
#include "tst_cliaudit.moc"
