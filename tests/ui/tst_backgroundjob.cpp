#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <atomic>

#include "services/backgroundjob.h"

using namespace reclens;

class TestBackgroundJob : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void deliversProgressAndResultOnTheGuiThread() {
    BackgroundJob job;
    QSignalSpy started(&job, &BackgroundJob::started);
    QSignalSpy progressed(&job, &BackgroundJob::progressed);
    QSignalSpy finished(&job, &BackgroundJob::finished);
    QThread* workThread = nullptr;
    QThread* doneThread = nullptr;
    int value = 0;
    const bool ok = job.start<int>(
        QStringLiteral("counting"),
        [&workThread](const TaskControl& control) -> Result<int> {
          workThread = QThread::currentThread();
          for (int i = 1; i <= 10; ++i) control.report(i / 10.0, "step");
          return 42;
        },
        [&](Result<int> result) {
          doneThread = QThread::currentThread();
          value = result.ok() ? result.value() : -1;
        });
    QVERIFY(ok);
    QVERIFY(job.isRunning());
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(0).toString(), QStringLiteral("counting"));
    QVERIFY(finished.wait(5000));
    QCOMPARE(value, 42);
    QCOMPARE(doneThread, QThread::currentThread());
    QVERIFY(workThread != nullptr && workThread != QThread::currentThread());
    QVERIFY(progressed.count() >= 1);
    QCOMPARE(progressed.last().at(0).toDouble(), 1.0);
    QCOMPARE(progressed.last().at(1).toString(), QStringLiteral("step"));
    QVERIFY(!job.isRunning());
  }

  void refusesASecondJobWhileRunning() {
    BackgroundJob job;
    std::atomic<bool> release{false};
    QSignalSpy finished(&job, &BackgroundJob::finished);
    QVERIFY(job.start<int>(
        QStringLiteral("first"),
        [&release](const TaskControl&) -> Result<int> {
          while (!release.load()) QThread::yieldCurrentThread();
          return 1;
        },
        [](Result<int>) {}));
    QVERIFY(!job.start<int>(
        QStringLiteral("second"), [](const TaskControl&) -> Result<int> { return 2; }, [](Result<int>) {}));
    release.store(true);
    QVERIFY(finished.wait(5000));
  }

  void cancelStopsTheWork() {
    BackgroundJob job;
    QSignalSpy finished(&job, &BackgroundJob::finished);
    QSignalSpy cancelRequested(&job, &BackgroundJob::cancelRequested);
    std::atomic<bool> running{false};
    ErrorCode code = ErrorCode::Internal;
    QVERIFY(job.start<int>(
        QStringLiteral("endless"),
        [&running](const TaskControl& control) -> Result<int> {
          running.store(true);
          while (!control.cancelled()) control.report(0.5, "waiting");
          return makeError(ErrorCode::Cancelled, "stopped");
        },
        [&code](Result<int> result) { code = result.ok() ? ErrorCode::Internal : result.error().code; }));
    QSignalSpy progressed(&job, &BackgroundJob::progressed);
    QVERIFY(progressed.wait(5000));  // the work is running and reporting
    QVERIFY(running.load());
    job.cancel();
    QCOMPARE(cancelRequested.count(), 1);
    QVERIFY(finished.wait(5000));
    QCOMPARE(code, ErrorCode::Cancelled);
    // A new job can start after a cancelled one, with the flag cleared.
    bool sawCancel = true;
    QVERIFY(job.start<int>(
        QStringLiteral("again"),
        [](const TaskControl& control) -> Result<int> { return control.cancelled() ? 0 : 1; },
        [&sawCancel](Result<int> result) { sawCancel = result.value() == 0; }));
    QVERIFY(finished.wait(5000));
    QVERIFY(!sawCancel);
  }

  void exceptionsBecomeErrors() {
    BackgroundJob job;
    QSignalSpy finished(&job, &BackgroundJob::finished);
    std::string message;
    QVERIFY(job.start<int>(
        QStringLiteral("throws"), [](const TaskControl&) -> Result<int> { throw std::runtime_error("boom"); },
        [&message](Result<int> result) { message = result.ok() ? "" : result.error().message; }));
    QVERIFY(finished.wait(5000));
    QCOMPARE(QString::fromStdString(message), QStringLiteral("boom"));
  }

  void destroyingARunningJobCancelsAndWaits() {
    std::atomic<bool> stopped{false};
    {
      BackgroundJob job;
      QSignalSpy progressed(&job, &BackgroundJob::progressed);
      QVERIFY(job.start<int>(
          QStringLiteral("endless"),
          [&stopped](const TaskControl& control) -> Result<int> {
            while (!control.cancelled()) control.report(0.1, "spinning");
            stopped.store(true);
            return 0;
          },
          [](Result<int>) { QFAIL("the result of a destroyed job must not be delivered"); }));
      QVERIFY(progressed.wait(5000));
    }
    QVERIFY(stopped.load());
    QCoreApplication::processEvents();
  }
};

QTEST_GUILESS_MAIN(TestBackgroundJob)
#include "tst_backgroundjob.moc"
