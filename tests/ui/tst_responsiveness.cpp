// The GUI thread stays responsive while a whole-model audit and a CSV import run: both go through
// the same objects the main window uses, and the event loop's lateness is sampled throughout.
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "dashboards/fairnesspage.h"
#include "dashboards/longtailpage.h"
#include "data/generator.h"
#include "import/csvimportpanel.h"
#include "import/csvsourceform.h"
#include "import/importdialog.h"
#include "mainwindow/projectcontroller.h"
#include "mainwindow/recentprojects.h"
#include "model/modelregistration.h"
#include "model/trainer.h"
#include "services/auditservice.h"
#include "store/projectstore.h"
#include "ui/latencyprobe.h"

using namespace reclens;
using reclens::testing::LatencyFigures;
using reclens::testing::LatencyProbe;

namespace {

constexpr int kIntervalMs = 10;
// Bounds loose enough for a busy two-core machine, tight enough that work on the GUI thread fails.
constexpr double kMedianBoundMs = 20.0;
constexpr double kMaxBoundMs = 250.0;
constexpr int kMinSamples = 50;
constexpr int kWaitMs = 120000;

// The audited shop: big enough that a full audit takes seconds, small enough to train in one.
GeneratorConfig auditWorld() {
  GeneratorConfig config = GeneratorConfig::preset("demo").value();
  config.users = 8000;
  config.interactions = 200000;
  return config;
}

// The imported log: a million interactions (about 45 MB of CSV) with a catalog and a users file, so
// that the import runs long enough to be sampled many times.
GeneratorConfig importWorld() {
  GeneratorConfig config = GeneratorConfig::preset("demo").value();
  config.seed = 7;
  config.users = 8000;
  config.interactions = 1000000;
  return config;
}

// The audited shop with a small two-tower model: it reads the user attributes, so the default audit
// also flips them (every list recomputed per other value), besides bootstrap and permutations.
Result<std::shared_ptr<const ModelSession>> trainedSession(const std::string& path) {
  auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
  if (!store) return store.error();
  if (auto generated = generateProject(auditWorld(), *store.value()); !generated) return generated.error();
  auto dataset = store.value()->loadDataset();
  if (!dataset) return dataset.error();
  TrainConfig train = defaultTrainConfig("twotower");
  train.dim = 16;
  train.epochs = 1;
  train.evalUsers = 200;
  train.device = "cpu";
  const auto modelPath = defaultModelPath(path, "twotower-latency");
  auto report = trainModel(dataset.value(), train, modelPath);
  if (!report) return report.error();
  if (auto record =
          registerModelFile(*store.value(), path, "twotower-latency", modelPath, report.value().metadataJson);
      !record)
    return record.error();
  auto snapshot = DatasetSnapshot::build(std::move(dataset).value(), path);
  if (!snapshot) return snapshot.error();
  auto model = ModelFile::load(modelPath, ComputeDevice{ComputeDevice::Kind::Cpu, 0, "CPU (test)"},
                               &snapshot.value()->dataset().items);
  if (!model) return model.error();
  return ModelSession::create(snapshot.value(), std::move(model).value(), "twotower-latency");
}

void report(const char* job, const LatencyProbe& probe, qint64 jobMs) {
  const LatencyFigures t = probe.timerLateness();
  const LatencyFigures q = probe.queuedDelay();
  qInfo("%s: %.2f s; %d ms timer lateness over %d samples: median %.1f ms, p95 %.1f ms, max %.1f ms", job,
        static_cast<double>(jobMs) / 1000.0, kIntervalMs, t.samples, t.median, t.p95, t.max);
  qInfo("%s: queued-call delay over %d samples: median %.1f ms, p95 %.1f ms, max %.1f ms", job, q.samples,
        q.median, q.p95, q.max);
}

// Empty when the figures are within bounds, else what is out of bounds.
QByteArray outOfBounds(const LatencyFigures& f, const char* what) {
  const QByteArray figures = QByteArray(what) + ": " + QByteArray::number(f.samples) + " samples, median " +
                             QByteArray::number(f.median, 'f', 1) + " ms, max " +
                             QByteArray::number(f.max, 'f', 1) + " ms";
  if (f.samples < kMinSamples) return "too few samples; " + figures;
  if (f.median >= kMedianBoundMs) return "median too high; " + figures;
  if (f.max >= kMaxBoundMs) return "maximum too high; " + figures;
  return {};
}

}  // namespace

class TestResponsiveness : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::shared_ptr<const ModelSession> m_session;
  QString m_csvDir;
  GeneratorSummary m_csv;

  // An import dialog on the "CSV files" tab with the generated interactions, items and users files.
  void fillImportDialog(ImportDialog& dialog, const QString& target) {
    auto* modes = dialog.findChild<QTabWidget*>(QString(), Qt::FindDirectChildrenOnly);
    QVERIFY(modes != nullptr);
    modes->setCurrentWidget(dialog.csvPanel());
    dialog.csvPanel()->interactionsForm()->setPath(
        QDir(m_csvDir).filePath(QStringLiteral("interactions.csv")));
    dialog.csvPanel()->itemsForm()->setPath(QDir(m_csvDir).filePath(QStringLiteral("items.csv")));
    dialog.csvPanel()->usersForm()->setPath(QDir(m_csvDir).filePath(QStringLiteral("users.csv")));
    QCOMPARE(dialog.csvPanel()->interactionsForm()->column(QStringLiteral("timestamp")),
             std::string("timestamp"));
    dialog.targetEdit()->setText(target);
  }

  static bool labelSays(const QWidget& widget, const QString& text) {
    const auto labels = widget.findChildren<QLabel*>();
    return std::any_of(labels.begin(), labels.end(), [&text](const QLabel* l) { return l->text() == text; });
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QElapsedTimer setup;
    setup.start();
    auto session = trainedSession(m_dir.filePath(QStringLiteral("audit.reclens")).toStdString());
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
    m_session = session.value();
    m_csvDir = m_dir.filePath(QStringLiteral("csv"));
    auto csv = generateCsv(importWorld(), m_csvDir.toStdString());
    QVERIFY2(csv.ok(), csv.ok() ? "" : csv.error().message.c_str());
    m_csv = csv.value();
    qInfo("setup (generate, train, write the CSV files): %lld ms", setup.elapsed());
  }

  void auditKeepsTheGuiResponsive() {
    AuditService service;
    // The audit dashboards react to the finished audit on the GUI thread, as in the main window.
    QStackedWidget pages;
    auto* longTail = new LongTailPage(service, &pages);
    pages.addWidget(longTail);
    pages.addWidget(new FairnessPage(service, &pages));
    pages.setCurrentWidget(longTail);
    pages.resize(1400, 900);
    pages.show();
    service.setSession(m_session);

    QSignalSpy finished(&service, &AuditService::auditFinished);
    QSignalSpy failed(&service, &AuditService::auditFailed);
    QSignalSpy progressed(&service.job(), &BackgroundJob::progressed);
    LatencyProbe probe(kIntervalMs);
    probe.start();
    QElapsedTimer clock;
    clock.start();
    const AuditConfig config = service.defaultConfig(20);
    QVERIFY(config.bootstrapSamples > 0 && config.permutations > 0 && !config.flipAttributes.empty());
    QVERIFY(service.runAudit(config));
    QVERIFY(finished.wait(kWaitMs));
    const qint64 jobMs = clock.elapsed();
    QVERIFY(probe.waitTicks(3));
    probe.stop();
    report("audit", probe, jobMs);

    QCOMPARE(failed.count(), 0);
    QVERIFY(service.outcome() != nullptr);
    const auto& result = service.outcome()->result;
    QCOMPARE(result.partial.users.size(), m_session->snapshot().userCount());
    QVERIFY(result.evaluatedUsers > 0);
    QVERIFY(!result.fairness.empty());
    QCOMPARE(result.flips.size(), config.flipAttributes.size());
    // Progress reached the GUI thread while the audit ran, not all at the end.
    QVERIFY(progressed.count() >= 10);
    const QByteArray timer = outOfBounds(probe.timerLateness(), "audit timer");
    QVERIFY2(timer.isEmpty(), timer.constData());
    const QByteArray queued = outOfBounds(probe.queuedDelay(), "audit queued calls");
    QVERIFY2(queued.isEmpty(), queued.constData());
  }

  void auditCancelsMidway() {
    AuditService service;
    service.setSession(m_session);
    QSignalSpy finished(&service, &AuditService::auditFinished);
    QSignalSpy failed(&service, &AuditService::auditFailed);
    QSignalSpy progressed(&service.job(), &BackgroundJob::progressed);
    QVERIFY(service.runAudit(service.defaultConfig(20)));
    QVERIFY(progressed.wait(kWaitMs));
    service.job().cancel();
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.front().at(1).toBool(), true);
    QCOMPARE(finished.count(), 0);
    QVERIFY(service.outcome() == nullptr);
    QVERIFY(!service.job().isRunning());
  }

  void importKeepsTheGuiResponsive() {
    const QString target = m_dir.filePath(QStringLiteral("imported.reclens"));
    ImportDialog dialog(m_dir.path());
    dialog.show();
    fillImportDialog(dialog, target);
    if (QTest::currentTestFailed()) return;
    QSettings settings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    RecentProjects recent(settings);
    ProjectController projects(recent, m_dir.filePath(QStringLiteral("demo.reclens")));
    // As the main window does: a finished import opens the new project.
    connect(&dialog, &ImportDialog::projectImported, &projects, &ProjectController::openProject);

    QSignalSpy imported(&dialog, &ImportDialog::importFinished);
    QSignalSpy opened(&projects, &ProjectController::projectOpened);
    QSignalSpy progressed(&dialog.job(), &BackgroundJob::progressed);
    LatencyProbe probe(kIntervalMs);
    probe.start();
    QElapsedTimer clock;
    clock.start();
    QVERIFY(dialog.startImport());
    QVERIFY(imported.wait(kWaitMs));
    QCOMPARE(imported.front().at(0).toBool(), true);
    QVERIFY(opened.wait(kWaitMs));
    const qint64 jobMs = clock.elapsed();
    QVERIFY(probe.waitTicks(3));
    probe.stop();
    report("import and open", probe, jobMs);

    const auto& snapshot = projects.snapshot();
    QVERIFY(snapshot != nullptr);
    QCOMPARE(qint64(snapshot->interactionCount()), m_csv.interactions);
    QCOMPARE(qint64(snapshot->userCount()), m_csv.users);
    QCOMPARE(qint64(snapshot->itemCount()), m_csv.items);
    QVERIFY(progressed.count() >= 5);
    const QByteArray timer = outOfBounds(probe.timerLateness(), "import timer");
    QVERIFY2(timer.isEmpty(), timer.constData());
    const QByteArray queued = outOfBounds(probe.queuedDelay(), "import queued calls");
    QVERIFY2(queued.isEmpty(), queued.constData());
  }

  void importCancelsMidway_data() {
    QTest::addColumn<bool>("existing");
    QTest::newRow("into an existing project") << true;
    QTest::newRow("into a new file") << false;
  }

  void importCancelsMidway() {
    QFETCH(bool, existing);
    const QString target =
        m_dir.filePath(existing ? QStringLiteral("kept.reclens") : QStringLiteral("new.reclens"));
    QFile::remove(target);
    ProjectStore::Counts before;
    if (existing) {
      QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("audit.reclens")), target));
      before =
          ProjectStore::open(target.toStdString(), ProjectStore::Mode::ReadOnly).value()->counts().value();
      QVERIFY(before.interactions > 0);
    }
    ImportDialog dialog(m_dir.path());
    dialog.show();
    fillImportDialog(dialog, target);
    if (QTest::currentTestFailed()) return;
    QSignalSpy imported(&dialog, &ImportDialog::importFinished);
    QSignalSpy progressed(&dialog.job(), &BackgroundJob::progressed);
    QVERIFY(dialog.startImport());
    QVERIFY(progressed.wait(kWaitMs));
    // Close while importing cancels, and the dialog stays open to say so.
    auto* buttons = dialog.findChild<QDialogButtonBox*>();
    QVERIFY(buttons != nullptr);
    buttons->button(QDialogButtonBox::Close)->click();
    QVERIFY(imported.wait(kWaitMs));
    QCOMPARE(imported.front().at(0).toBool(), false);
    QVERIFY(dialog.isVisible());
    QVERIFY(labelSays(dialog, QStringLiteral("The import was cancelled; the project file was not changed.")));
    QVERIFY(!dialog.job().isRunning());
    if (existing) {
      const auto after =
          ProjectStore::open(target.toStdString(), ProjectStore::Mode::ReadOnly).value()->counts().value();
      QCOMPARE(after.interactions, before.interactions);
      QCOMPARE(after.users, before.users);
      QCOMPARE(after.items, before.items);
    } else {
      QVERIFY(!QFile::exists(target));
    }
  }
};

QTEST_MAIN(TestResponsiveness)
#include "tst_responsiveness.moc"
// The probe declares a signal; its moc output is compiled here.
#include "moc_latencyprobe.cpp"
