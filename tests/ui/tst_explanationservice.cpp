#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "services/explanationservice.h"
#include "services/modelsession.h"
#include "ui/testmodel.h"

using namespace reclens;

class TestExplanationService : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::shared_ptr<const ModelSession> m_session;
  static constexpr int kTimeoutMs = 30000;

  ExplanationRequest request(std::vector<std::int32_t> items, AttributionMethod method) const {
    ExplanationRequest r;
    r.session = m_session;
    r.user = 0;
    r.items = std::move(items);
    r.options.method = method;
    return r;
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto snapshot = testing::tinyProject(m_dir.filePath(QStringLiteral("tiny.reclens")), "bpr-test");
    QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().message.c_str());
    auto models = ModelSession::registeredModels(snapshot.value()->projectPath());
    QVERIFY2(models.ok(), models.ok() ? "" : models.error().message.c_str());
    auto session = ModelSession::load(snapshot.value(), models.value().front(),
                                      {ComputeDevice::Kind::Cpu, 0, "CPU (test)"});
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
    m_session = session.value();
  }

  void deliversOnlyTheLatestExplanation() {
    ExplanationService service;
    QSignalSpy ready(&service, &ExplanationService::explanationReady);
    QSignalSpy busy(&service, &ExplanationService::busyChanged);
    service.explain(request({1, 2, 3}, AttributionMethod::IntegratedGradients));
    service.explain(request({4}, AttributionMethod::Occlusion));
    service.explain(request({5, 6}, AttributionMethod::GradientTimesInput));
    QVERIFY(service.isBusy());
    QVERIFY(ready.wait(kTimeoutMs));
    QVERIFY(!ready.wait(300));
    QCOMPARE(ready.count(), 1);
    const auto result = ready.at(0).at(0).value<ExplanationResult>();
    QVERIFY2(!result.error, result.error ? result.error->message.c_str() : "");
    QCOMPARE(result.generation, service.generation());
    QCOMPARE(result.explanation.options.method, AttributionMethod::GradientTimesInput);
    QCOMPARE(result.explanation.items.size(), std::size_t(2));
    QCOMPARE(result.explanation.items[1].item, 6);
    QVERIFY(!service.isBusy());
    QCOMPARE(busy.count(), 2);  // busy, then idle
    QCOMPARE(busy.at(1).at(0).toBool(), false);
  }

  void turnsACoreErrorIntoAnErrorResult() {
    ExplanationService service;
    QSignalSpy ready(&service, &ExplanationService::explanationReady);
    service.explain(request({}, AttributionMethod::IntegratedGradients));
    QVERIFY(ready.wait(kTimeoutMs));
    const auto result = ready.at(0).at(0).value<ExplanationResult>();
    QVERIFY(result.error.has_value());
    QCOMPARE(result.error->code, ErrorCode::InvalidArgument);
  }

  void computesTheEgoGraphOfOneItem() {
    ExplanationService service;
    QSignalSpy graphs(&service, &ExplanationService::graphReady);
    GraphRequest r;
    r.session = m_session;
    r.user = 0;
    r.target = 7;
    service.explainGraph(r);
    QVERIFY(graphs.wait(kTimeoutMs));
    const auto result = graphs.at(0).at(0).value<GraphResult>();
    QVERIFY2(!result.error, result.error ? result.error->message.c_str() : "");
    QCOMPARE(result.graph.target, 7);
    QCOMPARE(result.graph.user, 0);
    QVERIFY(!result.graph.nodes.empty());
    QVERIFY(result.graph.nodes.front().isRoot);
  }

  void cancelDropsWhatWasNotStarted() {
    ExplanationService service;
    QSignalSpy ready(&service, &ExplanationService::explanationReady);
    QSignalSpy graphs(&service, &ExplanationService::graphReady);
    service.explain(request({1, 2}, AttributionMethod::Shapley));
    GraphRequest r;
    r.session = m_session;
    r.user = 0;
    r.target = 1;
    service.explainGraph(r);
    service.cancel();
    QVERIFY(!service.isBusy());
    QVERIFY(!ready.wait(300));
    QCOMPARE(graphs.count(), 0);
    QCOMPARE(service.generation(), std::uint64_t(0));
  }
};

QTEST_MAIN(TestExplanationService)
#include "tst_explanationservice.moc"
