#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "common/sha256.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {
// A tiny project: two user groups buying from two halves of a 40-item catalog.
void writeTinyProject(const std::string& path) {
  Dataset d;
  d.info.name = "tiny";
  for (int i = 0; i < 40; ++i) d.items.ids.push_back("i" + std::to_string(i));
  const auto k = d.interactions.kindIndex("purchase");
  for (int u = 0; u < 30; ++u) {
    d.users.ids.push_back("u" + std::to_string(u));
    for (int n = 0; n < 6; ++n)
      d.interactions.append(u, (u % 2) * 20 + (u * 7 + n * 3) % 20, 100 + n, 1.0f, k);
  }
  auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
  QVERIFY(store.ok());
  QVERIFY(store.value()->writeDataset(d).ok());
}

int runCli(const QStringList& args, QByteArray* out, QByteArray* err) {
  QProcess p;
  p.start(RECLENS_CLI_PATH, args);
  if (!p.waitForFinished(120000)) return -1;
  *out = p.readAllStandardOutput();
  *err = p.readAllStandardError();
  return p.exitCode();
}
}  // namespace

class TestCliTrain : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void trainsAndRegistersTheModel() {
    QTemporaryDir dir;
    const auto project = dir.filePath("shop.reclens");
    writeTinyProject(project.toStdString());
    QByteArray out, err;
    const int code = runCli({"train", "--project", project, "--model", "bpr", "--dim", "8", "--epochs", "3",
                             "--threads", "1", "--device", "cpu", "--json"},
                            &out, &err);
    QVERIFY2(code == 0, err.constData());
    const auto j = nlohmann::json::parse(out.toStdString());
    QCOMPARE(j.at("name").get<std::string>(), std::string("bpr-8"));
    QCOMPARE(j.at("registered_path").get<std::string>(), std::string("shop.bpr-8.pt"));
    QVERIFY(QFile::exists(dir.filePath("shop.bpr-8.pt")));

    auto store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    auto models = store.value()->models();
    QVERIFY(models.ok());
    QCOMPARE(models->size(), std::size_t(1));
    const auto& m = models->front();
    QCOMPARE(m.name, std::string("bpr-8"));
    QCOMPARE(m.path, std::string("shop.bpr-8.pt"));
    QCOMPARE(m.contractVersion, 2);  // the trainer writes contract 2 (user_vectors)
    QCOMPARE(m.sha256, sha256File(dir.filePath("shop.bpr-8.pt").toStdString()).value());
    QCOMPARE(nlohmann::json::parse(m.metadataJson).at("kind").get<std::string>(), std::string("bpr"));
  }

  void storesTheHistoryWeightingInTheModel_data() {
    QTest::addColumn<QStringList>("flag");
    QTest::addColumn<QString>("stored");
    QTest::newRow("log1p") << QStringList{"--history-weight", "log1p"} << QStringLiteral("log1p");
    QTest::newRow("sum") << QStringList{"--history-weight", "sum"} << QStringLiteral("sum");
  }

  void storesTheHistoryWeightingInTheModel() {
    QFETCH(QStringList, flag);
    QFETCH(QString, stored);
    QTemporaryDir dir;
    const auto project = dir.filePath("shop.reclens");
    writeTinyProject(project.toStdString());
    QByteArray out, err;
    const int code = runCli(QStringList{"train", "--project", project, "--model", "bpr", "--dim", "4",
                                        "--epochs", "1", "--threads", "1", "--device", "cpu", "--json"} +
                                flag,
                            &out, &err);
    QVERIFY2(code == 0, err.constData());
    const auto j = nlohmann::json::parse(out.toStdString());
    QVERIFY(j.contains("metadata") && j.at("metadata").contains("history_weight"));
    QVERIFY(j.at("metadata").at("history_weight").is_string());
    QCOMPARE(QString::fromStdString(j.at("metadata").at("history_weight").get<std::string>()), stored);
  }

  void refusesAnUnknownHistoryWeighting() {
    QTemporaryDir dir;
    const auto project = dir.filePath("shop.reclens");
    writeTinyProject(project.toStdString());
    QByteArray out, err;
    QVERIFY(runCli({"train", "--project", project, "--model", "bpr", "--history-weight", "sqrt"}, &out,
                   &err) != 0);
    QVERIFY2(err.contains("history-weight"), err.constData());
    QVERIFY(!QFile::exists(dir.filePath("shop.bpr-64.pt")));
  }

  void emptyProjectIsOneClearLine() {
    QTemporaryDir dir;
    const auto project = dir.filePath("empty.reclens");
    QVERIFY(ProjectStore::open(project.toStdString(), ProjectStore::Mode::Create).ok());
    QByteArray out, err;
    QCOMPARE(runCli({"train", "--project", project, "--model", "popularity"}, &out, &err), 3);
    QCOMPARE(err.count('\n'), 1);
    QVERIFY(err.contains("no interactions"));
  }
};

QTEST_GUILESS_MAIN(TestCliTrain)
#include "tst_clitrain.moc"
