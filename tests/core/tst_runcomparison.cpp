// Two audit runs compared user by user (core/audit/runcomparison.h) on recommendation logs small enough
// to work out by hand: the differences, the paired bootstrap intervals, the significance markers, the
// group rows, and what happens when runs cannot be paired. Expected values are derived in comments.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

#include "audit/audit.h"
#include "audit/auditjson.h"
#include "audit/runcomparison.h"
#include "auditcompare.h"
#include "model/datasplit.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {

bool near(double a, double b, double tolerance = 1e-9) {
  return std::abs(a - b) <= tolerance;
}

// 1 / log2(3): the NDCG of a single held-out item at rank 2.
const double kC = 1.0 / std::log2(3.0);

const RunComparisonRow* row(const RunComparison& c, const std::string& metric) {
  const auto it = std::find_if(c.rows.begin(), c.rows.end(),
                               [&metric](const RunComparisonRow& r) { return r.metric == metric; });
  return it == c.rows.end() ? nullptr : &*it;
}

}  // namespace

class TestRunComparison : public QObject {
  Q_OBJECT

  // Items 0-5; users buy three items in time order and the last one is held out:
  //   u0 0 1 | 3   u1 0 2 | 4   u2 0 1 | 5   u3 3 4 | 0   u4 0 3 | 1      gender F: u0 u2 u4, M: u1 u3.
  Dataset m_data;
  TrainTestSplit m_split;

  AuditRun run(const std::vector<std::vector<std::int32_t>>& lists, const std::string& name) {
    const auto log = testing::logOfLists(lists);
    AuditConfig config;
    config.k = 2;
    config.userAttributes = {"gender"};
    config.bootstrapSamples = 100;
    config.permutations = 100;
    auto partial = auditLog(log, m_data, m_split, config);
    if (!partial) qFatal("audit failed: %s", partial.error().message.c_str());
    auto result = finishAudit(partial.value(), m_data, m_split);
    if (!result) qFatal("finish failed: %s", result.error().message.c_str());
    AuditRun out;
    out.name = name;
    out.provenance = currentAuditProvenance();
    out.provenance.logPath = name + ".csv";
    out.result = std::move(result).value();
    return out;
  }

 private Q_SLOTS:
  void initTestCase() {
    for (int i = 0; i < 6; ++i) {
      m_data.items.ids.push_back("i" + std::to_string(i));
      m_data.items.titles.push_back("Item " + std::to_string(i));
      m_data.items.prices.push_back(1.0);
      m_data.items.firstSeen.push_back(kNoTime);
    }
    const std::vector<std::vector<std::int32_t>> bought = {
        {0, 1, 3}, {0, 2, 4}, {0, 1, 5}, {3, 4, 0}, {0, 3, 1}};
    const char* genders[] = {"F", "M", "F", "M", "F"};
    CategoricalField gender("gender");
    const auto kind = m_data.interactions.kindIndex("purchase");
    for (std::size_t u = 0; u < bought.size(); ++u) {
      m_data.users.ids.push_back("u" + std::to_string(u));
      gender.append(genders[u]);
      for (std::size_t j = 0; j < bought[u].size(); ++j)
        m_data.interactions.append(std::int32_t(u), bought[u][j], 1000 + std::int64_t(j), 1.0f, kind);
    }
    m_data.users.fields = {gender};
    m_split = splitByTime(m_data, 1, 0);
  }

  // A: u0 [3 2] u1 [1 5] u2 [5 3] u3 [0 1] u4 [4 1] → NDCG 1, 0, 1, 1, c.
  // B: u0 [2 3] u1 [4 1] u2 [5 3] u3 [0 1] u4 [1 4] → NDCG c, 1, 1, 1, 1.
  // Per-user differences B − A: c − 1, 1, 0, 0, 1 − c; mean 1/5. F (u0 u2 u4): c − 1, 0, 1 − c → 0.
  void pairedDifferencesAndIntervals() {
    const auto a = run({{3, 2}, {1, 5}, {5, 3}, {0, 1}, {4, 1}}, "a");
    const auto b = run({{2, 3}, {4, 1}, {5, 3}, {0, 1}, {1, 4}}, "b");
    RunComparisonOptions options;
    options.bootstrapSamples = 2000;
    const auto c = compareAuditRuns(a, b, options);
    QVERIFY(c.paired);
    QCOMPARE(c.pairedUsers, std::size_t(5));
    const auto* ndcg = row(c, "NDCG@2");
    QVERIFY(ndcg != nullptr);
    QCOMPARE(ndcg->section, std::string("Accuracy"));
    QVERIFY(near(ndcg->a, (3.0 + kC) / 5.0));
    QVERIFY(near(ndcg->b, (4.0 + kC) / 5.0));
    QVERIFY(near(ndcg->difference, 0.2));
    QCOMPARE(ndcg->pairedUsers, std::size_t(5));
    // The interval holds the mean difference; with one user in five carrying most of it, resamples
    // without u1 (probability (4/5)^5 ≈ 1/3) often fall to 0 or below, so the change is not significant.
    QVERIFY(ndcg->ciLow <= 0.2 && 0.2 <= ndcg->ciHigh);
    QVERIFY(ndcg->ciLow <= 0.0);
    QVERIFY(!ndcg->significant);
    // Group F's paired differences c − 1, 0, 1 − c: mean 0, an interval around it.
    const auto* female = row(c, "NDCG@2 by gender: F");
    QVERIFY(female != nullptr);
    QCOMPARE(female->pairedUsers, std::size_t(3));
    QVERIFY(near(female->difference, 0.0));
    QVERIFY(female->ciLow < 0.0 && female->ciHigh > 0.0);
    // Catalog-level values have no per-user values: a difference, no interval.
    const auto* coverage = row(c, "item coverage");
    QVERIFY(coverage != nullptr);
    QVERIFY(std::isnan(coverage->ciLow));
    QCOMPARE(coverage->pairedUsers, std::size_t(0));
    // Every interval is of the same quantity as the row's difference, so it holds it.
    for (const auto& r : c.rows) {
      if (std::isnan(r.ciLow)) continue;
      QVERIFY2(r.ciLow - 1e-12 <= r.difference && r.difference <= r.ciHigh + 1e-12, r.metric.c_str());
    }
    QVERIFY(std::isnan(row(c, "novelty")->ciLow));  // per listed item over every list: not a user mean
    // The same run against itself: every difference and interval is exactly 0.
    const auto same = compareAuditRuns(a, a, options);
    for (const auto& r : same.rows) {
      if (std::isnan(r.a)) continue;
      QVERIFY2(r.difference == 0.0, r.metric.c_str());
      if (!std::isnan(r.ciLow))
        QVERIFY2(r.ciLow == 0.0 && r.ciHigh == 0.0 && !r.significant, r.metric.c_str());
    }
    // Deterministic for a seed.
    const auto again = compareAuditRuns(a, b, options);
    QCOMPARE(row(again, "NDCG@2")->ciLow, ndcg->ciLow);
  }

  // Every user's held-out item missed by A and at rank 1 in B: HR differs by exactly 1 for every user,
  // so every resample's mean is 1, the interval is [1, 1] and the change is significant.
  void aChangeOfEveryUserIsSignificant() {
    const auto a = run({{4, 5}, {5, 3}, {3, 4}, {5, 2}, {5, 2}}, "miss");
    const auto b = run({{3, 2}, {4, 1}, {5, 3}, {0, 1}, {1, 4}}, "hit");
    const auto c = compareAuditRuns(a, b);
    const auto* hit = row(c, "HR@2");
    QVERIFY(hit != nullptr);
    QVERIFY(near(hit->a, 0.0) && near(hit->b, 1.0));
    QVERIFY(near(hit->ciLow, 1.0) && near(hit->ciHigh, 1.0));
    QVERIFY(hit->significant);
    const auto html = runComparisonHtml(a, b, c);
    QVERIFY(html.find("<tr class=\"sig\"><td class=\"l\">HR@2</td>") != std::string::npos);
    QVERIFY(html.find("paired bootstrap") != std::string::npos);
  }

  // Runs without per-user records, or of other data, still compare value by value, with a note why
  // there are no intervals.
  void unpairedRunsSayWhy() {
    const auto a = run({{3, 2}, {1, 5}, {5, 3}, {0, 1}, {4, 1}}, "a");
    auto b = run({{2, 3}, {4, 1}, {5, 3}, {0, 1}, {1, 4}}, "b");
    auto bare = b;
    bare.result.partial.users.clear();
    bare.auditedUsers = 5;
    auto c = compareAuditRuns(a, bare);
    QVERIFY(!c.paired);
    QVERIFY(std::any_of(c.notes.begin(), c.notes.end(), [](const std::string& n) {
      return n.find("no per-user records") != std::string::npos;
    }));
    QVERIFY(near(row(c, "NDCG@2")->difference, 0.2));
    QVERIFY(std::isnan(row(c, "NDCG@2")->ciLow));
    auto other = b;
    other.result.partial.dataFingerprint = "elsewhere";
    c = compareAuditRuns(a, other);
    QVERIFY(!c.paired);
    QVERIFY(std::any_of(c.notes.begin(), c.notes.end(),
                        [](const std::string& n) { return n.find("different data") != std::string::npos; }));
  }

  // A saved run keeps its per-user records, so two saved runs pair.
  void savedRunsPair() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = ProjectStore::open(dir.filePath("runs.reclens").toStdString(), ProjectStore::Mode::Create);
    QVERIFY2(store.ok(), store.ok() ? "" : store.error().message.c_str());
    QVERIFY(saveAuditRun(*store.value(), run({{3, 2}, {1, 5}, {5, 3}, {0, 1}, {4, 1}}, "before")).ok());
    QVERIFY(saveAuditRun(*store.value(), run({{2, 3}, {4, 1}, {5, 3}, {0, 1}, {1, 4}}, "after")).ok());
    auto before = loadAuditRun(*store.value(), "before");
    auto after = loadAuditRun(*store.value(), "after");
    QVERIFY(before.ok() && after.ok());
    QCOMPARE(before->result.partial.users.size(), std::size_t(5));
    const auto c = compareAuditRuns(before.value(), after.value());
    QVERIFY(c.paired);
    QVERIFY(near(row(c, "NDCG@2")->difference, 0.2));
    // A run of more users than kMaxSavedUserRecords is saved without them, and compares unpaired.
    auto big = run({{2, 3}, {4, 1}, {5, 3}, {0, 1}, {1, 4}}, "big");
    big.auditedUsers = kMaxSavedUserRecords + 1;
    QVERIFY(saveAuditRun(*store.value(), big).ok());
    auto loaded = loadAuditRun(*store.value(), "big");
    QVERIFY(loaded.ok());
    QVERIFY(loaded->result.partial.users.empty());
    QCOMPARE(auditedUserCount(loaded.value()), kMaxSavedUserRecords + 1);
    QVERIFY(!compareAuditRuns(before.value(), loaded.value()).paired);
  }
};

QTEST_GUILESS_MAIN(TestRunComparison)
#include "tst_runcomparison.moc"
