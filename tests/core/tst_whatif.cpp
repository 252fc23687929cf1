#include <QtTest>

#include <cmath>

#include "engine/whatif.h"
#include "model/modelfile.h"

using namespace reclens;

Q_DECLARE_METATYPE(std::vector<std::int32_t>)

namespace {
// tests/data/models/valid.pt: items i0..i5 with embeddings (1,0) (0,1) (1,1) (0.5,0) (2,0) (1,0);
// user vector = Σ weight·embedding + region vector (North (0,0), South (0,3), missing (0,0)).
const std::string kValid = RECLENS_TEST_DATA_DIR "/models/valid.pt";

// History {i4}, North: user vector (2,0); top-3 without i4: i0, i2, i5 (all 2, by row).
UserProfile baseProfile() {
  return {{4}, {1.0f}, {0}};
}

std::vector<std::int32_t> itemsOf(const std::vector<Recommendation>& list) {
  std::vector<std::int32_t> out;
  for (const auto& r : list) out.push_back(r.item);
  return out;
}
}  // namespace

class TestWhatIf : public QObject {
  Q_OBJECT

  std::shared_ptr<const ModelFile> m_model;

 private Q_SLOTS:
  void initTestCase() {
    auto model = ModelFile::load(kValid);
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    m_model = model.value();
  }

  void editsTheProfile() {
    const auto& meta = m_model->metadata();
    auto p = applyWhatIfEdits({{4, 1}, {1.0f, 3.0f}, {0}},
                              {WhatIfEdit::removeItem(4), WhatIfEdit::addItem(2, 0.5f),
                               WhatIfEdit::setWeight(1, 7.0f), WhatIfEdit::setUserField(0, -1)},
                              meta);
    QVERIFY2(p.ok(), p.ok() ? "" : p.error().message.c_str());
    QCOMPARE(p.value().items, (std::vector<std::int32_t>{1, 2}));
    QCOMPARE(p.value().weights, (std::vector<float>{7.0f, 0.5f}));
    QCOMPARE(p.value().fieldCodes, std::vector<std::int32_t>{-1});
  }

  void refusesEditsThatCannotApply_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("item");
    QTest::addColumn<float>("weight");
    QTest::addColumn<int>("field");
    QTest::addColumn<int>("code");
    using K = WhatIfEdit::Kind;
    QTest::newRow("remove a missing item") << int(K::RemoveItem) << 3 << 1.0f << -1 << -1;
    QTest::newRow("add a present item") << int(K::AddItem) << 4 << 1.0f << -1 << -1;
    QTest::newRow("re-weight a missing item") << int(K::SetWeight) << 3 << 1.0f << -1 << -1;
    QTest::newRow("negative weight") << int(K::SetWeight) << 4 << -1.0f << -1 << -1;
    QTest::newRow("weight not a number") << int(K::AddItem) << 3 << float(NAN) << -1 << -1;
    QTest::newRow("item outside the catalog") << int(K::AddItem) << 6 << 1.0f << -1 << -1;
    QTest::newRow("no such field") << int(K::SetUserField) << -1 << 1.0f << 1 << 0;
    QTest::newRow("code outside the vocabulary") << int(K::SetUserField) << -1 << 1.0f << 0 << 2;
  }

  void refusesEditsThatCannotApply() {
    QFETCH(int, kind);
    QFETCH(int, item);
    QFETCH(float, weight);
    QFETCH(int, field);
    QFETCH(int, code);
    const WhatIfEdit edit{static_cast<WhatIfEdit::Kind>(kind), item, weight, field, code};
    auto p = applyWhatIfEdits(baseProfile(), {WhatIfEdit::setWeight(4, 2.0f), edit}, m_model->metadata());
    QVERIFY(!p.ok());
    QCOMPARE(p.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(p.error().message.rfind("what-if edit 2:", 0) == 0, p.error().message.c_str());
  }

  void comparesRankings() {
    const std::vector<Recommendation> before = {{0, 2, 1}, {2, 2, 2}, {5, 2, 3}};
    const std::vector<Recommendation> after = {{2, 2, 1}, {0, 0, 2}, {3, 0, 3}};
    const auto c = compareRankings(before, after);
    QCOMPARE(c.changes.size(), std::size_t(4));
    QCOMPARE(c.changes[0].item, 2);
    QCOMPARE(c.changes[0].before, 2);
    QCOMPARE(c.changes[0].after, 1);
    QVERIFY(c.changes[0].kind == RankChangeKind::Moved);
    QVERIFY(c.changes[2].kind == RankChangeKind::New);
    QCOMPARE(c.changes[3].item, 5);
    QVERIFY(c.changes[3].kind == RankChangeKind::Dropped);
    QCOMPARE(c.changes[3].after, 0);
    QCOMPARE(c.moved, 2);
    QCOMPARE(c.added, 1);
    QCOMPARE(c.dropped, 1);
    QCOMPARE(c.same, 0);
    QCOMPARE(c.overlap, 2.0 / 3.0);
    QCOMPARE(c.jaccard, 0.5);
    const auto none = compareRankings({}, {});
    QCOMPARE(none.overlap, 1.0);
    QCOMPARE(compareRankings(before, before).same, 3);
  }

  void runsTheRoundTrip_data() {
    QTest::addColumn<int>("scenario");
    QTest::addColumn<std::vector<std::int32_t>>("expected");
    // Swap the history to i1 weighted 2: (0,2); i2 leads, then i0, i3 by row among the zeros.
    QTest::newRow("swap history") << 0 << std::vector<std::int32_t>{2, 0, 3};
    // Region South adds (0,3): (2,3) scores i2 5, i1 3, i0 2.
    QTest::newRow("flip region") << 1 << std::vector<std::int32_t>{2, 1, 0};
    // No edit: the list equals the baseline.
    QTest::newRow("no edit") << 2 << std::vector<std::int32_t>{0, 2, 5};
  }

  void runsTheRoundTrip() {
    QFETCH(int, scenario);
    QFETCH(std::vector<std::int32_t>, expected);
    const std::vector<std::vector<WhatIfEdit>> edits = {
        {WhatIfEdit::removeItem(4), WhatIfEdit::addItem(1, 2.0f)}, {WhatIfEdit::setUserField(0, 1)}, {}};
    ScoringEngine engine(m_model);
    auto r = runWhatIf(engine, baseProfile(), edits[static_cast<std::size_t>(scenario)], 3);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(itemsOf(r.value().baseline), (std::vector<std::int32_t>{0, 2, 5}));
    QCOMPARE(itemsOf(r.value().list), expected);
    // The edited list equals what recommend() gives for the edited profile.
    auto direct = engine.recommend(r.value().profile, 3, {});
    QVERIFY(direct.ok());
    QCOMPARE(itemsOf(direct.value()), expected);
    if (scenario == 2) QCOMPARE(r.value().comparison.same, 3);
    if (scenario == 0) {
      QCOMPARE(r.value().userVector, (std::vector<float>{0.0f, 2.0f}));
      QCOMPARE(r.value().comparison.dropped, 1);
      QCOMPARE(r.value().comparison.added, 1);
    }
  }

  void usesTheCachedBaselineAndReRanks() {
    ScoringEngine engine(m_model);
    const std::vector<Recommendation> cached = {{5, 2.0f, 1}};
    auto r = runWhatIf(engine, baseProfile(), {}, 3, {}, &cached);
    QVERIFY(r.ok());
    QCOMPARE(itemsOf(r.value().baseline), std::vector<std::int32_t>{5});
    // A removed history item may come back into the list.
    auto back = runWhatIf(engine, {{4, 0}, {1.0f, 1.0f}, {0}}, {WhatIfEdit::removeItem(4)}, 1);
    QVERIFY(back.ok());
    QCOMPARE(itemsOf(back.value().list), std::vector<std::int32_t>{4});
    QVERIFY(back.value().comparison.changes.front().kind == RankChangeKind::New);
    // With re-ranking active the list goes through recommend() and still comes back.
    ScoringEngine::Options options;
    options.reRank.popularityPenalty = 0.5;
    const std::vector<std::int64_t> popularity = {10, 1, 1, 1, 1, 1};
    options.context.popularity = &popularity;
    auto reranked = runWhatIf(engine, baseProfile(), {}, 3, options);
    QVERIFY2(reranked.ok(), reranked.ok() ? "" : reranked.error().message.c_str());
    // Normalised relevance 1, 1, 1 for i0, i2, i5 less the penalty: the popular i0 falls to third.
    QCOMPARE(itemsOf(reranked.value().list), (std::vector<std::int32_t>{2, 5, 0}));
  }
};

QTEST_GUILESS_MAIN(TestWhatIf)
#include "tst_whatif.moc"
