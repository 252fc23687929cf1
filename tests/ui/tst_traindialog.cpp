// The Train dialog's "Start from" choice: fine-tuning a registered model.
#include <QComboBox>
#include <QDir>
#include <QSpinBox>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "recommendations/traindialog.h"

using namespace reclens;

namespace {
ProjectStore::ModelRecord record(const std::string& name, const std::string& kind, int dim,
                                 const std::string& trainedBy, const std::string& weighting,
                                 const std::string& split = "time:1") {
  nlohmann::json meta = {{"contract_version", 2},
                         {"kind", kind},
                         {"dim", dim},
                         {"num_items", 10},
                         {"catalog_fingerprint", "abc"},
                         {"user_fields", nlohmann::json::array()},
                         {"item_parts", {"item"}},
                         {"trained_by", trainedBy},
                         {"history_weight", weighting},
                         {"config", {{"split", split}}}};
  ProjectStore::ModelRecord r;
  r.name = name;
  r.path = "/models/" + name + ".pt";
  r.metadataJson = meta.dump();
  return r;
}
}  // namespace

class TestTrainDialog : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void offersTheModelsRecLensTrained() {
    TrainDialog dialog;
    dialog.setStartModels({record("tt-8", "twotower", 8, "RecLens 1.0", "log1p"),
                           record("external", "bpr", 16, "someone else", "sum"),
                           record("pop-1", "popularity", 1, "RecLens 1.0", "sum")});
    auto* start = dialog.startFromBox();
    QCOMPARE(start->count(), 2);  // a fresh start and tt-8
    QVERIFY(!start->toolTip().isEmpty());
    QCOMPARE(dialog.startModelName(), QString());
    QVERIFY(dialog.config().warmStartPath.empty());

    start->setCurrentIndex(1);
    const auto config = dialog.config();
    QCOMPARE(config.warmStartPath, std::string("/models/tt-8.pt"));
    QCOMPARE(config.kind, std::string("twotower"));
    QCOMPARE(config.dim, 8);
    QCOMPARE(config.epochs, 3);
    QCOMPARE(config.historyWeighting, HistoryWeighting::Log1p);
    QCOMPARE(dialog.startModelName(), QStringLiteral("tt-8"));
    QVERIFY(!dialog.kindBox()->isEnabled());

    start->setCurrentIndex(0);
    QVERIFY(dialog.config().warmStartPath.empty());
    QVERIFY(dialog.kindBox()->isEnabled());
    QCOMPARE(dialog.config().epochs, TrainConfig{}.epochs);
  }

  // Each kind brings its own most epochs (the sequential model climbs for longer); a warm start of it
  // takes a few, and back to a fresh start its own again.
  void theSequentialModelHasItsOwnEpochs() {
    TrainDialog dialog;
    dialog.setStartModels({record("sasrec-8", "sasrec", 8, "RecLens 1.0", "sum")});
    QVERIFY(dialog.kindBox()->findData(QStringLiteral("sasrec")) >= 0);
    QVERIFY(dialog.kindBox()->toolTip().contains(QStringLiteral("sasrec")));
    dialog.kindBox()->setCurrentIndex(dialog.kindBox()->findData(QStringLiteral("sasrec")));
    QCOMPARE(dialog.config().kind, std::string("sasrec"));
    QCOMPARE(dialog.config().epochs, defaultTrainConfig("sasrec").epochs);
    QCOMPARE(dialog.config().batchSize, defaultTrainConfig("sasrec").batchSize);
    dialog.startFromBox()->setCurrentIndex(1);
    QCOMPARE(dialog.config().epochs, 3);
    dialog.startFromBox()->setCurrentIndex(0);
    QCOMPARE(dialog.config().epochs, defaultTrainConfig("sasrec").epochs);
    dialog.kindBox()->setCurrentIndex(dialog.kindBox()->findData(QStringLiteral("bpr")));
    QCOMPARE(dialog.config().epochs, TrainConfig{}.epochs);
  }

  // The split: time by default, the random 80/10/10 on request; a warm start keeps the parent's.
  void offersTheSplits() {
    TrainDialog dialog;
    dialog.setStartModels({record("bpr-ro", "bpr", 8, "RecLens 1.0", "sum", "random:0.7,0.1,9")});
    auto* split = dialog.splitBox();
    QVERIFY(!split->toolTip().isEmpty());
    QCOMPARE(dialog.config().split.name(), std::string("time:1"));
    split->setCurrentIndex(split->findData(QStringLiteral("random:0.8,0.1,42")));
    QVERIFY(split->currentIndex() >= 0);
    QCOMPARE(dialog.config().split.name(), std::string("random:0.8,0.1,42"));
    split->setCurrentIndex(split->findData(QStringLiteral("temporal:0.8,0.1")));
    QCOMPARE(dialog.config().split.kind, SplitSpec::Kind::TemporalRatio);
    // One calendar for all users: the cold-start protocol, with the two-tower model's content settings.
    split->setCurrentIndex(split->findData(QStringLiteral("global:0.8,0.1")));
    QCOMPARE(dialog.config().split.kind, SplitSpec::Kind::GlobalTime);
    dialog.kindBox()->setCurrentIndex(dialog.kindBox()->findData(QStringLiteral("twotower")));
    QCOMPARE(dialog.config().idDropout, defaultTrainConfig("twotower").idDropout);
    QVERIFY(dialog.config().textDim > 0);

    split->setCurrentIndex(split->findData(QStringLiteral("random:0.8,0.1,42")));
    dialog.show();
    QTest::qWait(50);
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("dialog-train-split.png"))));

    dialog.startFromBox()->setCurrentIndex(1);
    QCOMPARE(dialog.config().split.name(), std::string("random:0.7,0.1,9"));
    QVERIFY(!split->isEnabled());
  }
};

QTEST_MAIN(TestTrainDialog)
#include "tst_traindialog.moc"
