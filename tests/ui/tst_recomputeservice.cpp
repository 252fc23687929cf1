#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "services/modelsession.h"
#include "services/recomputeservice.h"
#include "ui/testmodel.h"

using namespace reclens;

class TestRecomputeService : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  ProjectStore::ModelRecord m_record;
  std::shared_ptr<const ModelSession> m_session;

  static ComputeDevice cpu() { return {ComputeDevice::Kind::Cpu, 0, "CPU (test)"}; }

  RecomputeRequest request(std::int32_t user, int k = 10) const {
    RecomputeRequest r;
    r.session = m_session;
    r.user = user;
    r.k = k;
    return r;
  }

  // The tiny project's dataset with one extra catalog item that user 0 bought: the model knows
  // nothing of it, so the engine refuses the history.
  // The tiny shop with its first item renamed: another catalog, not a grown one (a catalog that only
  // gained items at its end still takes the model, see ModelSession).
  std::shared_ptr<const DatasetSnapshot> snapshotOfAnotherCatalog() const {
    Dataset d = m_snapshot->dataset();
    d.items.ids.front() = "not-in-the-model";
    auto snapshot = DatasetSnapshot::build(std::move(d), m_snapshot->projectPath());
    if (!snapshot) qFatal("%s", snapshot.error().message.c_str());
    return snapshot.value();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto snapshot = testing::tinyProject(m_dir.filePath(QStringLiteral("tiny.reclens")), "bpr-test");
    QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().message.c_str());
    m_snapshot = snapshot.value();
    auto models = ModelSession::registeredModels(m_snapshot->projectPath());
    QVERIFY2(models.ok(), models.ok() ? "" : models.error().message.c_str());
    QCOMPARE(models.value().size(), std::size_t(1));
    m_record = models.value().front();
    QVERIFY(QFileInfo(QString::fromStdString(m_record.path)).isAbsolute());
    auto session = ModelSession::load(m_snapshot, m_record, cpu());
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
    m_session = session.value();
  }

  void deliversOnlyTheLastOfThreeRequests() {
    RecomputeService service;
    QSignalSpy spy(&service, &RecomputeService::resultReady);
    service.request(request(0));
    service.request(request(1));
    service.request(request(2, 7));
    QVERIFY(spy.wait(10000));
    // Nothing else arrives afterwards: the first two requests were superseded.
    QVERIFY(!spy.wait(300));
    QCOMPARE(spy.count(), 1);
    const auto result = spy.at(0).at(0).value<RecomputeResult>();
    QVERIFY2(!result.error, result.error ? result.error->message.c_str() : "");
    QCOMPARE(result.request.user, 2);
    QCOMPARE(result.items.size(), std::size_t(7));
    QCOMPARE(result.generation, service.generation());
    QVERIFY(!result.history.empty());
    QVERIFY(result.milliseconds >= 0.0);
    for (std::size_t i = 0; i < result.items.size(); ++i) QCOMPARE(result.items[i].rank, int(i) + 1);
  }

  void reRankingChangesTheList() {
    RecomputeService service;
    QSignalSpy spy(&service, &RecomputeService::resultReady);
    service.request(request(3, 20));
    QVERIFY(spy.wait(10000));
    auto capped = request(3, 20);
    capped.reRank.categoryCap = 1;
    service.request(capped);
    QVERIFY(spy.wait(10000));
    const auto plain = spy.at(0).at(0).value<RecomputeResult>();
    const auto result = spy.at(1).at(0).value<RecomputeResult>();
    QVERIFY(!plain.error && !result.error);
    QCOMPARE(result.generation, plain.generation + 1);
    // One item per category at most: the list is as long as the number of distinct categories.
    std::set<std::int32_t> categories;
    for (const auto& r : result.items) {
      QVERIFY(categories.insert(m_session->categories()[static_cast<std::size_t>(r.item)]).second);
    }
    QVERIFY(result.items.size() < plain.items.size());
  }

  void turnsAnEngineErrorIntoAnErrorResult() {
    RecomputeService service;
    QSignalSpy spy(&service, &RecomputeService::resultReady);
    RecomputeRequest r;
    r.session = m_session;
    r.user = 0;
    r.k = -1;  // the engine refuses a negative list length
    service.request(r);
    QVERIFY(spy.wait(10000));
    const auto result = spy.at(0).at(0).value<RecomputeResult>();
    QVERIFY(result.error.has_value());
    QVERIFY(result.items.empty());
    QVERIFY2(QString::fromStdString(result.error->message).contains(QStringLiteral("negative")),
             result.error->message.c_str());
  }

  void refusesAModelOfAnotherCatalog() {
    const auto session = ModelSession::load(snapshotOfAnotherCatalog(), m_record, cpu());
    QVERIFY(!session.ok());
    // The message names the model file so the user knows which one is wrong.
    const QString message = QString::fromStdString(session.error().message);
    QVERIFY2(message.contains(QStringLiteral("tiny.bpr-test.pt")), qPrintable(message));
  }
};

QTEST_GUILESS_MAIN(TestRecomputeService)
#include "tst_recomputeservice.moc"
