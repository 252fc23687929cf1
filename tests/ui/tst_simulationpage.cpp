#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "services/backgroundjob.h"
#include "sim/simulation.h"
#include "simulation/simulationform.h"
#include "simulation/simulationpage.h"
#include "simulation/simulationplot.h"
#include "simulation/simulationservice.h"
#include "simulation/simulationslateview.h"
#include "simulation/simulationsummarymodel.h"
#include "store/projectstore.h"
#include "ui/testsession.h"

using namespace reclens;

namespace {

constexpr int kWaitMs = 120000;

// Checks exactly the named policies of the form.
void choosePolicies(SimulationForm& form, const QStringList& names) {
  for (const auto& name : form.policyNames()) form.policyBox(name)->setChecked(names.contains(name));
}

// The mean over seeds of one metric at one round, summed here rather than through the core.
double seedMean(const sim::PolicyRun& run, int metric, int round) {
  double sum = 0.0;
  for (const auto& s : run.seeds) sum += s.rounds[std::size_t(round)].values[std::size_t(metric)];
  return sum / double(run.seeds.size());
}

}  // namespace

class TestSimulationPage : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  std::shared_ptr<const ModelSession> m_session;
  std::shared_ptr<const ModelSession> m_plainSession;  // a project without a generator configuration

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString tiny = m_dir.filePath(QStringLiteral("tiny.reclens"));
    auto session = testing::tinySession(tiny);
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
    m_session = session.value();

    // The same data and model, in a project whose generator configuration was removed.
    const QString plain = m_dir.filePath(QStringLiteral("plain.reclens"));
    QVERIFY(QFile::copy(tiny, plain));
    auto store = ProjectStore::open(plain.toStdString(), ProjectStore::Mode::ReadWrite);
    QVERIFY(store.ok());
    QVERIFY(store.value()->setMetaValue("generator.config", "").ok());
    store.value().reset();
    auto snapshot = DatasetSnapshot::build(m_session->snapshot().dataset(), plain.toStdString());
    QVERIFY(snapshot.ok());
    m_plainSession = ModelSession::create(snapshot.value(), m_session->model(), m_session->name());
  }

  void defaults() {
    SimulationForm form;
    auto request = form.request();
    QVERIFY(request.ok());
    const auto& c = request.value().config;
    QStringList names;
    for (const auto& p : c.policies) names << QString::fromStdString(p.name);
    QCOMPARE(names, QStringList({"greedy", "egreedy:0.1", "thompson:0.02", "linucb:1"}));
    QCOMPARE(c.rounds, 20);
    QCOMPARE(c.usersPerRound, std::int64_t(0));
    QCOMPARE(c.k, 20);
    QCOMPARE(QString::fromStdString(c.examination.name()), QStringLiteral("pbm:1"));
    QCOMPARE(c.retrainEvery, 0);
    QCOMPARE(c.seeds, 5);  // as on the command line
    QCOMPARE(request.value().appealScale, 0.02);
    QCOMPARE(c.retrainWindow, 0);
    // The training window applies to re-training only, and reaches the configuration; a shown
    // configuration sets it back.
    QVERIFY(!form.retrainWindowBox()->isEnabled());
    form.retrainEveryBox()->setValue(5);
    QVERIFY(form.retrainWindowBox()->isEnabled());
    form.retrainWindowBox()->setValue(4);
    auto windowed = form.request();
    QVERIFY(windowed.ok());
    QCOMPARE(windowed.value().config.retrainEvery, 5);
    QCOMPARE(windowed.value().config.retrainWindow, 4);
    auto shown = windowed.value().config;
    shown.retrainWindow = 7;
    form.showConfig(shown);
    QCOMPARE(form.retrainWindowBox()->value(), 7);
    form.showConfig(c);
    QCOMPARE(form.retrainWindowBox()->value(), 0);
    QVERIFY(!form.retrainWindowBox()->isEnabled());
    // Every control explains itself.
    for (auto* w : form.findChildren<QWidget*>()) {
      if (qobject_cast<QCheckBox*>(w) || qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QComboBox*>(w))
        QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->metaObject()->className()));
    }
    // No policy at all is refused.
    choosePolicies(form, {});
    QVERIFY(!form.request().ok());
  }

  void runFillsPlotTableAndSlates() {
    SimulationPage page;
    page.resize(1600, 1000);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QAbstractItemModelTester tester(page.summaryModel());
    QVERIFY(!page.run());  // no model yet
    page.setSession(m_session);
    auto& form = *page.form();
    choosePolicies(form, {"greedy", "egreedy"});
    form.parameterBox(QStringLiteral("egreedy"))->setValue(0.3);
    constexpr int kRounds = 3, kSeeds = 2, kK = 5;
    form.roundsBox()->setValue(kRounds);
    form.seedsBox()->setValue(kSeeds);
    form.kBox()->setValue(kK);

    QSignalSpy rounds(&page.service(), &SimulationService::roundReceived);
    QSignalSpy finished(&page.service(), &SimulationService::resultChanged);
    QTest::mouseClick(page.runButton(), Qt::LeftButton);
    QVERIFY(page.service().job().isRunning());
    QVERIFY(!page.runButton()->isEnabled());
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(rounds.count(), kRounds * kSeeds);  // the observer reached the GUI thread every round
    const auto result = page.service().result();
    QVERIFY(result);
    QCOMPARE(int(result->runs.size()), 2);
    QCOMPARE(QString::fromStdString(result->runs[1].policy), QStringLiteral("egreedy:0.3"));
    QVERIFY(result->config.keepSlates);
    QCOMPARE(int(result->runs[0].seeds.front().slates.size()), kRounds);

    // The plot: one line per policy, a point per round, at the mean over seeds.
    auto* plot = page.plot()->plot();
    auto* chooser = page.plot()->seriesBox();
    // The metrics, two gaps per user attribute, an exposure gap per item attribute and a share per value
    // of the small item attributes.
    QVERIFY(!result->attributes.empty());
    QVERIFY(!result->itemAttributes.empty());
    int shares = 0;
    for (const auto& a : result->itemAttributes)
      shares += a.values.size() <= sim::kItemValuesListed ? int(a.values.size()) : 0;
    QVERIFY(shares > 0);
    QCOMPARE(chooser->count(), sim::kMetricCount + 2 * int(result->attributes.size()) +
                                   int(result->itemAttributes.size()) + shares);
    for (int m = 0; m < sim::kMetricCount; ++m)
      QCOMPARE(chooser->itemText(chooser->findData(m)), QString::fromUtf8(sim::metricLabel(m)));
    chooser->setCurrentIndex(chooser->findData(int(sim::kCumulativeCoverage)));
    QCOMPARE(plot->graphCount(), 2);
    for (int p = 0; p < 2; ++p) {
      QCOMPARE(plot->graph(p)->name(), QString::fromStdString(result->runs[std::size_t(p)].policy));
      QCOMPARE(plot->graph(p)->dataCount(), kRounds);
      for (int r = 0; r < kRounds; ++r) {
        const auto point = plot->graph(p)->data()->at(r);
        QCOMPARE(point->key, double(r + 1));
        QVERIFY(std::abs(point->value - seedMean(result->runs[std::size_t(p)], sim::kCumulativeCoverage, r)) <
                1e-12);
      }
    }
    // Exploring covers more of the catalog than greedy.
    QVERIFY(plot->graph(1)->data()->at(kRounds - 1)->value > plot->graph(0)->data()->at(kRounds - 1)->value);
    // A group gap: still a line per policy.
    chooser->setCurrentIndex(chooser->findData(simlabels::Series::ofGap(0, false).code()));
    QCOMPARE(plot->graphCount(), 2);
    QCOMPARE(plot->graph(0)->dataCount(), kRounds);
    QCOMPARE(page.plot()->curveTable()->rowCount(), 2 * kRounds);
    // An item group's exposure share, and an item attribute's exposure gap, at each round's mean.
    const auto& category = result->itemAttributes[0];
    QCOMPARE(QString::fromStdString(category.name), QStringLiteral("category"));
    const int share = chooser->findData(simlabels::Series::ofItemShare(0, 1).code());
    QVERIFY(share >= 0);
    QCOMPARE(chooser->itemText(share),
             QStringLiteral("Exposure share of category %1").arg(QString::fromStdString(category.values[1])));
    chooser->setCurrentIndex(share);
    QCOMPARE(plot->graphCount(), 2);
    for (int r = 0; r < kRounds; ++r) {
      const auto expected = sim::itemExposureShareInterval(result->runs[0], 0, 1, r);
      QVERIFY(std::abs(plot->graph(0)->data()->at(r)->value - expected.mean) < 1e-12);
      QVERIFY(expected.mean > 0.0 && expected.mean < 1.0);
    }
    chooser->setCurrentIndex(chooser->findData(simlabels::Series::ofItemGap(0).code()));
    QCOMPARE(chooser->currentText(), QStringLiteral("Exposure gap by category"));
    QCOMPARE(plot->graph(1)->data()->at(kRounds - 1)->value,
             sim::itemExposureGapInterval(*result, result->runs[1], 0, kRounds - 1).mean);

    // The table: the final round's interval of every column, as metricInterval gives it.
    auto* model = page.summaryModel();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->columnCount(), 1 + int(SimulationSummaryModel::metricColumns().size()) +
                                       int(result->attributes.size() + result->itemAttributes.size()));
    const int lastColumn = model->columnCount() - 1;
    QCOMPARE(
        model->headerData(lastColumn, Qt::Horizontal).toString(),
        QStringLiteral("Exposure gap by %1").arg(QString::fromStdString(result->itemAttributes.back().name)));
    QCOMPARE(
        model->index(0, lastColumn).data(SimulationSummaryModel::MeanRole).toDouble(),
        sim::itemExposureGapInterval(*result, result->runs[0], result->itemAttributes.size() - 1, kRounds - 1)
            .mean);
    for (int row = 0; row < 2; ++row) {
      const auto& run = result->runs[std::size_t(row)];
      QCOMPARE(model->index(row, 0).data().toString(), QString::fromStdString(run.policy));
      for (std::size_t c = 0; c < SimulationSummaryModel::metricColumns().size(); ++c) {
        const int metric = SimulationSummaryModel::metricColumns()[c];
        const auto expected = sim::metricInterval(run, metric, kRounds - 1);
        const QModelIndex cell = model->index(row, int(c) + 1);
        if (!std::isfinite(expected.mean)) {
          QCOMPARE(cell.data().toString(), QStringLiteral("–"));
          continue;
        }
        QCOMPARE(cell.data(SimulationSummaryModel::MeanRole).toDouble(), expected.mean);
        QCOMPARE(cell.data(SimulationSummaryModel::HalfWidthRole).toDouble(),
                 0.5 * (expected.high - expected.low));
        QVERIFY(cell.data().toString().contains(QStringLiteral("±")));
      }
      // Cumulative takes are the running sum of the takes: the table agrees with the seeds' rounds.
      double cumulative = 0.0;
      for (int r = 0; r < kRounds; ++r) cumulative += seedMean(run, sim::kTakes, r);
      QVERIFY(std::abs(model->index(row, 2).data(SimulationSummaryModel::MeanRole).toDouble() - cumulative) <
              1e-9);
    }

    // Clicking the ε-greedy point of round 2 lists that round's slates for that policy.
    chooser->setCurrentIndex(chooser->findData(int(sim::kCumulativeCoverage)));
    plot->replot();
    const double value = plot->graph(1)->data()->at(1)->value;
    const QPoint at(int(std::lround(plot->xAxis->coordToPixel(2.0))),
                    int(std::lround(plot->yAxis->coordToPixel(value))));
    QTest::mouseClick(plot, Qt::LeftButton, {}, at);
    auto* slates = page.slateView();
    QCOMPARE(page.tabs()->currentWidget(), static_cast<QWidget*>(slates));
    QCOMPARE(slates->roundBox()->value(), 2);
    QCOMPARE(slates->policyBox()->currentIndex(), 1);
    const auto& shown = result->runs[1].seeds.front().slates[1];
    QVERIFY(!shown.empty());
    // Another user of that round, chosen by external id.
    const auto& dataset = m_session->snapshot().dataset();
    const auto& other = shown[shown.size() / 2];
    const QString id = QString::fromStdString(dataset.users.ids[std::size_t(other.user)]);
    slates->userEdit()->setText(id);
    QTest::keyClick(slates->userEdit(), Qt::Key_Return);
    QCOMPARE(slates->currentUser(), int(other.user));
    QCOMPARE(slates->table()->rowCount(), kK);
    int taken = 0;
    for (int r = 0; r < kK; ++r) {
      QCOMPARE(slates->table()->item(r, 1)->text(),
               QString::fromStdString(dataset.items.ids[std::size_t(other.items[std::size_t(r)])]));
      const bool mark = slates->table()->item(r, 4)->text() == QStringLiteral("✓");
      QCOMPARE(mark, other.taken[std::size_t(r)] != 0);
      taken += mark ? 1 : 0;
    }
    QVERIFY(slates->statusLabel()->text().contains(QStringLiteral("%1 of %2").arg(taken).arg(kK)));
    QVERIFY(!slates->showUser(QStringLiteral("no such user")));

    // The user opens on the Recommendations page, the selected item on the Explanation page.
    QSignalSpy recs(&page, &SimulationPage::recommendationsRequested);
    QSignalSpy explain(&page, &SimulationPage::explanationRequested);
    QTest::mouseClick(slates->recommendationsButton(), Qt::LeftButton);
    QCOMPARE(recs.count(), 1);
    QCOMPARE(recs.at(0).at(0).toInt(), int(other.user));
    slates->table()->selectRow(2);
    QTest::mouseClick(slates->explainButton(), Qt::LeftButton);
    QCOMPARE(explain.count(), 1);
    QCOMPARE(explain.at(0).at(0).toInt(), int(other.user));
    QCOMPARE(explain.at(0).at(1).toInt(), int(other.items[2]));

    // A picture of the page after the run, with a user who took something when there is one.
    chooser->setCurrentIndex(chooser->findData(int(sim::kCumulativeCoverage)));
    for (const auto& s : shown) {
      if (std::find(s.taken.begin(), s.taken.end(), std::uint8_t(1)) == s.taken.end()) continue;
      QVERIFY(slates->showUser(QString::fromStdString(dataset.users.ids[std::size_t(s.user)])));
      break;
    }
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("page-simulation.png"))));
    chooser->setCurrentIndex(chooser->findData(simlabels::Series::ofItemShare(0, 0).code()));
    page.summaryTable()->scrollTo(page.summaryModel()->index(0, page.summaryModel()->columnCount() - 1));
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("page-simulation-exposure.png"))));

    // Save the result, open it in a fresh page: the same figures without re-running, no slates.
    const QString json = m_dir.filePath(QStringLiteral("sim.json"));
    QVERIFY(page.saveResult(json).ok());
    // The HTML report names every policy run and the project's model, as the command line's does.
    const QString html = m_dir.filePath(QStringLiteral("sim.html"));
    QVERIFY(page.saveReport(html).ok());
    QFile report(html);
    QVERIFY(report.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(report.readAll());
    QVERIFY(text.startsWith(QStringLiteral("<!DOCTYPE html>")));
    for (const auto& run : page.service().result()->runs)
      QVERIFY2(text.contains(QString::fromStdString(run.policy)), run.policy.c_str());
    QVERIFY(text.contains(QString::fromStdString(m_session->snapshot().projectPath()).toHtmlEscaped()));
    QVERIFY(!page.saveReport(m_dir.filePath(QStringLiteral("no/such/folder/sim.html"))).ok());
    SimulationPage reopened;
    reopened.setSession(m_session);
    QVERIFY(reopened.openResult(json).ok());
    QCOMPARE(reopened.form()->roundsBox()->value(), kRounds);
    QVERIFY(!reopened.form()->policyBox(QStringLiteral("thompson"))->isChecked());
    QCOMPARE(reopened.form()->parameterBox(QStringLiteral("egreedy"))->value(), 0.3);
    QCOMPARE(reopened.plot()->plot()->graphCount(), 2);
    QCOMPARE(reopened.summaryModel()->rowCount(), 2);
    for (int row = 0; row < 2; ++row) {
      for (int c = 1; c < model->columnCount(); ++c)
        QCOMPARE(reopened.summaryModel()->index(row, c).data().toString(),
                 model->index(row, c).data().toString());
    }
    QVERIFY(reopened.slateView()->currentSlate() == nullptr);
    QVERIFY(reopened.slateView()->statusLabel()->text().contains(QStringLiteral("not kept")));
    QVERIFY(!reopened.openResult(m_dir.filePath(QStringLiteral("missing.json"))).ok());
    // A result opened before the project's model has loaded stays when the model arrives (reclens
    // --simulation FILE); closing the project drops it.
    SimulationPage early;
    QVERIFY(early.openResult(json).ok());
    early.setSession(m_session);
    QCOMPARE(early.summaryModel()->rowCount(), 2);
    early.setSession(nullptr);
    QCOMPARE(early.summaryModel()->rowCount(), 0);
  }

  void cancelStopsALongRun() {
    SimulationPage page;
    page.setSession(m_session);
    choosePolicies(*page.form(), {"greedy", "random"});
    page.form()->roundsBox()->setValue(5000);
    page.form()->seedsBox()->setValue(5);
    QSignalSpy rounds(&page.service(), &SimulationService::roundReceived);
    QSignalSpy failed(&page.service(), &SimulationService::runFailed);
    QSignalSpy finished(&page.service().job(), &BackgroundJob::finished);
    QVERIFY(page.run());
    QVERIFY(rounds.wait(kWaitMs));
    // The plot follows the run: the rounds received so far are drawn before it ends.
    QTRY_VERIFY_WITH_TIMEOUT(
        page.plot()->plot()->graphCount() == 2 && page.plot()->plot()->graph(0)->dataCount() >= 1, kWaitMs);
    QVERIFY(page.service().job().isRunning());
    page.service().job().cancel();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(1).toBool(), true);
    QVERIFY(rounds.count() < 5000 * 5);
    QVERIFY(!page.service().result());
    QVERIFY(page.statusLabel()->text().contains(QStringLiteral("cancelled")));
    QVERIFY(page.runButton()->isEnabled());
    // The rounds played before Cancel stay on the plot.
    QCOMPARE(page.plot()->plot()->graphCount(), 2);
  }

  void projectWithoutGeneratorUsesAModelTruth() {
    SimulationPage page;
    page.setSession(m_plainSession);
    // No generated tastes to offer: the model stands in for the users, with its link's negatives.
    auto* truth = page.form()->truthBox();
    QCOMPARE(truth->count(), 1);
    QCOMPARE(truth->currentData().toString(), QString::fromStdString(m_plainSession->name()));
    QVERIFY(!page.form()->appealScaleBox()->isEnabled());
    QVERIFY(page.form()->truthNegativesBox()->isEnabled());
    QVERIFY(!truth->toolTip().isEmpty());
    choosePolicies(*page.form(), {"greedy"});
    page.form()->roundsBox()->setValue(2);
    page.form()->seedsBox()->setValue(1);
    QSignalSpy finished(&page.service(), &SimulationService::resultChanged);
    QVERIFY(page.run());
    QVERIFY(finished.wait(kWaitMs));
    const auto& result = page.service().result();
    QVERIFY(result);
    QVERIFY2(result->oracle.find("as the truth") != std::string::npos, result->oracle.c_str());
    // Greedy on the truth's own model shows the truth's best slate in round 1: no regret.
    QVERIFY(std::abs(sim::metricInterval(result->runs[0], sim::kRegret, 0).mean) < 1e-9);
    QCOMPARE(page.summaryModel()->rowCount(), 1);
    QVERIFY(page.statusLabel()->text().contains(QStringLiteral("Click a point")));
  }

  void generatedProjectOffersItsTastesFirst() {
    SimulationPage page;
    page.setSession(m_session);
    auto* truth = page.form()->truthBox();
    QVERIFY(truth->count() >= 2);
    QVERIFY(truth->currentData().toString().isEmpty());
    QVERIFY(page.form()->appealScaleBox()->isEnabled());
    QVERIFY(!page.form()->truthNegativesBox()->isEnabled());
    truth->setCurrentIndex(1);
    QVERIFY(!page.form()->appealScaleBox()->isEnabled());
    const auto request = page.form()->request();
    QVERIFY(request.ok());
    QCOMPARE(QString::fromStdString(request.value().truthModel), truth->currentData().toString());
  }
};

QTEST_MAIN(TestSimulationPage)
#include "tst_simulationpage.moc"
