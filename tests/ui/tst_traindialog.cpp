// The Train dialog's "Start from" choice: fine-tuning a registered model.
#include <QComboBox>
#include <QSpinBox>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "recommendations/traindialog.h"

using namespace reclens;

namespace {
ProjectStore::ModelRecord record(const std::string& name, const std::string& kind, int dim,
                                 const std::string& trainedBy, const std::string& weighting) {
  nlohmann::json meta = {{"contract_version", 2},
                         {"kind", kind},
                         {"dim", dim},
                         {"num_items", 10},
                         {"catalog_fingerprint", "abc"},
                         {"user_fields", nlohmann::json::array()},
                         {"item_parts", {"item"}},
                         {"trained_by", trainedBy},
                         {"history_weight", weighting}};
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
};

QTEST_MAIN(TestTrainDialog)
#include "tst_traindialog.moc"
