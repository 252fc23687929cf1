#include <QtTest>

#include <cmath>

#include "engine/computedevice.h"
#include "engine/computethreads.h"
#include "engine/cpudescription.h"
#include "engine/scoringengine.h"
#include "engine/topk.h"
#include "engine/userprofilebuilder.h"
#include "model/modelfile.h"

using namespace reclens;

Q_DECLARE_METATYPE(std::vector<std::int32_t>)
Q_DECLARE_METATYPE(std::vector<float>)

namespace {
// tests/data/models/valid.pt: items i0..i5 with embeddings (1,0) (0,1) (1,1) (0.5,0) (2,0) (1,0);
// user vector = Σ weight·embedding + region vector (North (0,0), South (0,3), missing (0,0)).
const std::string kValid = RECLENS_TEST_DATA_DIR "/models/valid.pt";

std::vector<std::int32_t> itemsOf(const std::vector<Recommendation>& list) {
  std::vector<std::int32_t> out;
  for (const auto& r : list) out.push_back(r.item);
  return out;
}

Dataset sixItemDataset() {
  Dataset d;
  d.items.ids = {"i0", "i1", "i2", "i3", "i4", "i5"};
  d.users.ids = {"u0", "u1", "u2"};
  d.users.fields.emplace_back("region");
  d.users.fields.back().append("South");
  d.users.fields.back().append("West");  // unknown to the model
  d.users.fields.back().append("");
  const auto k = d.interactions.kindIndex("purchase");
  d.interactions.append(0, 2, 30, 1.0f, k);
  d.interactions.append(0, 1, 10, 1.0f, k);
  d.interactions.append(0, 2, 20, 2.0f, k);
  d.interactions.append(1, 4, 5, NAN, k);  // a weight that is not a number counts as 1
  d.interactions.append(0, 3, 40, 1.0f, k);
  return d;
}
}  // namespace

class TestScoringEngine : public QObject {
  Q_OBJECT

  std::shared_ptr<const ModelFile> m_model;

 private Q_SLOTS:
  void initTestCase() {
    auto model = ModelFile::load(kValid);
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    m_model = model.value();
  }

  void topKOrdersByScoreThenRow() {
    ScoringEngine engine(m_model);
    auto top = engine.topK({1.0f, 0.0f}, 6);
    QVERIFY(top.ok());
    // Scores 1, 0, 1, 0.5, 2, 1: the three tied at 1 come in row order.
    QCOMPARE(itemsOf(top.value()), (std::vector<std::int32_t>{4, 0, 2, 5, 3, 1}));
    QCOMPARE(top.value()[0].score, 2.0f);
    QCOMPARE(top.value()[5].rank, 6);
    auto two = engine.topK({1.0f, 0.0f}, 2);
    QCOMPARE(itemsOf(two.value()), (std::vector<std::int32_t>{4, 0}));
    auto all = engine.topK({1.0f, 0.0f}, 50);
    QCOMPARE(all.value().size(), std::size_t(6));
  }

  void excludedItemsNeverAppear() {
    ScoringEngine engine(m_model);
    auto top = engine.topK({1.0f, 0.0f}, 6, {4, 2});
    QVERIFY(top.ok());
    QCOMPARE(itemsOf(top.value()), (std::vector<std::int32_t>{0, 5, 3, 1}));
    // The buffer is reused: an exclusion does not leak into the next call.
    QCOMPARE(itemsOf(engine.topK({1.0f, 0.0f}, 1).value()), std::vector<std::int32_t>{4});
  }

  void userVectorFollowsTheModel() {
    ScoringEngine engine(m_model);
    auto u = engine.userVector({{1, 2}, {1.0f, 2.0f}, {1}});
    QVERIFY2(u.ok(), u.ok() ? "" : u.error().message.c_str());
    QCOMPARE(u.value(), (std::vector<float>{2.0f, 6.0f}));
    auto empty = engine.userVector({{}, {}, {-1}});
    QVERIFY(empty.ok());
    QCOMPARE(empty.value(), (std::vector<float>{0.0f, 0.0f}));
    auto scores = engine.scores({2.0f, 6.0f});
    QCOMPARE(scores.value(), (std::vector<float>{2.0f, 6.0f, 8.0f, 1.0f, 4.0f, 2.0f}));
  }

  void invalidProfilesAreRefused_data() {
    QTest::addColumn<std::vector<std::int32_t>>("items");
    QTest::addColumn<std::vector<float>>("weights");
    QTest::addColumn<std::vector<std::int32_t>>("codes");
    QTest::addColumn<QString>("message");
    QTest::newRow("item out of range")
        << std::vector<std::int32_t>{6} << std::vector<float>{1} << std::vector<std::int32_t>{0}
        << "history item row 6 is outside the model's catalog of 6 items";
    QTest::newRow("weights") << std::vector<std::int32_t>{1} << std::vector<float>{}
                             << std::vector<std::int32_t>{0} << "the history has 1 items but 0 weights";
    QTest::newRow("field count") << std::vector<std::int32_t>{} << std::vector<float>{}
                                 << std::vector<std::int32_t>{}
                                 << "the profile has 0 user field codes, the model has 1 user fields";
    QTest::newRow("field code") << std::vector<std::int32_t>{} << std::vector<float>{}
                                << std::vector<std::int32_t>{2}
                                << "code 2 of user field 'region' is outside its vocabulary";
  }

  void invalidProfilesAreRefused() {
    QFETCH(std::vector<std::int32_t>, items);
    QFETCH(std::vector<float>, weights);
    QFETCH(std::vector<std::int32_t>, codes);
    QFETCH(QString, message);
    ScoringEngine engine(m_model);
    auto r = engine.recommend({items, weights, codes}, 3, {});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(QString::fromStdString(r.error().message).contains(message), r.error().message.c_str());
  }

  void recommendExcludesTheHistory() {
    ScoringEngine engine(m_model);
    // u = 1·(2,0) + North (0,0) = (2,0): scores 2 0 2 1 4 2, item 4 seen.
    const UserProfile p{{4}, {1.0f}, {0}};
    auto seen = engine.recommend(p, 3, {});
    QCOMPARE(itemsOf(seen.value()), (std::vector<std::int32_t>{0, 2, 5}));
    ScoringEngine::Options keep;
    keep.excludeSeen = false;
    QCOMPARE(itemsOf(engine.recommend(p, 3, keep).value()), (std::vector<std::int32_t>{4, 0, 2}));
  }

  void recommendAllEqualsRecommendPerUser() {
    ScoringEngine engine(m_model);
    const std::vector<UserProfile> users = {{{4}, {1.0f}, {0}},
                                            {{1, 2}, {1.0f, 2.0f}, {1}},
                                            {{}, {}, {-1}},
                                            {{0, 3}, {0.5f, 1.0f}, {1}},
                                            {{5}, {3.0f}, {0}}};
    std::vector<std::vector<Recommendation>> batched(users.size());
    std::vector<std::size_t> order;
    auto status = engine.recommendAll(
        users.size(), [&](std::size_t u) { return users[u]; }, 3, true, 2,
        [&](std::size_t u, const std::vector<Recommendation>& list) {
          order.push_back(u);
          batched[u] = list;
        });
    QVERIFY2(status.ok(), status.ok() ? "" : status.error().message.c_str());
    QCOMPARE(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
    for (std::size_t u = 0; u < users.size(); ++u) {
      auto single = engine.recommend(users[u], 3, {});
      QVERIFY(single.ok());
      QCOMPARE(itemsOf(batched[u]), itemsOf(single.value()));
      for (std::size_t j = 0; j < batched[u].size(); ++j)
        QCOMPARE(batched[u][j].score, single.value()[j].score);
    }
  }

  void recommendAllStopsWhenCancelled() {
    ScoringEngine engine(m_model);
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    int calls = 0;
    auto status = engine.recommendAll(
        4,
        [](std::size_t) {
          return UserProfile{{}, {}, {-1}};
        },
        3, true, 2, [&](std::size_t, const std::vector<Recommendation>&) { ++calls; }, control);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::Cancelled);
    QCOMPARE(calls, 0);
  }

  void selectTopKSkipsExcludedScores() {
    const float scores[] = {0.5f, -INFINITY, NAN, 3.0f, 0.5f, -1.0f};
    std::vector<Recommendation> out;
    selectTopK(scores, 6, 10, out);
    QCOMPARE(itemsOf(out), (std::vector<std::int32_t>{3, 0, 4, 5}));
    selectTopK(scores, 6, 2, out);
    QCOMPARE(itemsOf(out), (std::vector<std::int32_t>{3, 0}));
    selectTopK(scores, 6, 0, out);
    QVERIFY(out.empty());
  }

  void chosenDeviceFallsBackAndAgreesWithCpu() {
    std::string note;
    const auto device = chooseComputeDevice("cuda", &note);
    // Without CUDA the request falls back to the CPU and says so; with CUDA it is honoured.
    if (device.kind == ComputeDevice::Kind::Cpu) QVERIFY(!note.empty());
    auto model = ModelFile::load(kValid, device);
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    ScoringEngine onDevice(model.value());
    ScoringEngine onCpu(m_model);
    const UserProfile p{{1, 2}, {1.0f, 2.0f}, {1}};
    QCOMPARE(itemsOf(onDevice.recommend(p, 4, {}).value()), itemsOf(onCpu.recommend(p, 4, {}).value()));
  }

  void cpuIsNamedWithItsThreads() {
    QCOMPARE(cpuDescription(1), std::string("CPU (1 thread)"));
    QCOMPARE(cpuDescription(2), std::string("CPU (2 threads)"));
    const int before = computeThreads();
    setComputeThreads(1);
    const auto one = chooseComputeDevice("cpu").description;
    setComputeThreads(before);
    QCOMPARE(one, std::string("CPU (1 thread)"));
  }

  void profilesComeFromTheDataset() {
    const auto d = sixItemDataset();
    const UserProfileBuilder builder(d, m_model->metadata());
    QCOMPARE(builder.users(), std::size_t(3));
    const auto p0 = builder.profile(0);
    // Distinct items by first time (1 at t=10, 2 at t=20, 3 at t=40); repeats add their weights.
    QCOMPARE(p0.items, (std::vector<std::int32_t>{1, 2, 3}));
    QCOMPARE(p0.weights, (std::vector<float>{1.0f, 3.0f, 1.0f}));
    QCOMPARE(p0.fieldCodes, std::vector<std::int32_t>{1});  // South
    const auto p1 = builder.profile(1);
    QCOMPARE(p1.weights, std::vector<float>{1.0f});
    QCOMPARE(p1.fieldCodes, std::vector<std::int32_t>{-1});  // West is not in the model's vocabulary
    QCOMPARE(builder.profile(2).fieldCodes, std::vector<std::int32_t>{-1});
    QVERIFY(builder.profile(2).items.empty());

    std::vector<bool> firstTwoRows = {true, true, false, false, false};
    const UserProfileBuilder train(d, m_model->metadata(), &firstTwoRows);
    QCOMPARE(train.profile(0).items, (std::vector<std::int32_t>{1, 2}));
    QCOMPARE(itemPopularity(d.interactions, 6), (std::vector<std::int64_t>{0, 1, 2, 1, 1, 0}));
    QCOMPARE(itemPopularity(d.interactions, 6, &firstTwoRows), (std::vector<std::int64_t>{0, 1, 1, 0, 0, 0}));
  }
};

QTEST_GUILESS_MAIN(TestScoringEngine)
#include "tst_scoringengine.moc"
