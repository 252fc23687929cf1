#include <QtTest>

#include "engine/reverselookup.h"
#include "model/modelfile.h"

using namespace reclens;

namespace {
// tests/data/models/valid.pt: items i0..i5 with embeddings (1,0) (0,1) (1,1) (0.5,0) (2,0) (1,0);
// user vector = Σ weight·embedding + region vector (North (0,0), South (0,3), missing (0,0)).
const std::string kValid = RECLENS_TEST_DATA_DIR "/models/valid.pt";

// Four users; their top-2 lists with seen items left out:
//   u0 {i4} North -> (2,0): i0, i2      u1 {i1} South -> (0,4): i2, i0
//   u2 {} missing -> (0,0): i0, i1      u3 {i2} North -> (1,1): i4, i0
UserProfile profileOf(std::size_t u) {
  switch (u) {
    case 0:
      return {{4}, {1.0f}, {0}};
    case 1:
      return {{1}, {1.0f}, {1}};
    case 2:
      return {{}, {}, {-1}};
    default:
      return {{2}, {1.0f}, {0}};
  }
}

std::vector<std::pair<int, int>> usersAndRanks(const ReverseLookupResult& r) {
  std::vector<std::pair<int, int>> out;
  for (const auto& h : r.users) out.emplace_back(h.user, h.rank);
  return out;
}
}  // namespace

class TestReverseLookup : public QObject {
  Q_OBJECT

  std::shared_ptr<const ModelFile> m_model;

 private Q_SLOTS:
  void initTestCase() {
    auto model = ModelFile::load(kValid);
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    m_model = model.value();
  }

  void findsTheUsersByRank() {
    ScoringEngine engine(m_model);
    // Batches of 3 users: the second batch holds one user.
    auto r = reverseLookup(engine, 4, profileOf, 0, 2, true, {}, 3);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r.value().usersScored, std::size_t(4));
    QCOMPARE(usersAndRanks(r.value()), (std::vector<std::pair<int, int>>{{0, 1}, {2, 1}, {1, 2}, {3, 2}}));
    QCOMPARE(r.value().rankCounts, (std::vector<std::int64_t>{2, 2}));
    QCOMPARE(r.value().users.front().score, 2.0f);
    QCOMPARE(r.value().usersWithItemInHistory, std::size_t(0));
  }

  void seenItemsAreLeftOutUnlessAsked() {
    ScoringEngine engine(m_model);
    auto excluded = reverseLookup(engine, 4, profileOf, 2, 2, true);
    QVERIFY(excluded.ok());
    QCOMPARE(usersAndRanks(excluded.value()), (std::vector<std::pair<int, int>>{{1, 1}, {0, 2}}));
    QCOMPARE(excluded.value().usersWithItemInHistory, std::size_t(1));
    auto included = reverseLookup(engine, 4, profileOf, 2, 2, false);
    QVERIFY(included.ok());
    // With seen items listed, u0's own i4 (score 4) pushes i2 out, u1's own i1 ties i2 at 4 and wins as
    // the lower row, and u3's own i2 ties i4 at 2 and wins as the lower row.
    QCOMPARE(usersAndRanks(included.value()), (std::vector<std::pair<int, int>>{{3, 1}, {1, 2}}));
    QCOMPARE(included.value().usersWithItemInHistory, std::size_t(1));
  }

  void refusesAndCancels() {
    ScoringEngine engine(m_model);
    QCOMPARE(reverseLookup(engine, 4, profileOf, 6, 2, true).error().code, ErrorCode::NotFound);
    QCOMPARE(reverseLookup(engine, 4, profileOf, 0, 0, true).error().code, ErrorCode::InvalidArgument);
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    QCOMPARE(reverseLookup(engine, 4, profileOf, 0, 2, true, control).error().code, ErrorCode::Cancelled);
    // Progress reaches 1 on a full run.
    double last = 0.0;
    TaskControl progress;
    progress.progress = [&last](double f, std::string_view) { last = f; };
    QVERIFY(reverseLookup(engine, 4, profileOf, 0, 2, true, progress).ok());
    QCOMPARE(last, 1.0);
  }
};

QTEST_GUILESS_MAIN(TestReverseLookup)
#include "tst_reverselookup.moc"
