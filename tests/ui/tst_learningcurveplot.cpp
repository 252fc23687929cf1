// The learning curve in the GUI: drawn live in the training dialog one epoch at a time, kept open with
// the sentence on the epoch kept, and read back from the model file in the model information.
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include "model/learningcurve.h"
#include "plots/learningcurveplot.h"
#include "recommendations/modelinfodialog.h"
#include "recommendations/recommendationspage.h"
#include "recommendations/trainprogressdialog.h"
#include "ui/testmodel.h"

using namespace reclens;

namespace {
void saveScreenshot(QWidget* widget, const QString& name) {
  const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
  QVERIFY(QDir().mkpath(dir));
  QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
}

LearningCurve handMadeCurve(int maxEpochs, std::vector<double> ndcg, int best) {
  LearningCurve c;
  c.validationNdcg = std::move(ndcg);
  c.loss.assign(c.validationNdcg.size(), 0.5);
  c.epochsRun = static_cast<int>(c.validationNdcg.size());
  c.bestEpoch = best;
  c.maxEpochs = maxEpochs;
  c.patience = 2;
  c.evalK = 20;
  return c;
}
}  // namespace

class TestLearningCurvePlot : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;

 private Q_SLOTS:
  void drawsEachEpochWhileTraining() {
    const QString project = m_dir.filePath(QStringLiteral("curve.reclens"));
    auto snapshot = testing::tinyProject(project, "");
    QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().message.c_str());
    RecommendationsPage page({ComputeDevice::Kind::Cpu, 0, "CPU (test)"});
    page.resize(1000, 600);
    page.show();
    page.setSnapshot(snapshot.value());

    TrainConfig config = defaultTrainConfig("bpr");
    config.dim = 8;
    config.epochs = 30;
    config.patience = 2;
    config.lr = 0.05;
    config.evalUsers = 100;
    config.threads = 1;
    config.device = "cpu";
    QSignalSpy loaded(&page, &RecommendationsPage::modelLoaded);
    QSignalSpy failed(&page, &RecommendationsPage::modelFailed);
    QVERIFY(page.trainModel(config, {}, true));
    TrainProgressDialog* dialog = page.trainProgress();
    QVERIFY(dialog != nullptr);
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    QVERIFY(dialog->curve()->isVisible());
    QSignalSpy points(dialog->curve(), &LearningCurvePlot::epochAdded);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 120000);
    QVERIFY2(failed.isEmpty(), qPrintable(page.messageLabel()->text()));

    // What the file keeps, read back from the project's registry.
    auto store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    auto models = store.value()->models();
    QVERIFY(models.ok() && models->size() == 1);
    auto curve = learningCurveOf(models->front().metadataJson);
    QVERIFY2(curve.ok(), curve.ok() ? "" : curve.error().message.c_str());
    QVERIFY(curve->epochsRun >= 3);
    // One point per epoch, in order, arrived while the run went on.
    QCOMPARE(points.count(), curve->epochsRun);
    for (int e = 0; e < points.count(); ++e) QCOMPARE(points.at(e).at(0).toInt(), e + 1);
    QCOMPARE(dialog->curve()->pointCount(), curve->epochsRun);
    QCOMPARE(dialog->curve()->bestEpoch(), curve->bestEpoch);
    // It stays open, no longer modal, saying what was kept and why.
    QCOMPARE(page.trainProgress(), dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 5000);
    QCOMPARE(dialog->windowModality(), Qt::NonModal);
    const QString outcome = dialog->outcomeLabel()->text();
    QVERIFY2(
        outcome.contains(QStringLiteral("Kept epoch %1 of %2").arg(curve->bestEpoch).arg(curve->epochsRun)),
        qPrintable(outcome));
    QCOMPARE(outcome, LearningCurvePlot::outcome(curve.value()));
    QVERIFY(!dialog->curve()->plot()->toolTip().isEmpty());
    dialog->resize(620, 480);
    QTest::qWait(50);
    saveScreenshot(dialog, QStringLiteral("dialog-train-curve.png"));

    // The model information reads the same curve back from the metadata.
    ModelInfoDialog* info = page.showModelInfo();
    QVERIFY(info != nullptr);
    QCOMPARE(info->curve()->pointCount(), curve->epochsRun);
    QCOMPARE(info->curve()->bestEpoch(), curve->bestEpoch);
    QCOMPARE(info->outcomeLabel()->text(), outcome);
    QVERIFY(page.modelBox()->itemData(0, Qt::ToolTipRole).toString().contains(outcome));
    QTest::qWait(50);
    saveScreenshot(info, QStringLiteral("dialog-model-info.png"));
    info->close();
    dialog->close();
  }

  void aModelWithoutACurveSaysSo() {
    ProjectStore::ModelRecord record;
    record.name = "external";
    record.path = "external.pt";
    record.metadataJson = R"({"contract_version": 2, "kind": "bpr", "dim": 8, "num_items": 3,
                             "catalog_fingerprint": "x", "user_fields": [], "item_parts": ["item"]})";
    ModelInfoDialog info(record);
    QCOMPARE(info.curve()->pointCount(), 0);
    QCOMPARE(info.curve()->bestEpoch(), 0);
    QVERIFY(info.outcomeLabel()->text().contains(QStringLiteral("No learning curve")));
  }

  void explainsTheEpochKept_data() {
    QTest::addColumn<int>("maxEpochs");
    QTest::addColumn<std::vector<double>>("ndcg");
    QTest::addColumn<int>("best");
    QTest::addColumn<QString>("expected");
    QTest::newRow("stopped early")
        << 10 << std::vector<double>{0.1, 0.3, 0.2, 0.25} << 2
        << "Kept epoch 2 of 4, the best validation NDCG@20 (0.3000). Stopped after 2 "
           "epochs without improvement (patience 2).";
    QTest::newRow("still improving")
        << 3 << std::vector<double>{0.1, 0.2, 0.25} << 3
        << "Kept epoch 3 of 3, the best validation NDCG@20 (0.2500). Ran all 3 epochs; "
           "the validation NDCG was still improving.";
    QTest::newRow("levelled off")
        << 3 << std::vector<double>{0.1, 0.2, 0.15} << 2
        << "Kept epoch 2 of 3, the best validation NDCG@20 (0.2000). Ran all 3 epochs; "
           "the ones after it brought no improvement.";
  }
  void explainsTheEpochKept() {
    QFETCH(int, maxEpochs);
    QFETCH(std::vector<double>, ndcg);
    QFETCH(int, best);
    QFETCH(QString, expected);
    QCOMPARE(LearningCurvePlot::outcome(handMadeCurve(maxEpochs, ndcg, best)), expected);
    QCOMPARE(LearningCurvePlot::outcome(LearningCurve{}), QString());
  }
};

QTEST_MAIN(TestLearningCurvePlot)
#include "tst_learningcurveplot.moc"
