#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

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

QByteArray fileBytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
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

  // The learning curve travels with the model: `train` prints the kept epoch, `info` carries the curve.
  void infoCarriesTheLearningCurve() {
    QTemporaryDir dir;
    const auto project = dir.filePath("shop.reclens");
    writeTinyProject(project.toStdString());
    QByteArray out, err;
    QVERIFY2(runCli({"train", "--project", project, "--model", "bpr", "--dim", "8", "--epochs", "40",
                     "--patience", "2", "--lr", "0.05", "--threads", "1", "--device", "cpu", "--json"},
                    &out, &err) == 0,
             err.constData());
    const auto trained = nlohmann::json::parse(out.toStdString());
    const int epochs = trained.at("epochs_run").get<int>();
    const int best = trained.at("best_epoch").get<int>();
    QVERIFY2(epochs < 40 && epochs - best == 2,
             qPrintable(QString("%1 epochs, best %2").arg(epochs).arg(best)));

    QVERIFY2(runCli({"info", "--project", project, "--json", "--quiet"}, &out, &err) == 0, err.constData());
    const auto info = nlohmann::json::parse(out.toStdString());
    QVERIFY(info.contains("models") && info.at("models").is_array() && info.at("models").size() == 1);
    const auto& m = info.at("models").front();
    QVERIFY(m.contains("training") && m.at("training").is_object());
    const auto& t = m.at("training");
    QCOMPARE(t.at("best_epoch").get<int>(), best);
    QCOMPARE(t.at("epochs_run").get<int>(), epochs);
    QCOMPARE(t.at("patience").get<int>(), 2);
    QCOMPARE(t.at("max_epochs").get<int>(), 40);
    QVERIFY(t.at("stopped_early").get<bool>());
    QCOMPARE(t.at("curve").at("loss").get<std::vector<double>>(),
             trained.at("train_loss").get<std::vector<double>>());
    QCOMPARE(t.at("curve").at("validation_ndcg").get<std::vector<double>>(),
             trained.at("validation_ndcg").get<std::vector<double>>());

    const auto kept = QStringLiteral("kept epoch %1 of %2").arg(best).arg(epochs).toUtf8();
    QVERIFY2(runCli({"info", "--project", project, "--quiet"}, &out, &err) == 0, err.constData());
    QVERIFY2(out.contains(kept + " (stopped early)"), out.constData());
    QVERIFY2(runCli({"train", "--project", project, "--model", "bpr", "--dim", "8", "--epochs", "40",
                     "--patience", "2", "--lr", "0.05", "--threads", "1", "--device", "cpu", "--quiet"},
                    &out, &err) == 0,
             err.constData());
    QVERIFY2(out.contains(kept + ", the best validation NDCG; stopped after 2 epochs without improvement"),
             out.constData());
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

  // The sequential model from the command line: its defaults (200 epochs at most, patience 10, 256
  // negatives, the sampled softmax) unless given, its settings recorded, inherited by a warm start, and
  // refused for the other kinds.
  void trainsTheSequentialModel() {
    QTemporaryDir dir;
    const auto project = dir.filePath("shop.reclens");
    writeTinyProject(project.toStdString());
    QByteArray out, err;
    QVERIFY2(runCli({"train", "--project", project, "--model", "sasrec", "--dim", "8", "--epochs", "3",
                     "--max-length", "4", "--dropout", "0.2", "--threads", "1", "--device", "cpu", "--json"},
                    &out, &err) == 0,
             err.constData());
    const auto j = nlohmann::json::parse(out.toStdString());
    QCOMPARE(j.at("kind").get<std::string>(), std::string("sasrec"));
    const auto& config = j.at("metadata").at("config");
    QCOMPARE(config.at("max_length").get<int>(), 4);
    QCOMPARE(config.at("dropout").get<double>(), 0.2);
    QCOMPARE(config.at("loss").get<std::string>(), std::string("softmax"));
    QCOMPARE(config.at("negatives").get<int>(), 256);
    QCOMPARE(config.at("patience").get<int>(), 10);
    QCOMPARE(config.at("batch_size").get<int>(), 128);
    QVERIFY2(runCli({"train", "--project", project, "--warm-start", "sasrec-8", "--epochs", "1", "--threads",
                     "1", "--device", "cpu", "--json"},
                    &out, &err) == 0,
             err.constData());
    QCOMPARE(nlohmann::json::parse(out.toStdString()).at("metadata").at("config").at("max_length").get<int>(),
             4);
    QVERIFY(runCli({"train", "--project", project, "--model", "bpr", "--loss", "bce", "--quiet"}, &out,
                   &err) != 0);
    QVERIFY2(err.contains("--loss is a sasrec setting"), err.constData());
    QVERIFY(runCli({"train", "--project", project, "--model", "sasrec", "--loss", "hinge", "--quiet"}, &out,
                   &err) != 0);
  }

  // --warm-start fine-tunes a registered model: settings left out are the parent's, three epochs, and
  // the new model is registered as <parent>-ft with its parent in its metadata.
  void warmStartRegistersAChildOfTheModel() {
    QTemporaryDir dir;
    const auto project = dir.filePath("shop.reclens");
    writeTinyProject(project.toStdString());
    QByteArray out, err;
    QVERIFY2(runCli({"train", "--project", project, "--model", "twotower", "--dim", "8", "--epochs", "6",
                     "--lr", "0.02", "--threads", "1", "--device", "cpu", "--quiet"},
                    &out, &err) == 0,
             err.constData());
    const int code = runCli({"train", "--project", project, "--warm-start", "twotower-8", "--threads", "1",
                             "--device", "cpu", "--json"},
                            &out, &err);
    QVERIFY2(code == 0, err.constData());
    const auto j = nlohmann::json::parse(out.toStdString());
    QCOMPARE(j.at("name").get<std::string>(), std::string("twotower-8-ft"));
    QCOMPARE(j.at("kind").get<std::string>(), std::string("twotower"));
    QVERIFY(j.at("epochs_run").get<int>() <= 3);  // a warm start defaults to three epochs
    QVERIFY(j.contains("parent") && j.at("parent").is_object() && j.at("parent").contains("name"));
    QCOMPARE(j.at("parent").at("name").get<std::string>(), std::string("twotower-8"));
    const auto& meta = j.at("metadata");
    QCOMPARE(meta.at("dim").get<int>(), 8);
    QCOMPARE(meta.at("config").at("lr").get<double>(), 0.02);  // inherited from the parent
    QVERIFY(meta.contains("parent") && meta.at("parent").is_object());
    QCOMPARE(meta.at("parent").at("file").get<std::string>(), std::string("shop.twotower-8.pt"));
    QCOMPARE(meta.at("parent").at("sha256").get<std::string>(),
             sha256File(dir.filePath("shop.twotower-8.pt").toStdString()).value());

    auto store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    auto models = store.value()->models();
    QVERIFY(models.ok());
    QCOMPARE(models->size(), std::size_t(2));
    const auto child = nlohmann::json::parse(models->front().metadataJson);
    QCOMPARE(models->front().name, std::string("twotower-8-ft"));
    QVERIFY(child.contains("parent") && child.at("parent").contains("file"));

    // A second fine-tune of the same parent gets the next free name.
    QVERIFY2(runCli({"train", "--project", project, "--warm-start", "twotower-8", "--epochs", "1",
                     "--threads", "1", "--device", "cpu", "--json"},
                    &out, &err) == 0,
             err.constData());
    QCOMPARE(nlohmann::json::parse(out.toStdString()).at("name").get<std::string>(),
             std::string("twotower-8-ft2"));

    // `info` lists the models with the one each fine-tuned model started from.
    QVERIFY2(runCli({"info", "--project", project, "--json", "--quiet"}, &out, &err) == 0, err.constData());
    const auto info = nlohmann::json::parse(out.toStdString());
    QVERIFY(info.contains("models") && info.at("models").is_array());
    QCOMPARE(info.at("models").size(), std::size_t(3));
    int children = 0;
    for (const auto& m : info.at("models")) {
      QVERIFY(m.contains("name") && m.at("name").is_string() && m.contains("parent"));
      if (m.at("name").get<std::string>() == "twotower-8") {
        QVERIFY(m.at("parent").is_null());
        continue;
      }
      ++children;
      QVERIFY(m.at("parent").is_object() && m.at("parent").contains("name"));
      QCOMPARE(m.at("parent").at("name").get<std::string>(), std::string("twotower-8"));
    }
    QCOMPARE(children, 2);
    QVERIFY2(runCli({"info", "--project", project, "--quiet"}, &out, &err) == 0, err.constData());
    QVERIFY2(out.contains("twotower-8-ft2") && out.contains("fine-tuned from twotower-8"), out.constData());
  }

  void warmStartFromAnotherKindIsOneClearLine() {
    QTemporaryDir dir;
    const auto project = dir.filePath("shop.reclens");
    writeTinyProject(project.toStdString());
    QByteArray out, err;
    QVERIFY2(runCli({"train", "--project", project, "--model", "bpr", "--dim", "8", "--epochs", "2",
                     "--threads", "1", "--device", "cpu", "--quiet"},
                    &out, &err) == 0,
             err.constData());
    QCOMPARE(
        runCli({"train", "--project", project, "--model", "lightgcn", "--warm-start", "bpr-8", "--quiet"},
               &out, &err),
        2);
    QCOMPARE(err.count('\n'), 1);
    QVERIFY2(err.contains("it is a bpr model and the new one is lightgcn"), err.constData());
    QVERIFY2(err.contains("shop.bpr-8.pt"), err.constData());
    QCOMPARE(runCli({"train", "--project", project, "--warm-start", "no-such-model", "--quiet"}, &out, &err),
             2);
    QVERIFY2(err.contains("no registered model is called 'no-such-model'"), err.constData());
    QVERIFY(runCli({"train", "--project", project, "--quiet"}, &out, &err) != 0);
    QVERIFY2(err.contains("--model is required"), err.constData());
  }

  // The split is a setting of `train`, stored with the model; `evaluate` uses it unless told otherwise
  // (and then says the figures are optimistic); `export split` writes its three parts.
  void theSplitTravelsWithTheModel() {
    QTemporaryDir dir;
    const auto project = dir.filePath("shop.reclens");
    writeTinyProject(project.toStdString());
    QByteArray out, err;
    QVERIFY2(runCli({"train", "--project", project, "--model", "bpr", "--dim", "8", "--epochs", "2",
                     "--split", "random:0.6,0.2,3", "--threads", "1", "--device", "cpu", "--json"},
                    &out, &err) == 0,
             err.constData());
    const auto trained = nlohmann::json::parse(out.toStdString());
    QCOMPARE(trained.at("metadata").at("config").at("split").get<std::string>(),
             std::string("random:0.6,0.2,3"));

    QVERIFY2(runCli({"evaluate", "--project", project, "--k", "5", "--json"}, &out, &err) == 0,
             err.constData());
    auto j = nlohmann::json::parse(out.toStdString());
    QCOMPARE(j.at("split").at("name").get<std::string>(), std::string("random:0.6,0.2,3"));
    QVERIFY(!j.at("models").at(0).contains("warning"));
    // 6 distinct items per user: 1 test, 1 validation (0.2 * 6 = 1.2), so every user is evaluated.
    QCOMPARE(j.at("models").at(0).at("users").get<int>(), 30);
    QCOMPARE(j.at("models").at(0).at("test_pairs").get<int>(), 30);

    QVERIFY2(
        runCli({"evaluate", "--project", project, "--k", "5", "--split", "time", "--json"}, &out, &err) == 0,
        err.constData());
    j = nlohmann::json::parse(out.toStdString());
    QCOMPARE(j.at("split").at("name").get<std::string>(), std::string("time:1"));
    QVERIFY(j.at("models").at(0).at("warning").get<std::string>().find(
                "trained on the split random:0.6,0.2,3") != std::string::npos);
    QVERIFY2(runCli({"evaluate", "--project", project, "--k", "5", "--split", "time"}, &out, &err) == 0,
             err.constData());
    QVERIFY(err.contains("warning: the model bpr-8 was trained on the split random:0.6,0.2,3"));
    QVERIFY(out.contains("Split time:1"));

    const auto folder = dir.filePath("split");
    QVERIFY2(runCli({"export", "split", "--project", project, "--model", "bpr-8", "--out", folder}, &out,
                    &err) == 0,
             err.constData());
    const auto summary = nlohmann::json::parse(fileBytes(folder + "/split.json").toStdString());
    QCOMPARE(summary.at("split").get<std::string>(), std::string("random:0.6,0.2,3"));
    std::map<std::string, std::string> partOfPair;
    std::size_t rows = 0;
    for (const char* part : {"train", "validation", "test"}) {
      const auto lines = fileBytes(folder + "/" + part + ".csv").split('\n');
      QCOMPARE(lines.front(), QByteArray("user_id,item_id,timestamp,weight,kind"));
      std::size_t here = 0;
      for (int l = 1; l < lines.size(); ++l) {
        if (lines[l].isEmpty()) continue;
        const auto fields = lines[l].split(',');
        QCOMPARE(fields.size(), 5);
        const auto pair = (fields[0] + "|" + fields[1]).toStdString();
        // A (user, item) pair lies in one part only.
        const auto [it, fresh] = partOfPair.emplace(pair, part);
        QVERIFY2(fresh || it->second == part, pair.c_str());
        ++here;
      }
      QCOMPARE(summary.at("parts").at(part).at("rows").get<std::size_t>(), here);
      rows += here;
    }
    QCOMPARE(rows, std::size_t(180));  // every row of the log, once
    QCOMPARE(summary.at("parts").at("test").at("rows").get<std::size_t>(), std::size_t(30));
  }

  // One calendar (global:0.8,0.1): the rows at times 100..103 train, 104 validation, 105 test; evaluate
  // --item-groups splits the figures by the test items' training rows (every item here has 2 to 4).
  void coldStartFiguresPerItemGroup() {
    QTemporaryDir dir;
    const auto project = dir.filePath("shop.reclens");
    writeTinyProject(project.toStdString());
    QByteArray out, err;
    QVERIFY2(runCli({"train",    "--project", project,   "--model",  "twotower",     "--dim", "8",
                     "--epochs", "2",         "--split", "global",   "--id-dropout", "0.5",   "--text-dim",
                     "4",        "--threads", "1",       "--device", "cpu",          "--json"},
                    &out, &err) == 0,
             err.constData());
    const auto trained = nlohmann::json::parse(out.toStdString());
    const auto& config = trained.at("metadata").at("config");
    QCOMPARE(config.at("split").get<std::string>(), std::string("global:0.8,0.1"));
    QCOMPARE(config.at("id_dropout").get<double>(), 0.5);
    QCOMPARE(config.at("text_dim").get<int>(), 4);
    QVERIFY2(
        runCli({"evaluate", "--project", project, "--k", "5", "--item-groups", "--json"}, &out, &err) == 0,
        err.constData());
    const auto j = nlohmann::json::parse(out.toStdString());
    const auto& model = j.at("models").at(0);
    QCOMPARE(model.at("test_pairs").get<int>(), 30);
    const auto& groups = model.at("item_groups");
    QCOMPARE(groups.size(), std::size_t(4));
    std::vector<std::string> names;
    std::size_t items = 0, pairs = 0;
    double listed = 0.0;
    for (const auto& g : groups) {
      names.push_back(g.at("train_interactions").get<std::string>());
      items += g.at("catalog_items").get<std::size_t>();
      pairs += g.at("test_pairs").get<std::size_t>();
      listed += g.at("list_share").get<double>();
      QVERIFY(g.at("at").contains("5"));
    }
    QCOMPARE(names, (std::vector<std::string>{"0", "1-4", "5-19", "20+"}));
    QCOMPARE(items, std::size_t(40));
    QCOMPARE(pairs, std::size_t(30));
    QVERIFY(std::abs(listed - 1.0) < 1e-9);
    QCOMPARE(groups.at(1).at("users").get<int>(), 30);
    QVERIFY2(runCli({"evaluate", "--project", project, "--k", "5", "--item-groups"}, &out, &err) == 0,
             err.constData());
    QVERIFY(out.contains("By the test item's interactions in the training part"));
    // The content settings belong to the two-tower model.
    QVERIFY(runCli({"train", "--project", project, "--model", "bpr", "--id-dropout", "0.2", "--quiet"}, &out,
                   &err) != 0);
    QCOMPARE(err.count('\n'), 1);
    QVERIFY(err.contains("twotower settings"));
  }

  void aBadSplitIsOneClearLine() {
    QTemporaryDir dir;
    const auto project = dir.filePath("shop.reclens");
    writeTinyProject(project.toStdString());
    QByteArray out, err;
    QVERIFY(runCli({"train", "--project", project, "--model", "bpr", "--split", "sideways"}, &out, &err) !=
            0);
    QCOMPARE(err.count('\n'), 1);
    QVERIFY(err.contains("unknown kind \"sideways\""));
    QVERIFY(runCli({"train", "--project", project, "--model", "bpr", "--split", "random:0.8,0"}, &out,
                   &err) != 0);
    QVERIFY(err.contains("no validation part"));
    QVERIFY(runCli({"export", "split", "--project", project, "--split", "time:0", "--out", dir.filePath("x")},
                   &out, &err) != 0);
    QVERIFY(err.contains("whole number from 1"));
    QVERIFY(!QFile::exists(dir.filePath("x/test.csv")));
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
