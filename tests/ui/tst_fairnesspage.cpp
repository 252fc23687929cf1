#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QToolButton>
#include <QtTest>

#include <qcustomplot.h>

#include "audit/auditrun.h"
#include "dashboards/auditreportwriter.h"
#include "dashboards/auditrunbar.h"
#include "dashboards/fairnessgapmodel.h"
#include "dashboards/fairnesspage.h"
#include "dashboards/flipratemodel.h"
#include "dashboards/gapdecompositiondialog.h"
#include "dashboards/groupusersmodel.h"
#include "dashboards/runcomparisondialog.h"
#include "plots/plotexport.h"
#include "services/auditservice.h"
#include "store/projectstore.h"
#include "ui/testsession.h"

using namespace reclens;

class TestFairnessPage : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_project;
  std::shared_ptr<const ModelSession> m_session;

  static QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("tiny.reclens"));
    auto session = testing::tinySession(m_project);
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
    m_session = session.value();
  }

  void auditFillsThePage() {
    AuditService service;
    FairnessPage page(service);
    page.resize(1500, 950);
    page.show();
    QAbstractItemModelTester gapTester(page.gapTable()->model());
    QAbstractItemModelTester flipTester(page.flipTable()->model());
    QAbstractItemModelTester userTester(page.groupUsers());
    service.setSession(m_session);
    QVERIFY(!page.saveButton()->isEnabled());

    QSignalSpy finished(&service, &AuditService::auditFinished);
    QVERIFY(page.runBar()->run());
    QVERIFY(finished.wait(120000));
    const auto& result = service.outcome()->result;
    QVERIFY(page.saveButton()->isEnabled());

    // One entry per audited user attribute; NDCG is the metric shown first.
    QVERIFY(!result.fairness.empty());
    QCOMPARE(page.attributeBox()->count(), int(result.fairness.size()));
    QCOMPARE(page.metricBox()->currentData().toString(), QStringLiteral("ndcg"));
    const auto& attribute = result.fairness.front();
    QCOMPARE(page.gapTable()->model()->rowCount(), int(attribute.metrics.size()));
    const auto ndcg = std::find_if(attribute.metrics.begin(), attribute.metrics.end(),
                                   [](const MetricFairness& m) { return m.metric == "ndcg"; });
    QVERIFY(ndcg != attribute.metrics.end());
    const auto row = int(ndcg - attribute.metrics.begin());
    QCOMPARE(
        page.gapTable()->model()->index(row, FairnessGapModel::PValueColumn).data(Qt::EditRole).toDouble(),
        ndcg->pValue);

    // Bars with their bootstrap intervals, one per group.
    auto* bars = qobject_cast<QCPBars*>(page.groupPlot()->plottable(0));
    QVERIFY(bars != nullptr);
    QCOMPARE(bars->dataCount(), int(ndcg->groups.size()));
    QCOMPARE(page.plottedGroups().size(), ndcg->groups.size());
    const auto first = std::find_if(ndcg->groups.begin(), ndcg->groups.end(), [&page](const GroupStat& g) {
      return g.group == page.plottedGroups()[0];
    });
    QVERIFY(first != ndcg->groups.end());
    QCOMPARE(bars->data()->at(0)->value, first->mean);
    auto* errors = qobject_cast<QCPErrorBars*>(page.groupPlot()->plottable(1));
    QVERIFY(errors != nullptr);
    QCOMPARE(errors->dataCount(), bars->dataCount());

    // Clicking the first bar lists that group's users.
    page.groupPlot()->replot();
    const auto& group = *first;
    const QPoint centre(int(page.groupPlot()->xAxis->coordToPixel(1.0)),
                        int(page.groupPlot()->yAxis->coordToPixel(group.mean / 2.0)));
    QTest::mouseClick(page.groupPlot(), Qt::LeftButton, {}, centre);
    QVERIFY(page.groupUsers()->rowCount() > 0);
    QVERIFY(std::size_t(page.groupUsers()->rowCount()) >= group.users);
    const auto& names = result.partial.userAttributes;
    const auto column =
        std::size_t(std::find(names.begin(), names.end(), attribute.attribute) - names.begin());
    QVERIFY(column < names.size());
    for (int r = 0; r < page.groupUsers()->rowCount(); ++r) {
      const auto user = page.groupUsers()->userAt(r);
      const auto record = std::find_if(result.partial.users.begin(), result.partial.users.end(),
                                       [user](const AuditUserRecord& u) { return u.user == user; });
      QVERIFY(record != result.partial.users.end());
      const auto code = record->groupCodes[column];
      QCOMPARE(code < 0 ? std::string() : result.partial.userAttributeValues[column][std::size_t(code)],
               group.group);
    }
    // Double-clicking a user asks for their recommendations.
    QSignalSpy asked(&page, &FairnessPage::recommendationsRequested);
    page.usersTable()->resizeRowsToContents();
    const QRect cell = page.usersTable()->visualRect(page.groupUsers()->index(0, 0));
    QVERIFY(page.usersTable()->isVisible() && cell.isValid());
    // An item view takes a double-click only on the row it saw pressed.
    QTest::mouseClick(page.usersTable()->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(page.usersTable()->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(asked.count(), 1);
    QCOMPARE(asked.first().first().toInt(), page.groupUsers()->userAt(0));

    // Other attributes and metrics redraw the bars.
    if (page.attributeBox()->count() > 1) {
      page.attributeBox()->setCurrentIndex(1);
      QCOMPARE(page.gapTable()->model()->rowCount(), int(result.fairness[1].metrics.size()));
      QCOMPARE(page.groupUsers()->rowCount(), 0);
    }
    page.metricBox()->setCurrentIndex(page.metricBox()->findData(QStringLiteral("recall")));
    QVERIFY(page.groupPlot()->yAxis->label().startsWith(QStringLiteral("Recall@")));

    // The item-side exposure of the chosen grouping: catalog, interaction and exposure bars.
    QVERIFY(page.groupingBox()->count() >= 1);
    QCOMPARE(page.exposurePlot()->plottableCount(), 3);

    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    page.attributeBox()->setCurrentIndex(0);
    page.metricBox()->setCurrentIndex(page.metricBox()->findData(QStringLiteral("ndcg")));
    QVERIFY(page.selectGroup(0));
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("page-fairness.png"))));
    // The GUI's audit holds the intersections of the first user attributes; one of them with a
    // beyond-accuracy metric.
    const auto intersection =
        std::find_if(result.fairness.begin(), result.fairness.end(),
                     [](const AttributeFairness& a) { return a.kind == "intersection"; });
    QVERIFY(intersection != result.fairness.end());
    const int at = page.attributeBox()->findText(QString::fromStdString(intersection->attribute));
    QVERIFY2(at >= 0, intersection->attribute.c_str());
    page.attributeBox()->setCurrentIndex(at);
    page.metricBox()->setCurrentIndex(page.metricBox()->findData(QStringLiteral("average_popularity")));
    QVERIFY(page.groupPlot()->xAxis->label().contains(QStringLiteral(" × ")));
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("page-fairness-intersection.png"))));

    // Tables export as CSV: a header and one line per row.
    const QString csv = m_dir.filePath(QStringLiteral("gaps.csv"));
    QString error;
    QVERIFY2(plotexport::saveTableCsv(*page.gapTable(), csv, &error), qPrintable(error));
    const auto lines = readAll(csv).split('\n');
    QCOMPARE(lines.size(), page.gapTable()->model()->rowCount() + 2);  // the last line ends with a newline
    QVERIFY(lines.first().startsWith("Metric,Groups,"));
    const QString users = m_dir.filePath(QStringLiteral("users.csv"));
    QVERIFY(plotexport::saveTableCsv(*page.usersTable(), users, &error));
    QCOMPARE(readAll(users).count('\n'), page.groupUsers()->rowCount() + 1);

    // Save the run into the project; the name must be new.
    QSignalSpy saved(&page, &FairnessPage::runSaved);
    QVERIFY2(page.saveRun(QStringLiteral("first audit"), &error), qPrintable(error));
    QCOMPARE(saved.count(), 1);
    auto store = ProjectStore::open(m_project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    auto run = loadAuditRun(*store.value(), "first audit");
    QVERIFY2(run.ok(), run.ok() ? "" : run.error().message.c_str());
    QCOMPARE(run.value().result.gini, result.gini);
    QCOMPARE(run.value().provenance.modelName, m_session->name());
    QVERIFY(!page.saveRun(QStringLiteral("first audit"), &error));

    // Reports: self-contained HTML and a PDF.
    const QString html = m_dir.filePath(QStringLiteral("report.html"));
    QVERIFY2(page.exportReport(html, &error), qPrintable(error));
    const QByteArray text = readAll(html);
    QVERIFY(text.contains("<html") || text.contains("<!DOCTYPE html"));
    QVERIFY(text.contains(QByteArray::fromStdString(result.partial.modelSha256)));
    const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
    QVERIFY2(page.exportReport(pdf, &error), qPrintable(error));
    QVERIFY(readAll(pdf).startsWith("%PDF-"));
    QVERIFY(readAll(pdf).size() > 2000);
  }

  // The same model audited with a re-ranker from the run bar, saved, and compared with the plain run
  // saved by auditFillsThePage: the comparison names the re-ranking, pairs the users and marks what
  // changed significantly; the filters and the report work.
  void reRankedRunComparedWithThePlainOne() {
    AuditService service;
    FairnessPage page(service);
    page.resize(1500, 950);
    page.show();
    service.setSession(m_session);
    QVERIFY(page.runBar()->reRankButton()->text().contains(QStringLiteral("off")));
    ReRankOptions knobs;
    knobs.popularityPenalty = 0.5;
    knobs.calibration = 0.5;
    page.runBar()->setReRankOptions(knobs);
    QCOMPARE(page.runBar()->reRankButton()->text(),
             QStringLiteral("Re-ranked: popularity penalty 0.5, calibration 0.5"));
    QSignalSpy finished(&service, &AuditService::auditFinished);
    QVERIFY(page.runBar()->run());
    QVERIFY(finished.wait(120000));
    QCOMPARE(service.outcome()->result.partial.config.rerank.calibration, 0.5);
    QVERIFY2(
        page.runBar()->statusLabel()->text().contains(QStringLiteral("re-ranked: popularity penalty 0.5")),
        qPrintable(page.runBar()->statusLabel()->text()));
    QString error;
    QVERIFY2(page.saveRun(QStringLiteral("re-ranked audit"), &error), qPrintable(error));

    auto* dialog = page.openComparison();
    QVERIFY(dialog != nullptr);
    QAbstractItemModelTester tester(dialog->model());
    QSignalSpy shown(dialog, &RunComparisonDialog::comparisonShown);
    // The audit on screen, then the saved runs newest first: B is the audit on screen, A the newest saved.
    QCOMPARE(dialog->runABox()->count(), 3);
    QVERIFY(shown.count() > 0 || shown.wait(60000));
    QCOMPARE(dialog->runBBox()->currentIndex(), 0);
    QCOMPARE(dialog->runABox()->currentIndex(), 1);
    for (const auto& r : dialog->model()->comparison().rows) {
      if (std::isfinite(r.a)) QVERIFY2(r.difference == 0.0, r.metric.c_str());  // the same audit twice
    }
    shown.clear();
    dialog->runABox()->setCurrentIndex(2);  // "first audit": the model's own lists
    QVERIFY(shown.wait(60000));
    const auto& c = dialog->model()->comparison();
    QVERIFY(c.paired);
    QVERIFY2(
        dialog->notesLabel()->text().contains(QStringLiteral("re-ranking: A none, B popularity penalty 0.5")),
        qPrintable(dialog->notesLabel()->text()));
    const auto arp = std::find_if(c.rows.begin(), c.rows.end(),
                                  [](const RunComparisonRow& r) { return r.metric == "ARP"; });
    QVERIFY(arp != c.rows.end());
    qInfo("ARP %.3f -> %.3f, interval [%.3f, %.3f] over %zu users", arp->a, arp->b, arp->ciLow, arp->ciHigh,
          arp->pairedUsers);
    QVERIFY(arp->b < arp->a);
    QVERIFY(arp->significant);
    QVERIFY(arp->ciHigh < 0.0);
    const auto significant =
        std::count_if(c.rows.begin(), c.rows.end(), [](const RunComparisonRow& r) { return r.significant; });
    dialog->significantOnlyBox()->setChecked(true);
    QCOMPARE(dialog->filterModel()->rowCount(), int(significant));
    dialog->significantOnlyBox()->setChecked(false);
    dialog->filterEdit()->setText(QStringLiteral("NDCG"));
    QVERIFY(dialog->filterModel()->rowCount() > 0);
    for (int r = 0; r < dialog->filterModel()->rowCount(); ++r) {
      QVERIFY(dialog->filterModel()
                  ->index(r, RunComparisonModel::Metric)
                  .data()
                  .toString()
                  .contains(QStringLiteral("NDCG")));
    }
    dialog->filterEdit()->clear();
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QTest::qWait(50);  // the layout takes the notes' new height
    QVERIFY(dialog->grab().save(QDir(dir).filePath(QStringLiteral("dialog-run-comparison.png"))));
    const QString html = m_dir.filePath(QStringLiteral("comparison.html"));
    QVERIFY2(dialog->exportReport(html, &error), qPrintable(error));
    QVERIFY(readAll(html).contains("RecLens audit comparison"));
    // A project whose runs cannot be read says why, not that it has none.
    RunComparisonDialog broken(m_dir.filePath(QStringLiteral("no-such.reclens")).toStdString(), nullptr);
    QVERIFY2(broken.notesLabel()->text().contains(QStringLiteral("Cannot read the saved runs")),
             qPrintable(broken.notesLabel()->text()));
    QVERIFY(readAll(html).contains("first audit"));                              // run A
    QVERIFY(readAll(html).contains("popularity penalty 0.5, calibration 0.5"));  // run B's re-ranking
    dialog->close();
  }

  // Why This Gap?: the chosen attribute's NDCG gap split by brand; the parts add up to the gap the page
  // shows, and the sides can be swapped.
  void whyThisGap() {
    AuditService service;
    FairnessPage page(service);
    page.resize(1500, 950);
    page.show();
    service.setSession(m_session);
    QVERIFY(!page.whyButton()->isEnabled());
    QSignalSpy finished(&service, &AuditService::auditFinished);
    QVERIFY(page.runBar()->run());
    QVERIFY(finished.wait(120000));
    QVERIFY(page.whyButton()->isEnabled());
    page.metricBox()->setCurrentIndex(page.metricBox()->findData(QStringLiteral("ndcg")));
    page.groupingBox()->setCurrentIndex(page.groupingBox()->findData(QStringLiteral("brand")));
    auto* dialog = page.openGapDecomposition();
    QVERIFY(dialog != nullptr);
    QSignalSpy shown(dialog, &GapDecompositionDialog::decompositionShown);
    QVERIFY(shown.wait(60000));
    QVERIFY(dialog->decomposition().has_value());
    const GapDecomposition d = *dialog->decomposition();  // a copy: the dialog replaces its own
    QCOMPARE(d.itemGrouping, std::string("brand"));
    const auto& attribute =
        service.outcome()->result.fairness[std::size_t(page.attributeBox()->currentIndex())];
    const auto ndcg = std::find_if(attribute.metrics.begin(), attribute.metrics.end(),
                                   [](const MetricFairness& m) { return m.metric == "ndcg"; });
    QCOMPARE(d.highGroup, ndcg->highGroup);
    QVERIFY(std::abs(d.gap - ndcg->maxMinGap) < 1e-9);
    double sum = 0.0;
    for (const auto& p : d.parts) sum += p.difference;
    QVERIFY(std::abs(sum - d.gap) < 1e-9);
    QCOMPARE(dialog->table()->rowCount(), int(d.parts.size()));
    QVERIFY(dialog->summaryLabel()->text().contains(QStringLiteral("gap")));
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QTest::qWait(50);
    QVERIFY(dialog->grab().save(QDir(dir).filePath(QStringLiteral("dialog-why-this-gap.png"))));
    shown.clear();
    const int high = dialog->highBox()->currentIndex();
    dialog->highBox()->setCurrentIndex(dialog->lowBox()->currentIndex());
    dialog->lowBox()->setCurrentIndex(high);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->decomposition() && std::abs(dialog->decomposition()->gap + d.gap) < 1e-9,
                             60000);
    dialog->close();
  }

  void inlineFiguresBecomeImages() {
    QTextDocument document;
    const QString html = QStringLiteral(
        "<p>before</p><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
        "<rect width=\"40\" height=\"20\" fill=\"red\"/></svg><p>after</p>");
    const QString converted = withFiguresAsImages(html, document);
    QVERIFY(!converted.contains(QStringLiteral("<svg")));
    QVERIFY(converted.contains(QStringLiteral("<img src=\"figure:1\" width=\"40\" height=\"20\">")));
    QVERIFY(converted.startsWith(QStringLiteral("<p>before</p>")));
    QVERIFY(converted.endsWith(QStringLiteral("<p>after</p>")));
    const auto image =
        document.resource(QTextDocument::ImageResource, QUrl(QStringLiteral("figure:1"))).value<QImage>();
    QCOMPARE(image.size(), QSize(80, 40));
    QCOMPARE(image.pixelColor(40, 20), QColor(Qt::red));
  }
};

QTEST_MAIN(TestFairnessPage)
#include "tst_fairnesspage.moc"
