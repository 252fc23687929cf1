#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <random>

#include "common/sha256.h"
#include "engine/scoringengine.h"
#include "model/modelexport.h"
#include "model/modelfile.h"
#include "model/trainer.h"
#include "model/trainingmetadata.h"

using namespace reclens;

namespace {
constexpr int kItems = 100;
constexpr int kUsers = 80;

// Two user groups with disjoint tastes: group g buys only items of its half of the catalog.
Dataset plantedDataset() {
  Dataset d;
  d.info.name = "planted";
  d.users.fields.emplace_back("segment");
  d.items.fields.emplace_back("category");
  for (int i = 0; i < kItems; ++i) {
    d.items.ids.push_back("i" + std::to_string(i));
    d.items.fields[0].append(i < kItems / 2 ? "left" : "right");
  }
  std::mt19937_64 rng(7);
  const auto k = d.interactions.kindIndex("purchase");
  for (int u = 0; u < kUsers; ++u) {
    d.users.ids.push_back("u" + std::to_string(u));
    const int group = u % 2;
    d.users.fields[0].append(group == 0 ? "a" : "b");
    for (int n = 0; n < 10; ++n) {
      const int item = group * (kItems / 2) + static_cast<int>(rng() % (kItems / 2));
      d.interactions.append(u, item, 1000 + n, 1.0f, k);
    }
  }
  return d;
}

TrainConfig smallConfig(const std::string& kind) {
  TrainConfig c;
  c.kind = kind;
  c.dim = 16;
  c.epochs = 25;
  c.lr = 0.05;
  c.l2 = 1e-5;
  c.batchSize = 128;
  c.evalK = 10;
  c.patience = 6;
  c.threads = 1;
  c.device = "cpu";
  return c;
}
}  // namespace

class TestTrainer : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void learnedModelsBeatPopularity_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("bpr") << "bpr";
    QTest::newRow("lightgcn") << "lightgcn";
    QTest::newRow("twotower") << "twotower";
  }
  void learnedModelsBeatPopularity() {
    QFETCH(QString, kind);
    QTemporaryDir dir;
    const auto data = plantedDataset();
    auto pop = trainModel(data, smallConfig("popularity"), dir.filePath("pop.pt").toStdString());
    QVERIFY2(pop.ok(), pop.ok() ? "" : pop.error().message.c_str());
    auto model = trainModel(data, smallConfig(kind.toStdString()), dir.filePath("m.pt").toStdString());
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    QVERIFY(model->epochsRun >= 1);
    QCOMPARE(model->validationNdcg.size(), static_cast<std::size_t>(model->epochsRun));
    // One held-out item per user among 50 candidates of the right half: 1.5x popularity is clearly learned.
    QVERIFY2(model->testNdcg > 1.5 * pop->testNdcg,
             qPrintable(QString("%1 %2 vs popularity %3").arg(kind).arg(model->testNdcg).arg(pop->testNdcg)));
  }

  // Sparse updates (Adam on the rows a batch touched) learn the planted tastes as well as dense Adam, are
  // reproducible, and are recorded; auto keeps small catalogs dense; other kinds refuse them.
  void sparseUpdatesLearnLikeDenseOnes() {
    QTemporaryDir dir;
    const auto data = plantedDataset();
    auto pop = trainModel(data, smallConfig("popularity"), dir.filePath("pop.pt").toStdString());
    QVERIFY(pop.ok());
    auto c = smallConfig("bpr");
    // Over three seeds: on 80 users one run's test NDCG moves by a tenth from seed to seed.
    double denseSum = 0.0, sparseSum = 0.0;
    QString runs;
    Result<TrainReport> dense = makeError(ErrorCode::Internal, "not run");
    Result<TrainReport> sparse = makeError(ErrorCode::Internal, "not run");
    for (const std::uint64_t seed : {42u, 43u, 44u}) {
      c.seed = seed;
      c.optimizer = "dense";
      dense = trainModel(data, c, dir.filePath("dense.pt").toStdString());
      QVERIFY2(dense.ok(), dense.ok() ? "" : dense.error().message.c_str());
      c.optimizer = "sparse";
      sparse = trainModel(data, c, dir.filePath("sparse.pt").toStdString());
      QVERIFY2(sparse.ok(), sparse.ok() ? "" : sparse.error().message.c_str());
      denseSum += dense->testNdcg;
      sparseSum += sparse->testNdcg;
      runs += QString(" seed %1: sparse %2, dense %3;").arg(seed).arg(sparse->testNdcg).arg(dense->testNdcg);
    }
    const double sparseMean = sparseSum / 3.0, denseMean = denseSum / 3.0;
    QVERIFY2(sparseMean > 1.5 * pop->testNdcg,
             qPrintable(QString("sparse %1 vs popularity %2;").arg(sparseMean).arg(pop->testNdcg) + runs));
    QVERIFY2(sparseMean > 0.8 * denseMean,
             qPrintable(QString("sparse %1 vs dense %2;").arg(sparseMean).arg(denseMean) + runs));
    qInfo("%s", qPrintable(runs));
    const auto j = nlohmann::json::parse(sparse->metadataJson);
    QCOMPARE(j.at("config").at("updates").get<std::string>(), std::string("sparse"));
    QCOMPARE(nlohmann::json::parse(dense->metadataJson).at("config").at("updates").get<std::string>(),
             std::string("dense"));
    // The same seed gives the same file with sparse updates too.
    QVERIFY(trainModel(data, c, dir.filePath("sparse2.pt").toStdString()).ok());
    QCOMPARE(sha256File(dir.filePath("sparse.pt").toStdString()).value(),
             sha256File(dir.filePath("sparse2.pt").toStdString()).value());
    // Auto: dense below kSparseUpdatesFromItems items, sparse from there on, and only for bpr.
    c.optimizer = "auto";
    QVERIFY(!sparseUpdates(c, kSparseUpdatesFromItems - 1));
    QVERIFY(sparseUpdates(c, kSparseUpdatesFromItems));
    c.kind = "lightgcn";
    QVERIFY(!sparseUpdates(c, kSparseUpdatesFromItems));
    c.optimizer = "sparse";
    auto refused = trainModel(data, c, dir.filePath("lg.pt").toStdString());
    QVERIFY(!refused.ok());
    QVERIFY(QString::fromStdString(refused.error().message).contains("bpr only"));
    c.kind = "bpr";
    c.optimizer = "fast";
    QVERIFY(!trainModel(data, c, dir.filePath("x.pt").toStdString()).ok());
  }

  void exportFollowsTheContract_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("dim");
    QTest::addColumn<int>("fields");
    QTest::newRow("popularity") << "popularity" << 1 << 0;
    QTest::newRow("bpr") << "bpr" << 16 << 0;
    QTest::newRow("lightgcn") << "lightgcn" << 16 << 0;
    QTest::newRow("twotower") << "twotower" << 16 << 1;
  }
  void exportFollowsTheContract() {
    QFETCH(QString, kind);
    QFETCH(int, dim);
    QFETCH(int, fields);
    QTemporaryDir dir;
    const auto path = dir.filePath("m.pt").toStdString();
    const auto data = plantedDataset();
    auto c = smallConfig(kind.toStdString());
    c.epochs = 2;
    auto report = trainModel(data, c, path);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    QVERIFY(!std::filesystem::exists(path + ".part"));
    auto meta = verifyExportedModel(path);
    QVERIFY2(meta.ok(), meta.ok() ? "" : meta.error().message.c_str());
    const auto j = nlohmann::json::parse(meta.value());
    QCOMPARE(j.at("kind").get<std::string>(), kind.toStdString());
    QCOMPARE(j.at("dim").get<int>(), dim);
    QCOMPARE(j.at("num_items").get<int>(), kItems);
    QCOMPARE(j.at("catalog_fingerprint").get<std::string>(), catalogFingerprint(data.items));
    QCOMPARE(static_cast<int>(j.at("user_fields").size()), fields);
    QVERIFY(j.contains("item_parts") && j.contains("train_time") && j.contains("trained_by"));
    std::vector<std::int64_t> codes(static_cast<std::size_t>(fields), 0);
    auto scores = scoreWithModelFile(path, {1, 2, 3}, {1.0f, 1.0f, 1.0f}, codes);
    QVERIFY2(scores.ok(), scores.ok() ? "" : scores.error().message.c_str());
    QCOMPARE(scores->size(), static_cast<std::size_t>(kItems));
  }

  void theModelRemembersItsHistoryWeighting() {
    QTemporaryDir dir;
    const auto data = plantedDataset();
    auto c = smallConfig("bpr");
    c.epochs = 1;
    for (const auto weighting : {HistoryWeighting::Sum, HistoryWeighting::Log1p}) {
      c.historyWeighting = weighting;
      const auto path = dir.filePath(historyWeightingName(weighting)).toStdString() + ".pt";
      auto report = trainModel(data, c, path);
      QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
      const auto j = nlohmann::json::parse(report.value().metadataJson);
      QVERIFY(j.contains("history_weight") && j.at("history_weight").is_string());
      QCOMPARE(j.at("history_weight").get<std::string>(), std::string(historyWeightingName(weighting)));
      auto meta = parseModelMetadata(report.value().metadataJson);
      QVERIFY2(meta.ok(), meta.ok() ? "" : meta.error().message.c_str());
      auto named = historyWeightingOf(meta.value().json);
      QVERIFY(named.ok());
      QCOMPARE(named.value(), weighting);
    }
  }

  void theModelRemembersItsSplit() {
    QTemporaryDir dir;
    const auto data = plantedDataset();
    auto c = smallConfig("bpr");
    c.epochs = 1;
    std::vector<std::int64_t> trainLast;
    for (const char* text : {"time:1", "random:0.8,0.1,5"}) {
      auto spec = SplitSpec::parse(text);
      QVERIFY(spec.ok());
      c.split = spec.value();
      const auto path = dir.filePath(QString::number(trainLast.size())).toStdString() + ".pt";
      auto report = trainModel(data, c, path);
      QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
      const auto j = nlohmann::json::parse(report.value().metadataJson);
      QCOMPARE(j.at("config").at("split").get<std::string>(), std::string(text));
      auto stored = trainingSplitOf(report.value().metadataJson);
      QVERIFY(stored.ok() && stored.value().has_value());
      QVERIFY(*stored.value() == spec.value());
      // The trainer trained on this split: its train rows end where the split's do.
      const auto split = splitDataset(data, spec.value());
      QCOMPARE(j.at("train_time").at("last").get<std::int64_t>(), split.trainLast);
      trainLast.push_back(split.trainLast);
    }
    // Random holds out old and new rows alike, so its train part reaches the log's last time, and the
    // time split's does not.
    QCOMPARE(trainLast[1], std::int64_t(1009));
    QVERIFY(trainLast[0] < trainLast[1]);
    // A model from before the split was a setting reads as time:1; a damaged value is an error.
    auto old = trainingSplitOf(
        R"({"config":{"split":"per user by time: last distinct item test, the one before it validation"}})");
    QVERIFY(old.ok() && old.value() && old.value()->name() == "time:1");
    QVERIFY(trainingSplitOf(R"({"kind":"bpr"})").ok());
    QVERIFY(!trainingSplitOf(R"({"kind":"bpr"})").value().has_value());
    auto damaged = trainingSplitOf(R"({"config":{"split":"sideways"}})");
    QVERIFY(!damaged.ok());
    QVERIFY(QString::fromStdString(damaged.error().message).contains("config.split"));
  }

  void aSplitWithoutValidationIsRefused() {
    QTemporaryDir dir;
    const auto path = dir.filePath("m.pt").toStdString();
    auto c = smallConfig("bpr");
    c.split = SplitSpec::parse("random:0.8,0").value();
    auto report = trainModel(plantedDataset(), c, path);
    QVERIFY(!report.ok());
    QCOMPARE(report.error().code, ErrorCode::InvalidArgument);
    QVERIFY(QString::fromStdString(report.error().message).contains("no validation part"));
    QVERIFY(!std::filesystem::exists(path));
  }

  void sameSeedGivesSameFile() {
    QTemporaryDir dir;
    const auto data = plantedDataset();
    auto c = smallConfig("bpr");
    c.epochs = 3;
    QVERIFY(trainModel(data, c, dir.filePath("a.pt").toStdString()).ok());
    QVERIFY(trainModel(data, c, dir.filePath("b.pt").toStdString()).ok());
    c.seed = 43;
    QVERIFY(trainModel(data, c, dir.filePath("c.pt").toStdString()).ok());
    const auto a = sha256File(dir.filePath("a.pt").toStdString());
    const auto b = sha256File(dir.filePath("b.pt").toStdString());
    const auto other = sha256File(dir.filePath("c.pt").toStdString());
    QVERIFY(a.ok() && b.ok() && other.ok());
    QCOMPARE(a.value(), b.value());
    QVERIFY(a.value() != other.value());
  }

  // negatives = 0: as many negatives per positive as make an epoch 16 batches, between 1 and 4; the
  // model records the number it used, and the run is the very run with that number given.
  void automaticNegativesMakeAnEpochOfSixteenBatches() {
    QCOMPARE(autoNegatives(8192, 33900), 4);   // a small shop: 4 steps of 8192 per epoch otherwise
    QCOMPARE(autoNegatives(8192, 96000), 2);   // 11.7 steps otherwise
    QCOMPARE(autoNegatives(8192, 131072), 1);  // exactly 16 steps
    QCOMPARE(autoNegatives(8192, 131071), 2);
    QCOMPARE(autoNegatives(8192, 5000000), 1);
    QCOMPARE(autoNegatives(8192, 0), 4);
    QCOMPARE(autoNegatives(2048, 33900), 1);
    const auto lightgcn = defaultTrainConfig("lightgcn");
    QCOMPARE(lightgcn.negatives, 0);
    QCOMPARE(lightgcn.epochs, 300);
    QCOMPARE(lightgcn.patience, 20);
    QCOMPARE(defaultTrainConfig("bpr").negatives, 1);

    QTemporaryDir dir;
    const auto data = plantedDataset();
    auto c = smallConfig("lightgcn");
    c.epochs = 2;
    c.negatives = 0;
    auto automatic = trainModel(data, c, dir.filePath("auto.pt").toStdString());
    QVERIFY2(automatic.ok(), automatic ? "" : automatic.error().message.c_str());
    const int used = nlohmann::json::parse(automatic->metadataJson).at("config").at("negatives").get<int>();
    // At most 640 train pairs (80 users, 10 rows each, 2 held out) in batches of 128: 5 steps or fewer,
    // so 4 negatives.
    QCOMPARE(used, 4);
    c.negatives = used;
    QVERIFY(trainModel(data, c, dir.filePath("given.pt").toStdString()).ok());
    c.negatives = 1;
    QVERIFY(trainModel(data, c, dir.filePath("one.pt").toStdString()).ok());
    const auto a = sha256File(dir.filePath("auto.pt").toStdString());
    const auto g = sha256File(dir.filePath("given.pt").toStdString());
    const auto one = sha256File(dir.filePath("one.pt").toStdString());
    QVERIFY(a.ok() && g.ok() && one.ok());
    QCOMPARE(a.value(), g.value());
    QVERIFY(a.value() != one.value());
    // Negative counts below 0, and 0 for the sequential model (its negatives are shared), are refused.
    c.negatives = -1;
    QVERIFY(!trainModel(data, c, dir.filePath("bad.pt").toStdString()).ok());
    auto s = smallConfig("sasrec");
    s.negatives = 0;
    auto refused = trainModel(data, s, dir.filePath("bad.pt").toStdString());
    QVERIFY(!refused.ok());
    QVERIFY(QString::fromStdString(refused.error().message).contains("sasrec needs at least one negative"));
  }

  // The weights kept are the best epoch's, also when that copy is taken lazily (only once a later
  // epoch is about to move them): a run stopped two epochs after its best ends with the same test NDCG
  // and the same item vectors as a run that simply ends at that epoch.
  void keepsTheBestEpochsWeights_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("optimizer");
    QTest::newRow("bpr dense") << "bpr"
                               << "dense";
    QTest::newRow("bpr sparse") << "bpr"
                                << "sparse";
    QTest::newRow("lightgcn") << "lightgcn"
                              << "auto";
    QTest::newRow("twotower") << "twotower"
                              << "auto";
  }
  void keepsTheBestEpochsWeights() {
    QFETCH(QString, kind);
    QFETCH(QString, optimizer);
    QTemporaryDir dir;
    const auto data = plantedDataset();
    auto c = smallConfig(kind.toStdString());
    c.optimizer = optimizer.toStdString();
    c.epochs = 40;
    c.patience = 2;
    const auto stopped = trainModel(data, c, dir.filePath("stopped.pt").toStdString());
    QVERIFY2(stopped.ok(), stopped.ok() ? "" : stopped.error().message.c_str());
    QVERIFY2(stopped->epochsRun == stopped->bestEpoch + c.patience,
             qPrintable(QString("best %1 of %2").arg(stopped->bestEpoch).arg(stopped->epochsRun)));
    c.epochs = stopped->bestEpoch;
    c.patience = 100;
    const auto ended = trainModel(data, c, dir.filePath("ended.pt").toStdString());
    QVERIFY(ended.ok());
    QCOMPARE(ended->bestEpoch, stopped->bestEpoch);
    QCOMPARE(ended->epochsRun, stopped->bestEpoch);
    QCOMPARE(ended->testNdcg, stopped->testNdcg);
    const auto a = ModelFile::load(dir.filePath("stopped.pt").toStdString());
    const auto b = ModelFile::load(dir.filePath("ended.pt").toStdString());
    QVERIFY(a.ok() && b.ok());
    QVERIFY(ScoringEngine(a.value()).itemEmbeddingsOnCpu() == ScoringEngine(b.value()).itemEmbeddingsOnCpu());

    // Fine-tuning (keepLastEpoch, the simulation's re-training): every epoch runs whatever the
    // validation says, and the last one's weights are kept, not the best one's.
    c.keepLastEpoch = true;
    c.patience = 1;
    c.epochs = stopped->epochsRun;
    const auto last = trainModel(data, c, dir.filePath("last.pt").toStdString());
    QVERIFY(last.ok());
    QCOMPARE(last->epochsRun, stopped->epochsRun);
    QCOMPARE(last->bestEpoch, stopped->epochsRun);
    QCOMPARE(last->validationNdcg, stopped->validationNdcg);  // the same epochs, only the kept one differs
    QVERIFY(nlohmann::json::parse(last->metadataJson).at("config").value("keep_last_epoch", false));
    QVERIFY(!nlohmann::json::parse(stopped->metadataJson).at("config").contains("keep_last_epoch"));
    const auto l = ModelFile::load(dir.filePath("last.pt").toStdString());
    QVERIFY(l.ok());
    QVERIFY(ScoringEngine(l.value()).itemEmbeddingsOnCpu() != ScoringEngine(a.value()).itemEmbeddingsOnCpu());
    // Ending at the best epoch, it is the early-stopped run's model.
    c.epochs = stopped->bestEpoch;
    QVERIFY(trainModel(data, c, dir.filePath("last2.pt").toStdString()).ok());
    const auto l2 = ModelFile::load(dir.filePath("last2.pt").toStdString());
    QVERIFY(l2.ok());
    QVERIFY(ScoringEngine(l2.value()).itemEmbeddingsOnCpu() ==
            ScoringEngine(a.value()).itemEmbeddingsOnCpu());
  }

  void cancelWritesNothing() {
    QTemporaryDir dir;
    const auto path = dir.filePath("m.pt").toStdString();
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    auto report = trainModel(plantedDataset(), smallConfig("twotower"), path, control);
    QVERIFY(!report.ok());
    QCOMPARE(report.error().code, ErrorCode::Cancelled);
    QVERIFY(!std::filesystem::exists(path));
    QVERIFY(!std::filesystem::exists(path + ".part"));
  }

  void rejectsEmptyDataAndBadSettings() {
    QTemporaryDir dir;
    const auto path = dir.filePath("m.pt").toStdString();
    auto empty = trainModel(Dataset{}, smallConfig("bpr"), path);
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().code, ErrorCode::Empty);
    auto c = smallConfig("nonsense");
    auto bad = trainModel(plantedDataset(), c, path);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!std::filesystem::exists(path));
  }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
