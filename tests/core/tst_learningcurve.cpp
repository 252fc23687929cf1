// The learning curve a trained model keeps in its metadata ("training"), read back by learningCurveOf.
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <vector>

#include "attributionfixture.h"
#include "model/learningcurve.h"
#include "model/modelexport.h"
#include "smalltraining.h"

using namespace reclens;

namespace {
// The 1-based epoch of the largest value, the first one on ties: found by a plain scan.
int firstArgmax(const std::vector<double>& values) {
  int best = 0;
  for (std::size_t e = 1; e < values.size(); ++e) {
    if (values[e] > values[static_cast<std::size_t>(best)]) best = static_cast<int>(e);
  }
  return values.empty() ? 0 : best + 1;
}

// Metadata of a model trained before the "training" key existed (keys as written then).
nlohmann::json olderMetadata() {
  return {{"contract_version", 2},
          {"kind", "bpr"},
          {"dim", 8},
          {"num_items", 60},
          {"catalog_fingerprint", "abc"},
          {"user_fields", nlohmann::json::array()},
          {"item_parts", {"item"}},
          {"trained_by", "RecLens 0.9"},
          {"validation", {{"ndcg@5", 0.4}, {"best_epoch", 3}, {"epochs_run", 8}}}};
}

nlohmann::json wellFormedTraining() {
  return {{"curve", {{"loss", {0.6, 0.5, 0.45}}, {"validation_ndcg", {0.2, 0.3, 0.25}}}},
          {"best_epoch", 2},
          {"epochs_run", 3},
          {"max_epochs", 3},
          {"patience", 1},
          {"eval_k", 5},
          {"stopped_early", false}};
}
}  // namespace

class TestLearningCurve : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void aTrainedModelKeepsItsCurve_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("bpr") << "bpr";
    QTest::newRow("lightgcn") << "lightgcn";
    QTest::newRow("twotower") << "twotower";
  }
  void aTrainedModelKeepsItsCurve() {
    QFETCH(QString, kind);
    QTemporaryDir dir;
    const auto path = dir.filePath("m.pt").toStdString();
    auto c = test::smallTrainConfig(kind.toStdString(), 40, 64);
    c.patience = 2;
    std::vector<EpochProgress> heard;
    auto report = trainModel(test::plantedDataset(), c, path, {},
                             [&heard](const EpochProgress& p) { heard.push_back(p); });
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    // Read from the saved file, not from the report.
    auto stored = verifyExportedModel(path);
    QVERIFY2(stored.ok(), stored.ok() ? "" : stored.error().message.c_str());
    auto curve = learningCurveOf(stored.value());
    QVERIFY2(curve.ok(), curve.ok() ? "" : curve.error().message.c_str());
    const auto& r = report.value();
    QCOMPARE(curve->epochsRun, r.epochsRun);
    QCOMPARE(curve->loss.size(), static_cast<std::size_t>(r.epochsRun));
    QCOMPARE(curve->validationNdcg.size(), static_cast<std::size_t>(r.epochsRun));
    QCOMPARE(curve->bestEpoch, firstArgmax(curve->validationNdcg));
    QCOMPARE(curve->bestEpoch, r.bestEpoch);
    QCOMPARE(curve->patience, 2);
    QCOMPARE(curve->maxEpochs, 40);
    QCOMPARE(curve->evalK, 5);
    // Forty epochs on 40 users: the validation NDCG levels off long before, so patience ends the run,
    // exactly `patience` epochs after the best.
    QVERIFY2(curve->stoppedEarly(), qPrintable(QString("ran %1 epochs").arg(curve->epochsRun)));
    QCOMPARE(curve->epochsAfterBest(), 2);
    for (std::size_t e = 0; e < curve->loss.size(); ++e) {
      QVERIFY(curve->loss[e] > 0.0);
      QVERIFY(curve->validationNdcg[e] >= 0.0 && curve->validationNdcg[e] <= 1.0);
    }
    // The live reports: one per epoch, in order, with the values the file keeps.
    QCOMPARE(heard.size(), curve->loss.size());
    for (std::size_t e = 0; e < heard.size(); ++e) {
      QCOMPARE(heard[e].epoch, static_cast<int>(e) + 1);
      QCOMPARE(heard[e].epochs, 40);
      QCOMPARE(heard[e].loss, curve->loss[e]);
      QCOMPARE(heard[e].validationNdcg, curve->validationNdcg[e]);
      std::vector<double> sofar(curve->validationNdcg.begin(),
                                curve->validationNdcg.begin() + static_cast<std::ptrdiff_t>(e) + 1);
      QCOMPARE(heard[e].bestEpoch, firstArgmax(sofar));
      QCOMPARE(heard[e].sinceBest, heard[e].epoch - heard[e].bestEpoch);
    }
  }

  void popularityHasNoCurve() {
    QTemporaryDir dir;
    int calls = 0;
    auto report =
        trainModel(test::plantedDataset(), test::smallTrainConfig("popularity", 5, 64),
                   dir.filePath("pop.pt").toStdString(), {}, [&calls](const EpochProgress&) { ++calls; });
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    QCOMPARE(calls, 0);
    QVERIFY(!nlohmann::json::parse(report->metadataJson).contains("training"));
    auto curve = learningCurveOf(report->metadataJson);
    QVERIFY(curve.ok());
    QVERIFY(curve->empty());
  }

  void aWarmStartKeepsItsOwnCurve() {
    QTemporaryDir dir;
    const auto data = test::plantedDataset();
    const auto parentPath = dir.filePath("parent.pt").toStdString();
    auto c = test::smallTrainConfig("bpr", 6, 64);
    c.patience = 6;
    auto parent = trainModel(data, c, parentPath);
    QVERIFY2(parent.ok(), parent.ok() ? "" : parent.error().message.c_str());
    QCOMPARE(parent->epochsRun, 6);
    c.epochs = 2;
    c.warmStartPath = parentPath;
    auto child = trainModel(data, c, dir.filePath("child.pt").toStdString());
    QVERIFY2(child.ok(), child.ok() ? "" : child.error().message.c_str());
    auto curve = learningCurveOf(child->metadataJson);
    QVERIFY(curve.ok());
    QCOMPARE(curve->epochsRun, 2);
    QCOMPARE(curve->loss, child->trainLoss);
    QVERIFY(!curve->stoppedEarly());
    const auto meta = nlohmann::json::parse(child->metadataJson);
    QVERIFY(meta.contains("parent") && meta.at("parent").is_object());
  }

  void olderMetadataHasAnEmptyCurve() {
    auto curve = learningCurveOf(olderMetadata().dump());
    QVERIFY2(curve.ok(), curve.ok() ? "" : curve.error().message.c_str());
    QVERIFY(curve->empty());
    QCOMPARE(curve->bestEpoch, 0);
    QCOMPARE(curve->epochsRun, 0);
  }

  void readsAWellFormedCurve() {
    auto meta = olderMetadata();
    meta["training"] = wellFormedTraining();
    auto curve = learningCurveOf(meta.dump());
    QVERIFY2(curve.ok(), curve.ok() ? "" : curve.error().message.c_str());
    QCOMPARE(curve->loss, (std::vector<double>{0.6, 0.5, 0.45}));
    QCOMPARE(curve->validationNdcg, (std::vector<double>{0.2, 0.3, 0.25}));
    QCOMPARE(curve->bestEpoch, 2);
    QCOMPARE(curve->epochsAfterBest(), 1);
    QVERIFY(!curve->stoppedEarly());
    // Written and read back: the same curve.
    LearningCurve again = curve.value();
    meta["training"] = nlohmann::json::parse(learningCurveJson(again));
    QCOMPARE(meta["training"], wellFormedTraining());
  }

  void rejectsAMalformedCurve_data() {
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("field");
    QTest::newRow("not an object") << ""
                                   << "[1, 2]"
                                   << "'training'";
    QTest::newRow("loss not numbers") << "/curve/loss"
                                      << "[0.6, \"x\", 0.4]"
                                      << "training.curve.loss";
    QTest::newRow("ndcg missing") << "/curve/validation_ndcg"
                                  << "null"
                                  << "training.curve.validation_ndcg";
    QTest::newRow("length") << "/epochs_run"
                            << "4"
                            << "training.curve'";
    QTest::newRow("best after the end") << "/best_epoch"
                                        << "5"
                                        << "training.best_epoch";
    QTest::newRow("best zero") << "/best_epoch"
                               << "0"
                               << "training.best_epoch";
    QTest::newRow("negative patience") << "/patience"
                                       << "-1"
                                       << "training.patience";
    QTest::newRow("K a string") << "/eval_k"
                                << "\"5\""
                                << "training.eval_k";
  }
  void rejectsAMalformedCurve() {
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, field);
    auto meta = olderMetadata();
    meta["training"] = wellFormedTraining();
    meta["training"][nlohmann::json::json_pointer(pointer.toStdString())] =
        nlohmann::json::parse(value.toStdString());
    auto curve = learningCurveOf(meta.dump());
    QVERIFY(!curve.ok());
    QCOMPARE(curve.error().code, ErrorCode::Schema);
    QVERIFY2(QString::fromStdString(curve.error().message).contains(field), curve.error().message.c_str());
  }

  void rejectsMetadataThatIsNotJson() {
    auto curve = learningCurveOf("{not json");
    QVERIFY(!curve.ok());
    QCOMPARE(curve.error().code, ErrorCode::Schema);
  }
};

QTEST_GUILESS_MAIN(TestLearningCurve)
#include "tst_learningcurve.moc"
