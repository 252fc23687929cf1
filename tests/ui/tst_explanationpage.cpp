#include <qcustomplot.h>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

#include "engine/scoringengine.h"
#include "explanation/attributionheatmap.h"
#include "explanation/egographview.h"
#include "explanation/explanationcontrols.h"
#include "explanation/explanationpage.h"
#include "recommendations/recommendationmodel.h"
#include "recommendations/recommendationspage.h"
#include "services/explanationservice.h"
#include "services/modelsession.h"
#include "ui/testmodel.h"
#include "ui/testsession.h"

using namespace reclens;

class TestExplanationPage : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::shared_ptr<const ModelSession> m_session;
  std::vector<std::int32_t> m_list;  // the top 20 of user 0
  static constexpr int kTimeoutMs = 30000;

  static ComputeDevice cpu() { return {ComputeDevice::Kind::Cpu, 0, "CPU (test)"}; }

  static void saveScreenshot(QWidget* widget, const QString& name) {
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
  }

  static void selectMethod(ExplanationPage& page, AttributionMethod method) {
    QComboBox* box = page.controls()->methodBox();
    box->setCurrentIndex(box->findData(static_cast<int>(method)));
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto loaded = testing::loadTinySession(m_dir.filePath(QStringLiteral("tiny.reclens")));
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    m_snapshot = loaded.value().snapshot;
    m_session = loaded.value().session;
    auto list = testing::topItems(*m_session, 0, 20);
    QVERIFY2(list.ok(), list.ok() ? "" : list.error().message.c_str());
    m_list = list.value();
    QCOMPARE(m_list.size(), std::size_t(20));
  }

  void explainsTheTopRowsAndTheirGraph() {
    ExplanationPage page;
    page.resize(1430, 950);
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    QSignalSpy graphs(&page, &ExplanationPage::graphShown);
    // Hidden, the page computes nothing.
    page.showList(m_session, 0, m_list);
    QVERIFY(!shown.wait(200));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(shown.wait(kTimeoutMs));
    QVERIFY2(page.messageLabel()->isHidden(), qPrintable(page.messageLabel()->text()));
    AttributionHeatmap* map = page.heatmap();
    QCOMPARE(map->rowCount(), ExplanationControls::kDefaultRows);
    QCOMPARE(page.explainedItems(), std::vector<std::int32_t>(m_list.begin(), m_list.begin() + 10));
    QVERIFY(map->columnCount() > 2);
    QCOMPARE(map->explanation().options.method, AttributionMethod::IntegratedGradients);
    QCOMPARE(page.reasonList()->count(), 10);
    QVERIFY(page.completenessLabel()->text().contains(QStringLiteral("Completeness")));
    // Integrated Gradients with 32 steps nearly adds up.
    for (const auto& item : map->explanation().items) {
      QVERIFY(std::isfinite(item.completenessDelta));
      QVERIFY(std::abs(item.completenessDelta) <= 0.05 * (1.0 + std::abs(item.output - item.baselineOutput)));
    }
    // The first row is selected, its detail shown, and its graph follows.
    QCOMPARE(map->selectedRow(), 0);
    QCOMPARE(page.selectedItem(), m_list[0]);
    const QString title = QString::fromStdString(m_snapshot->dataset().items.titles[std::size_t(m_list[0])]);
    QVERIFY2(page.detailLabel()->text().contains(title.toHtmlEscaped()),
             qPrintable(page.detailLabel()->text()));
    QVERIFY(graphs.count() > 0 || graphs.wait(kTimeoutMs));
    QCOMPARE(page.graphView()->graph().target, m_list[0]);
    QCOMPARE(page.graphView()->graph().user, 0);
    QVERIFY(page.graphView()->nodeItem(0) != nullptr);
    saveScreenshot(&page, QStringLiteral("page-explanation.png"));

    // Clicking a cell of the third row shows its detail and moves the graph to that item.
    map->plot()->replot();
    graphs.clear();
    QTest::mouseClick(map->plot(), Qt::LeftButton, {}, map->cellCentre(2, 0));
    QCOMPARE(map->selectedRow(), 2);
    QCOMPARE(page.reasonList()->currentRow(), 2);
    QVERIFY(graphs.wait(kTimeoutMs));
    QCOMPARE(page.graphView()->graph().target, m_list[2]);
  }

  void switchingTheMethodRecomputes() {
    ExplanationPage page;
    page.resize(1430, 950);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    page.showList(m_session, 0, m_list);
    QVERIFY(shown.wait(kTimeoutMs));
    const auto before = page.service()->generation();
    const double igFirst = page.heatmap()->value(0, 0);

    selectMethod(page, AttributionMethod::Occlusion);
    QVERIFY(shown.wait(kTimeoutMs));
    QCOMPARE(page.heatmap()->explanation().options.method, AttributionMethod::Occlusion);
    QVERIFY(page.service()->generation() > before);
    QVERIFY(page.completenessLabel()->text().contains(QStringLiteral("occlusion")));
    QVERIFY(!page.controls()->stepsBox()->isEnabled());

    selectMethod(page, AttributionMethod::GradientTimesInput);
    QVERIFY(shown.wait(kTimeoutMs));
    QCOMPARE(page.heatmap()->explanation().options.method, AttributionMethod::GradientTimesInput);

    // Fewer rows, and IG with other steps: the last request wins.
    page.controls()->rowsBox()->setValue(4);
    selectMethod(page, AttributionMethod::IntegratedGradients);
    page.controls()->stepsBox()->setValue(8);
    QVERIFY(shown.wait(kTimeoutMs));
    QVERIFY(!shown.wait(300));
    QCOMPARE(page.heatmap()->rowCount(), 4);
    QCOMPARE(page.heatmap()->explanation().options.method, AttributionMethod::IntegratedGradients);
    QCOMPARE(page.heatmap()->explanation().options.steps, 8);
    QVERIFY(std::abs(page.heatmap()->value(0, 0) - igFirst) < 0.05 * (1.0 + std::abs(igFirst)));
  }

  void cancelStopsAndComputeRestarts() {
    ExplanationPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    QSignalSpy progress(page.service(), &ExplanationService::progressed);
    page.controls()->samplesBox()->setValue(4096);
    selectMethod(page, AttributionMethod::Shapley);
    page.showList(m_session, 0, m_list);
    QPushButton* button = page.controls()->cancelButton();
    QVERIFY(page.service()->isBusy());
    QVERIFY(button->isVisible());
    QCOMPARE(button->text(), QStringLiteral("Cancel"));
    // Cancelled while Shapley samples its permutations: the explanation ends as cancelled.
    QVERIFY(progress.wait(kTimeoutMs));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(shown.wait(kTimeoutMs));
    QVERIFY(!page.service()->isBusy());
    QCOMPARE(page.heatmap()->rowCount(), 0);
    QVERIFY(page.messageLabel()->text().contains(QStringLiteral("Cancelled")));
    QCOMPARE(button->text(), QStringLiteral("Compute"));
    QVERIFY(button->isVisible());

    // A new setting computes again by itself.
    shown.clear();
    page.controls()->samplesBox()->setValue(8);
    QVERIFY(shown.wait(kTimeoutMs));
    QCOMPARE(page.heatmap()->rowCount(), 10);
    QCOMPARE(page.heatmap()->explanation().options.method, AttributionMethod::Shapley);
    QCOMPARE(page.heatmap()->explanation().options.samples, 8);
    // Idle (the graph of the first row done too), the button goes away.
    QTRY_VERIFY_WITH_TIMEOUT(!page.service()->isBusy(), kTimeoutMs);
    QVERIFY(!button->isVisible());

    // Cancelled before it started: nothing runs and nothing arrives; Compute starts it again.
    shown.clear();
    page.controls()->samplesBox()->setValue(16);
    QVERIFY(page.service()->isBusy());
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!page.service()->isBusy());
    QVERIFY(!shown.wait(300));
    QCOMPARE(page.heatmap()->rowCount(), 0);
    QCOMPARE(button->text(), QStringLiteral("Compute"));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(shown.wait(kTimeoutMs));
    QCOMPARE(page.heatmap()->rowCount(), 10);
    QCOMPARE(page.heatmap()->explanation().options.samples, 16);
    QVERIFY(page.messageLabel()->isHidden());
  }

  void focusesAnItemOutsideTheList() {
    ExplanationPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    QSignalSpy users(&page, &ExplanationPage::userRequested);
    page.showList(m_session, 0, m_list);
    QVERIFY(shown.wait(kTimeoutMs));
    // Rank 16 is in the list but below the rows shown: it becomes row 11 with its rank.
    page.focusItem(0, m_list[15]);
    QVERIFY(shown.wait(kTimeoutMs));
    QCOMPARE(page.heatmap()->rowCount(), 11);
    QCOMPARE(page.selectedItem(), m_list[15]);
    QVERIFY(page.heatmap()->rowLabel(10).startsWith(QStringLiteral("16. ")));
    // An item the model does not recommend at all is marked as such.
    std::int32_t outside = 0;
    while (std::find(m_list.begin(), m_list.end(), outside) != m_list.end()) ++outside;
    page.focusItem(0, outside);
    QVERIFY(shown.wait(kTimeoutMs));
    QCOMPARE(page.selectedItem(), outside);
    QVERIFY(page.heatmap()->rowLabel(10).contains(QStringLiteral("not in the list")));
    // An item already shown is only selected.
    page.focusItem(0, m_list[3]);
    QCOMPARE(page.selectedItem(), m_list[3]);
    QVERIFY(!shown.wait(200));
    QCOMPARE(users.count(), 0);
  }

  void recommendationsGetAReasonLine() {
    RecommendationsPage page(cpu());
    QSignalSpy loaded(&page, &RecommendationsPage::modelLoaded);
    page.setSnapshot(m_snapshot);
    QVERIFY(loaded.wait(kTimeoutMs));
    RecommendationModel* model = page.recommendations();
    const auto reason = [model](int row) {
      return model->data(model->index(row, RecommendationModel::ReasonColumn)).toString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && !reason(0).isEmpty(), kTimeoutMs);
    QCOMPARE(model->headerData(RecommendationModel::ReasonColumn, Qt::Horizontal).toString(),
             QStringLiteral("Why"));
    for (int row = 0; row < model->rowCount(); ++row) QVERIFY(!reason(row).isEmpty());
    // The tooltip holds the whole reason line, and the distinctive sentence when the column shows it.
    const QString tip =
        model->data(model->index(0, RecommendationModel::ReasonColumn), Qt::ToolTipRole).toString();
    QVERIFY2(tip.startsWith(QStringLiteral("Recommended because")) ||
                 tip.startsWith(QStringLiteral("No single field")),
             qPrintable(tip));
    QCOMPARE(reason(0).startsWith(QStringLiteral("Rests on")),
             tip.contains(QStringLiteral("Unlike your other recommendations")));
  }
};

QTEST_MAIN(TestExplanationPage)
#include "tst_explanationpage.moc"
