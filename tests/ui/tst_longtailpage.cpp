#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include "dashboards/auditrunbar.h"
#include "dashboards/longtailpage.h"
#include "dashboards/metriccard.h"
#include "dashboards/tradeoffpanel.h"
#include "dashboards/tradeoffsweep.h"
#include "plots/plotexport.h"
#include "services/auditservice.h"
#include "ui/testsession.h"

using namespace reclens;

class TestLongTailPage : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::shared_ptr<const ModelSession> m_session;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto session = testing::tinySession(m_dir.filePath(QStringLiteral("tiny.reclens")));
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
    m_session = session.value();
  }

  void auditFillsTheDashboard() {
    AuditService service;
    LongTailPage page(service);
    page.resize(1500, 950);
    page.show();
    // Before a model there is nothing to run.
    QVERIFY(!page.runBar()->run());
    service.setSession(m_session);
    QCOMPARE(page.card(LongTailPage::Gini)->value(), QStringLiteral("–"));

    QSignalSpy finished(&service, &AuditService::auditFinished);
    QSignalSpy swept(&page.sweep(), &TradeoffSweep::completed);
    QSignalSpy points(&page.sweep(), &TradeoffSweep::pointReady);
    page.runBar()->kBox()->setValue(10);
    QVERIFY(page.runBar()->run());
    QVERIFY(!page.runBar()->run());  // one audit at a time
    QVERIFY(finished.wait(120000));
    const auto& result = service.outcome()->result;
    QCOMPARE(result.partial.config.k, 10);
    QCOMPARE(result.partial.numItems, m_session->snapshot().itemCount());

    // Cards show the audit's numbers.
    QCOMPARE(page.card(LongTailPage::Gini)->value(), QLocale().toString(result.gini, 'f', 3));
    QCOMPARE(page.card(LongTailPage::Coverage)->value(),
             QLocale().toString(100.0 * result.itemCoverage, 'f', 1) + QLatin1Char('%'));
    for (int c = 0; c < LongTailPage::CardCount; ++c)
      QVERIFY(page.card(static_cast<LongTailPage::Card>(c))->value() != QStringLiteral("–"));

    // Popularity: exposure dots and the train curve, one point per item with train interactions.
    QCOMPARE(page.popularityPlot()->graphCount(), 2);
    const auto& train = service.outcome()->trainPopularity;
    const auto withTrain = std::count_if(train.begin(), train.end(), [](std::int64_t c) { return c > 0; });
    QCOMPARE(page.popularityPlot()->graph(1)->dataCount(), int(withTrain));
    QVERIFY(page.popularityPlot()->xAxis->scaleType() == QCPAxis::stLogarithmic);
    // Lorenz: the diagonal and two curves from (0, 0) to (1, 1), under the diagonal.
    QCOMPARE(page.lorenzPlot()->graphCount(), 3);
    for (int g = 1; g < 3; ++g) {
      const auto data = page.lorenzPlot()->graph(g)->data();
      QVERIFY(data->size() >= 2);
      QCOMPARE(data->begin()->key, 0.0);
      QCOMPARE((data->end() - 1)->value, 1.0);
      for (auto it = data->begin(); it != data->end(); ++it) QVERIFY(it->value <= it->key + 1e-9);
    }
    // Tier exposure: catalog, interaction and exposure bars for head, mid and tail.
    QCOMPARE(page.tierPlot()->plottableCount(), 3);
    const auto tiers = std::find_if(result.itemGroups.begin(), result.itemGroups.end(),
                                    [](const ItemGrouping& g) { return g.name == "tier"; });
    QVERIFY(tiers != result.itemGroups.end());
    QCOMPARE(qobject_cast<QCPBars*>(page.tierPlot()->plottable(2))->dataCount(), int(tiers->groups.size()));

    // The trade-off arrives point by point, one per λ, in λ order.
    QVERIFY(swept.wait(120000));
    const auto lambdas = LongTailPage::sweepLambdas();
    QCOMPARE(points.count(), int(lambdas.size()));
    QCOMPARE(page.tradeoffPoints().size(), lambdas.size());
    for (std::size_t n = 0; n < lambdas.size(); ++n) {
      QCOMPARE(page.tradeoffPoints()[n].lambda, lambdas[n]);
      QVERIFY(page.tradeoffPoints()[n].coverage > 0.0 && page.tradeoffPoints()[n].coverage <= 1.0);
    }
    // Penalising popularity moves the lists into the long tail.
    QVERIFY(page.tradeoffPoints().back().aplt > page.tradeoffPoints().front().aplt);

    // The current λ of the Recommendations page is marked between its neighbours on the curve.
    page.setCurrentPenalty(0.3);
    QCOMPARE(page.tradeoffPlot()->graphCount(), 1);
    auto* marker = page.tradeoffPlot()->graph(0);
    QVERIFY(marker->name().contains(QLocale().toString(0.3, 'f', 2)));
    const double lo =
        std::min(100.0 * page.tradeoffPoints()[5].coverage, 100.0 * page.tradeoffPoints()[6].coverage);
    const double hi =
        std::max(100.0 * page.tradeoffPoints()[5].coverage, 100.0 * page.tradeoffPoints()[6].coverage);
    QVERIFY(marker->data()->begin()->key >= lo - 1e-9 && marker->data()->begin()->key <= hi + 1e-9);

    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("page-longtail.png"))));

    // A new model clears the dashboard.
    service.setSession(nullptr);
    QCOMPARE(page.card(LongTailPage::Gini)->value(), QStringLiteral("–"));
    QCOMPARE(page.lorenzPlot()->graphCount(), 0);
  }

  // Any knob against any pair of metrics: a new knob sweeps again; new axes redraw the same points.
  void tradeoffOfAnyKnobAgainstAnyPair() {
    AuditService service;
    LongTailPage page(service);
    page.resize(1500, 950);
    page.show();
    service.setSession(m_session);
    QSignalSpy swept(&page.sweep(), &TradeoffSweep::completed);
    QVERIFY(page.runBar()->run());
    QVERIFY(swept.wait(120000));
    auto* panel = page.tradeoffPanel();
    QVERIFY(panel->setKnob(QStringLiteral("provider")));
    QCOMPARE(panel->knob(), TradeoffKnob::ProviderFairness);
    QVERIFY(page.sweep().isRunning());
    QVERIFY(swept.wait(120000));
    const auto points = page.tradeoffPoints();
    QCOMPARE(points.size(), TradeoffPanel::sweepValues(TradeoffKnob::ProviderFairness).size());
    // Provider fairness brings the lists' provider exposure towards the targets.
    QVERIFY2(points.back().providerDistance < points.front().providerDistance,
             qPrintable(QStringLiteral("%1 -> %2")
                            .arg(points.front().providerDistance)
                            .arg(points.back().providerDistance)));

    // New axes: drawn from the points there, without another sweep.
    QVERIFY(panel->setAxes(QStringLiteral("provider"), QStringLiteral("recall")));
    QVERIFY(!page.sweep().isRunning());
    QCOMPARE(panel->xBox()->currentData().toInt(), int(TradeoffPanel::ProviderDistance));
    QCOMPARE(panel->yBox()->currentData().toInt(), int(TradeoffPanel::Recall));
    auto* curve = qobject_cast<QCPCurve*>(page.tradeoffPlot()->plottable(0));
    QVERIFY(curve != nullptr);
    QCOMPARE(curve->dataCount(), int(points.size()));
    auto it = curve->data()->begin();
    for (std::size_t n = 0; n < points.size(); ++n, ++it) {
      QCOMPARE(it->key, points[n].providerDistance);
      QCOMPARE(it->value, points[n].recall);
    }
    QVERIFY(!panel->setAxes(QStringLiteral("speed"), QStringLiteral("ndcg")));

    // The Recommendations page's provider fairness is marked; its other knobs are not this sweep's.
    ReRankOptions current;
    current.providerFairness = 0.5;
    current.popularityPenalty = 0.9;
    page.setCurrentReRank(current);
    QCOMPARE(panel->currentValue(), 0.5);
    QCOMPARE(page.tradeoffPlot()->graphCount(), 1);
    QCOMPARE(page.tradeoffPlot()->graph(0)->data()->begin()->key, points[10].providerDistance);
    QVERIFY(page.grab().save(
        QDir(QStringLiteral(RECLENS_SCREENSHOT_DIR)).filePath(QStringLiteral("page-longtail-provider.png"))));
  }

  void exportsWriteValidFiles() {
    QCustomPlot plot;
    plot.resize(400, 300);
    plot.addGraph()->setData({1, 2, 3}, {3, 1, 2});
    plot.rescaleAxes();
    const QString png = m_dir.filePath(QStringLiteral("plot.png"));
    const QString svg = m_dir.filePath(QStringLiteral("plot.svg"));
    QString error;
    QVERIFY2(plotexport::savePlot(&plot, png, &error), qPrintable(error));
    QVERIFY2(plotexport::savePlot(&plot, svg, &error), qPrintable(error));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(800, 600));  // twice the on-screen size
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.trimmed().endsWith("</svg>"));
    QVERIFY(!plotexport::savePlot(&plot, m_dir.filePath(QStringLiteral("missing/plot.png")), &error));
    QVERIFY(!error.isEmpty());
  }
};

QTEST_MAIN(TestLongTailPage)
#include "tst_longtailpage.moc"
