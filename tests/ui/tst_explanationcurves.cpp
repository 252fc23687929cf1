#include <qcustomplot.h>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "explanation/attributionheatmap.h"
#include "explanation/explanationcontrols.h"
#include "explanation/explanationdetail.h"
#include "explanation/explanationpage.h"
#include "explanation/faithfulnesscurvespane.h"
#include "services/datasetsnapshot.h"
#include "services/faithfulnesscurvesservice.h"
#include "ui/explanationwait.h"
#include "ui/testsession.h"

using namespace reclens;

class TestExplanationCurves : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  std::shared_ptr<const ModelSession> m_session;
  std::vector<std::int32_t> m_list;  // the top 10 of user 0
  static constexpr int kTimeoutMs = 60000;

  // The curves the core computes for `item` and user 0 with the page's and the pane's settings.
  Result<FaithfulnessCurves> coreCurves(const ExplanationPage& page, std::int32_t item) const {
    const auto* pane = page.curvesPane();
    FaithfulnessCurveOptions o;
    o.attribution = page.controls()->options();
    o.maxSteps = pane->stepsBox()->value();
    o.randomOrders = pane->randomOrdersBox()->value();
    o.seed = o.attribution.seed;
    return measureFaithfulnessCurves(m_session->model(), m_session->profiles().profile(0), item, o);
  }

  // Every point drawn on `plot` (one graph per method, then the random one) is the core's.
  static void compareDrawn(QCustomPlot* plot, const FaithfulnessCurves& c, bool deletion) {
    QCOMPARE(plot->graphCount(), int(c.methods.size()) + 1);
    for (int g = 0; g < plot->graphCount(); ++g) {
      const bool random = g == int(c.methods.size());
      const auto& curve =
          random ? (deletion ? c.randomDeletion : c.randomInsertion)
                 : (deletion ? c.methods[std::size_t(g)].deletion : c.methods[std::size_t(g)].insertion);
      const auto data = plot->graph(g)->data();
      QCOMPARE(data->size(), int(curve.scores.size()));
      for (int k = 0; k < data->size(); ++k) {
        QCOMPARE(data->at(k)->key, double(k));
        QVERIFY2(std::abs(data->at(k)->value - curve.scores[std::size_t(k)]) < 1e-9,
                 qPrintable(QString("graph %1, k %2").arg(g).arg(k)));
      }
      const QString name = random ? FaithfulnessCurvesPane::tr("Random")
                                  : ExplanationDetail::methodName(c.methods[std::size_t(g)].method);
      QVERIFY2(plot->graph(g)->name().startsWith(name), qPrintable(plot->graph(g)->name()));
      QVERIFY2(plot->graph(g)->name().contains(QLocale().toString(curve.area, 'f', 3)),
               qPrintable(plot->graph(g)->name()));
      QCOMPARE(plot->graph(g)->pen().style(), random ? Qt::DashLine : Qt::SolidLine);
    }
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto loaded = testing::loadTinySession(m_dir.filePath(QStringLiteral("tiny.reclens")));
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    m_session = loaded.value().session;
    auto list = testing::topItems(*m_session, 0, 10);
    QVERIFY2(list.ok(), list.ok() ? "" : list.error().message.c_str());
    m_list = list.value();
    QCOMPARE(m_list.size(), std::size_t(10));
    QVERIFY(!m_session->profiles().profile(0).items.empty());
  }

  // Ctrl+Shift+K brings the curves' tab forward; they are computed then, for the selected row, and
  // drawn as the core computes them; another row gets its own curves.
  void curvesShownEqualTheCore() {
    ExplanationPage page;
    page.resize(1430, 1000);
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    QSignalSpy curves(page.curvesPane(), &FaithfulnessCurvesPane::curvesShown);
    page.showList(m_session, 0, m_list);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    testing::waitForExplanation(page, shown, kTimeoutMs);
    // Hidden behind the graph tab, the pane computes nothing.
    QVERIFY(!curves.wait(300));
    QVERIFY(!page.curvesPane()->isVisible());
    QTest::keyClick(&page, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(page.curvesPane()->isVisible());
    QVERIFY(curves.count() > 0 || curves.wait(kTimeoutMs));
    const std::int32_t item = page.selectedItem();
    QCOMPARE(item, m_list[0]);
    const auto& drawn = page.curvesPane()->curves();
    QVERIFY2(drawn.has_value(), qPrintable(page.curvesPane()->messageLabel()->text()));
    QCOMPARE(drawn->target, item);
    auto core = coreCurves(page, item);
    QVERIFY2(core.ok(), core.ok() ? "" : core.error().message.c_str());
    QCOMPARE(drawn->methods.size(), std::size_t(4));
    QCOMPARE(drawn->steps, core->steps);
    QCOMPARE(drawn->randomDeletion.scores, core->randomDeletion.scores);
    for (std::size_t m = 0; m < core->methods.size(); ++m)
      QCOMPARE(drawn->methods[m].order, core->methods[m].order);
    compareDrawn(page.curvesPane()->deletionPlot(), core.value(), true);
    compareDrawn(page.curvesPane()->insertionPlot(), core.value(), false);
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("explanation-curves.png"))));

    // The third row: its own curves.
    curves.clear();
    page.heatmap()->selectCell(2, 0);
    QVERIFY(curves.count() > 0 || curves.wait(kTimeoutMs));
    QCOMPARE(page.curvesPane()->curves()->target, m_list[2]);
    auto third = coreCurves(page, m_list[2]);
    QVERIFY(third.ok());
    compareDrawn(page.curvesPane()->deletionPlot(), third.value(), true);

    // Fewer random orders and a step cap: recomputed with them.
    curves.clear();
    page.curvesPane()->stepsBox()->setValue(3);
    QVERIFY(curves.count() > 0 || curves.wait(kTimeoutMs));
    QCOMPARE(page.curvesPane()->curves()->steps, std::min<std::size_t>(3, third->history));
    auto capped = coreCurves(page, m_list[2]);
    QVERIFY(capped.ok());
    compareDrawn(page.curvesPane()->insertionPlot(), capped.value(), false);
  }

  void cancelStopsTheCurves() {
    ExplanationPage page;
    page.resize(1200, 900);
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    page.showList(m_session, 0, m_list);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    testing::waitForExplanation(page, shown, kTimeoutMs);
    auto* pane = page.curvesPane();
    QSignalSpy busy(pane->service(), &FaithfulnessCurvesService::busyChanged);
    page.showCurves();
    QVERIFY(busy.count() > 0 || busy.wait(kTimeoutMs));
    QVERIFY(pane->cancelButton()->isVisible());
    QVERIFY(!pane->computeButton()->isEnabled());
    QTest::mouseClick(pane->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->service()->isBusy(), kTimeoutMs);
    QVERIFY(pane->messageLabel()->text().contains(QStringLiteral("Cancelled")));
    QVERIFY(!pane->cancelButton()->isVisible());
    QVERIFY(pane->computeButton()->isEnabled());
    // Compute draws them again.
    QSignalSpy curves(pane, &FaithfulnessCurvesPane::curvesShown);
    QTest::mouseClick(pane->computeButton(), Qt::LeftButton);
    QVERIFY(curves.count() > 0 || curves.wait(kTimeoutMs));
    QVERIFY(pane->curves().has_value());
    QCOMPARE(pane->deletionPlot()->graphCount(), 5);
  }

  // A user without history: nothing to remove or add, said in words.
  void userWithoutHistory() {
    Dataset data = m_session->snapshot().dataset();
    data.users.ids.push_back("nobody");
    for (auto& field : data.users.fields) {
      const std::string value = field.valueAt(0);  // a copy: appending may grow the field's dictionary
      field.append(value);
    }
    auto snapshot = DatasetSnapshot::build(std::move(data), m_session->snapshot().projectPath());
    QVERIFY(snapshot.ok());
    const auto session = ModelSession::create(snapshot.value(), m_session->model(), "bpr-test");
    const auto user = static_cast<std::int32_t>(snapshot.value()->userCount() - 1);
    QVERIFY(session->profiles().profile(user).items.empty());
    ExplanationPage page;
    page.resize(1200, 900);
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    QSignalSpy curves(page.curvesPane(), &FaithfulnessCurvesPane::curvesShown);
    page.showCurves();
    page.showList(session, user, m_list);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    testing::waitForExplanation(page, shown, kTimeoutMs);
    QVERIFY(curves.count() > 0 || curves.wait(kTimeoutMs));
    QVERIFY(!page.curvesPane()->curves().has_value());
    QVERIFY2(page.curvesPane()->messageLabel()->text().contains(QStringLiteral("no history")),
             qPrintable(page.curvesPane()->messageLabel()->text()));
    QCOMPARE(page.curvesPane()->deletionPlot()->graphCount(), 0);
  }
};

QTEST_MAIN(TestExplanationCurves)
#include "tst_explanationcurves.moc"
