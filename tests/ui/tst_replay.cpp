#include <QComboBox>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <cmath>

#include "engine/userprofilebuilder.h"
#include "engine/whatifreplay.h"
#include "model/trainer.h"
#include "services/whatifcompute.h"
#include "ui/testsession.h"
#include "whatif/historytimeline.h"
#include "whatif/replaycontroller.h"
#include "whatif/whatifhistorymodel.h"
#include "whatif/whatifmixplot.h"
#include "whatif/whatifpage.h"

using namespace reclens;

Q_DECLARE_METATYPE(std::optional<std::int64_t>)

class TestReplay : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  std::shared_ptr<const ModelSession> m_session;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  int m_user = -1;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto session = testing::tinySession(m_dir.filePath(QStringLiteral("tiny.reclens")));
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
    m_session = session.value();
    m_snapshot = std::shared_ptr<const DatasetSnapshot>(m_session, &m_session->snapshot());
    for (std::size_t u = 0; u < m_snapshot->userCount(); ++u) {
      if (m_user < 0 || m_snapshot->userInteractions(u) > m_snapshot->userInteractions(std::size_t(m_user)))
        m_user = static_cast<int>(u);
    }
  }

  void controllerSteps() {
    ReplayController replay;
    QSignalSpy moved(&replay, &ReplayController::replayTimeChanged);
    replay.setSteps({100, 200, 300}, TimeUnit::Sequence);
    QCOMPARE(replay.stepCount(), 3);
    QCOMPARE(replay.position(), 2);
    QVERIFY(!replay.asOf());  // the last step is the whole history
    QCOMPARE(moved.count(), 0);
    QTest::keyClick(replay.slider(), Qt::Key_Home);
    QCOMPARE(replay.asOf(), std::optional<std::int64_t>(100));
    QCOMPARE(moved.count(), 1);
    QTest::keyClick(replay.slider(), Qt::Key_Right);
    QCOMPARE(replay.asOf(), std::optional<std::int64_t>(200));
    // Playing steps to the end and stops there.
    QSignalSpy playing(&replay, &ReplayController::playingChanged);
    replay.speedBox()->setCurrentIndex(3);
    QTest::mouseClick(replay.playButton(), Qt::LeftButton);
    QVERIFY(replay.isPlaying());
    QCOMPARE(playing.count(), 1);
    QVERIFY(playing.wait(5000));  // stopped at the end
    QVERIFY(!replay.isPlaying());
    QVERIFY(!replay.asOf());
  }

  void aCutHistoryIsWeightedLikeTheProfiles() {
    // A model trained with damped weights: a replayed history must weigh its items as the profile
    // builder would from the rows up to that time.
    const auto& dataset = m_snapshot->dataset();
    TrainConfig train = defaultTrainConfig("bpr");
    train.dim = 8;
    train.epochs = 1;
    train.device = "cpu";
    train.historyWeighting = HistoryWeighting::Log1p;
    const auto path = m_dir.filePath(QStringLiteral("damped.pt")).toStdString();
    auto report = trainModel(dataset, train, path);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    auto model =
        ModelFile::load(path, ComputeDevice{ComputeDevice::Kind::Cpu, 0, "CPU (test)"}, &dataset.items);
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    const auto damped = ModelSession::create(m_snapshot, model.value(), "damped");
    QCOMPARE(damped->profiles().weighting(), HistoryWeighting::Log1p);
    const auto steps = replaySteps(userHistoryEvents(dataset, m_user));
    QVERIFY(steps.size() > 3);
    const std::int64_t cutoff = steps[steps.size() / 2];
    WhatIfRequest request;
    request.session = damped;
    request.user = m_user;
    request.asOf = cutoff;
    auto replayed = WhatIfCompute::editedProfile(request, {});
    QVERIFY2(replayed.ok(), replayed.ok() ? "" : replayed.error().message.c_str());
    std::vector<bool> upToCutoff(dataset.interactions.size());
    for (std::size_t r = 0; r < upToCutoff.size(); ++r) upToCutoff[r] = dataset.interactions.ts[r] <= cutoff;
    const auto expected =
        UserProfileBuilder(dataset, damped->model()->metadata(), &upToCutoff).profile(m_user);
    QCOMPARE(replayed.value().items, expected.items);
    QCOMPARE(replayed.value().weights.size(), expected.weights.size());
    // Each weight is log(1 + its plain sum), never the plain sum itself: the check above has weight.
    ModelMetadata plain = damped->model()->metadata();
    plain.json = "{}";
    const auto sums = UserProfileBuilder(dataset, plain, &upToCutoff).profile(m_user);
    bool differs = false;
    for (std::size_t l = 0; l < expected.weights.size(); ++l) {
      QVERIFY(std::abs(replayed.value().weights[l] - expected.weights[l]) < 1e-6f);
      QVERIFY(std::abs(expected.weights[l] - std::log1p(sums.weights[l])) < 1e-5f);
      differs = differs || std::abs(sums.weights[l] - replayed.value().weights[l]) > 1e-3f;
    }
    QVERIFY(differs);
  }

  void sliderRecomputesWithAShorterHistory() {
    WhatIfPage page;
    page.resize(1600, 1000);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setSnapshot(m_snapshot);
    page.setSession(m_session);
    QSignalSpy shown(&page, &WhatIfPage::resultShown);
    page.showUser(m_user);
    QVERIFY(shown.wait(20000));
    const auto full = page.outcome()->result.profile.items.size();
    const auto fullMix = page.mixPlot()->historyShares();
    const auto steps = replaySteps(userHistoryEvents(m_snapshot->dataset(), m_user));
    QVERIFY(steps.size() > 3);
    QCOMPARE(page.replay()->stepCount(), int(steps.size()));

    // The first step: only what the user did up to the first time.
    QTest::keyClick(page.replay()->slider(), Qt::Key_Home);
    QVERIFY(shown.wait(20000));
    const WhatIfOutcome early = *page.outcome();
    QCOMPARE(early.request.asOf, std::optional<std::int64_t>(steps.front()));
    QVERIFY(early.result.profile.items.size() < full);
    QVERIFY(!early.result.profile.items.empty());
    QVERIFY(page.timeline()->laterCount() > 0);
    QVERIFY(page.mixPlot()->historyShares() != fullMix);
    // The baseline stays today's list, so the comparison says how far the early list is from it.
    QCOMPARE(early.result.baseline.size(), early.result.list.size());

    // Half way: more history than at the start, less than all.
    page.replay()->setPosition(int(steps.size()) / 2);
    QVERIFY(shown.wait(20000));
    const auto middle = page.outcome()->result.profile.items.size();
    QVERIFY(middle >= early.result.profile.items.size());
    QVERIFY(middle <= full);

    // Back at the end: the whole history, and the list equals the baseline again.
    QTest::keyClick(page.replay()->slider(), Qt::Key_End);
    QVERIFY(shown.wait(20000));
    QVERIFY(!page.outcome()->request.asOf);
    QCOMPARE(page.outcome()->result.profile.items.size(), full);
    QCOMPARE(page.outcome()->result.comparison.same, int(page.outcome()->result.list.size()));
    QCOMPARE(page.timeline()->laterCount(), 0);
  }
};

QTEST_MAIN(TestReplay)
#include "tst_replay.moc"
