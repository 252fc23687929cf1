// A project's models table is untrusted: the commands that load a registered model refuse one outside the
// project's folder or whose bytes differ from the registered hash, unless --trust-model.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/clirun.h"
#include "common/sha256.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {
const auto cli = reclens::test::runCli;

// The catalog of tests/data/models/valid.pt (i0..i5) and two users.
Dataset tinyDataset() {
  Dataset d;
  d.info.name = "trust test";
  d.items.ids = {"i0", "i1", "i2", "i3", "i4", "i5"};
  d.items.titles = {"Zero", "One", "Two", "Three", "Four", "Five"};
  d.items.prices = {1, 2, 3, 4, 5, 6};
  d.items.firstSeen.assign(6, kNoTime);
  d.users.ids = {"A", "B"};
  d.users.fields.emplace_back("region");
  for (const char* r : {"North", "South"}) d.users.fields.back().append(r);
  const auto k = d.interactions.kindIndex("purchase");
  d.interactions.append(0, 1, 100, 1.0f, k);
  d.interactions.append(0, 3, 200, 1.0f, k);
  d.interactions.append(1, 0, 100, 1.0f, k);
  d.interactions.append(1, 5, 200, 1.0f, k);
  return d;
}

const QString kValid = QStringLiteral(RECLENS_TEST_DATA_DIR "/models/valid.pt");
}  // namespace

class TestCliModelTrust : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;  // <dir>/shop/ holds the project, <dir>/elsewhere/ a model outside it

  // A project in <dir>/<name>/ whose newest model is `path` registered with `sha256`.
  QString project(const QString& name, const std::string& path, const std::string& sha256) {
    QDir(m_dir.path()).mkpath(name);
    const QString file = m_dir.filePath(name + "/shop.reclens");
    auto store = ProjectStore::open(file.toStdString(), ProjectStore::Mode::Create);
    if (!store || !store.value()->writeDataset(tinyDataset()).ok()) return {};
    ProjectStore::ModelRecord record;
    record.name = "hand-made";
    record.path = path;
    record.sha256 = sha256;
    record.contractVersion = 1;
    record.created = 1700000000;
    if (!store.value()->registerModel(record).ok()) return {};
    return file;
  }

  static std::string sha(const QString& path) {
    auto h = sha256File(path.toStdString());
    return h ? h.value() : std::string();
  }

  // recommend without --model runs the project's newest registered model, as opening a project does.
  static reclens::test::CliRun recommend(const QString& project, bool trust) {
    QStringList args{"recommend", "--project", project, "--user", "B", "--k", "2", "--json"};
    if (trust) args << "--trust-model";
    return cli(args);
  }

  static void checkRefused(const reclens::test::CliRun& r, const QByteArray& reason) {
    QCOMPARE(r.exitCode, 3);  // README: bad input data, project or model file
    QVERIFY2(r.err.contains(reason), r.err.constData());
    QVERIFY2(r.err.contains("--trust-model"), r.err.constData());
    QCOMPARE(r.err.trimmed().count('\n'), 0);
    QVERIFY(r.out.isEmpty());
  }

  // B: i0 (1, 0) + i5 (1, 0) + South (0, 3) = (2, 3); unseen scores i1 3, i2 5, i3 1, i4 4: i2 first.
  static void checkRecommended(const reclens::test::CliRun& r) {
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto doc = QJsonDocument::fromJson(r.out).object();
    QVERIFY(doc.value("recommendations").isArray());
    const auto first = doc.value("recommendations").toArray().at(0).toObject();
    QVERIFY(first.value("item").isString());
    QCOMPARE(first.value("item").toString(), QString("i2"));
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath("elsewhere"));
    QVERIFY(QFile::copy(kValid, m_dir.filePath("elsewhere/valid.pt")));
  }

  void registeredModelInsideLoads() {
    const QString p = project("happy", "valid.pt", sha(kValid));
    QVERIFY(!p.isEmpty());
    QVERIFY(QFile::copy(kValid, m_dir.filePath("happy/valid.pt")));
    checkRecommended(recommend(p, false));
  }

  // The file at the registered path is not the one registered: refused, then loaded when trusted.
  void swappedModelNeedsTrust() {
    const QString other = QStringLiteral(RECLENS_TEST_DATA_DIR "/models/item_vectors_inconsistent.pt");
    const QString p = project("swapped", "valid.pt", sha(other));
    QVERIFY(!p.isEmpty());
    QVERIFY(QFile::copy(kValid, m_dir.filePath("swapped/valid.pt")));
    QVERIFY(sha(kValid) != sha(other));
    const auto refused = recommend(p, false);
    checkRefused(refused, "changed since it was registered");
    QVERIFY2(refused.err.contains(QByteArray::fromStdString(sha(kValid).substr(0, 12))),
             refused.err.constData());
    checkRecommended(recommend(p, true));
    // The other commands that load a registered model follow the same rule.
    const auto explain = cli({"explain", "--project", p, "--user", "B", "--item", "i1", "--json"});
    checkRefused(explain, "changed since it was registered");
    const auto audit = cli({"audit", "--project", p, "--k", "2", "--json", "-"});
    checkRefused(audit, "changed since it was registered");
    const auto evaluate = cli({"evaluate", "--project", p, "--k", "1", "--json"});
    checkRefused(evaluate, "changed since it was registered");
  }

  // The registered hash is right but the file lies in another folder: refused, then loaded when trusted.
  void modelOutsideTheFolderNeedsTrust() {
    const QString elsewhere = m_dir.filePath("elsewhere/valid.pt");
    const QString p = project("outside", elsewhere.toStdString(), sha(kValid));
    QVERIFY(!p.isEmpty());
    checkRefused(recommend(p, false), "outside the project's folder");
    checkRecommended(recommend(p, true));
  }

  // A file named on the command line is the caller's choice, wherever it lies.
  void modelNamedByPathNeedsNoTrust() {
    const QString p = project("bypath", "missing.pt", "");
    QVERIFY(!p.isEmpty());
    const auto r = cli({"recommend", "--project", p, "--model", m_dir.filePath("elsewhere/valid.pt"),
                        "--user", "B", "--k", "2", "--json"});
    checkRecommended(r);
  }
};

QTEST_GUILESS_MAIN(TestCliModelTrust)
#include "tst_climodeltrust.moc"
