#include <QTemporaryDir>
#include <QtTest>

#include "audit/auditjson.h"
#include "audit/auditrun.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {

Dataset tinyDataset() {
  Dataset d;
  d.info.name = "audit store test";
  d.items.ids = {"i0", "i1", "i2"};
  d.items.titles.assign(3, "");
  d.items.prices.assign(3, 1.0);
  d.items.firstSeen.assign(3, kNoTime);
  d.users.ids = {"A", "B"};
  const auto k = d.interactions.kindIndex("purchase");
  d.interactions.append(0, 1, 100, 1.0f, k);
  d.interactions.append(1, 2, 100, 1.0f, k);
  return d;
}

AuditRun makeRun(const std::string& name, double ndcg, std::int64_t created) {
  AuditRun run;
  run.name = name;
  run.auditedUsers = 2;
  run.provenance = currentAuditProvenance();
  run.provenance.created = created;
  run.provenance.modelName = "bpr-8";
  setAuditSplit(run.provenance, 1, 1);
  auto& p = run.result.partial;
  p.config.k = 10;
  p.config.seed = 99;
  p.source = "model";
  p.modelSha256 = std::string(64, 'c');
  p.numItems = 3;
  p.numUsers = 2;
  p.exposureCount = {2, 0, 1};
  p.exposureWeight = {1.5, 0.0, 0.630929753571457};
  p.shards = {0};
  AuditUserRecord record;
  record.user = 1;
  record.hasTest = true;
  p.users.push_back(record);
  run.result.evaluatedUsers = 1;
  run.result.accuracy.ndcg = ndcg;
  run.result.gini = 1.0 / 3.0;
  run.result.itemGroups.push_back({"tier", {{"head", 1, 0.7, 1.0 / 3.0, 0.5, 1.5}}});
  return run;
}

}  // namespace

class TestProjectStoreAudits : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  std::string m_path;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath("audits.reclens").toStdString();
    auto store = ProjectStore::open(m_path, ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(store.value()->writeDataset(tinyDataset()).ok());
  }

  void projectWithoutRunsListsNone() {
    // A file made before runs had names still opens read-only and lists nothing.
    auto store = ProjectStore::open(m_path, ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    const auto runs = listAuditRuns(*store.value());
    QVERIFY(runs.ok());
    QVERIFY(runs.value().empty());
    const auto missing = loadAuditRun(*store.value(), "1");
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
  }

  void saveListLoad() {
    auto store = ProjectStore::open(m_path, ProjectStore::Mode::ReadWrite);
    QVERIFY(store.ok());
    const auto first = saveAuditRun(*store.value(), makeRun("first", 0.25, 1700000000));
    QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
    const auto second = saveAuditRun(*store.value(), makeRun("second", 0.5, 1700000100));
    QVERIFY(second.ok());
    QVERIFY(second.value() > first.value());

    const auto runs = listAuditRuns(*store.value());
    QVERIFY(runs.ok());
    QCOMPARE(runs.value().size(), std::size_t{2});
    QCOMPARE(runs.value()[0].name, std::string("second"));  // newest first
    QCOMPARE(runs.value()[0].summary.accuracy.ndcg, 0.5);
    QCOMPARE(runs.value()[0].summary.users, std::size_t{2});
    QCOMPARE(runs.value()[0].config.seed, std::uint64_t{99});
    QCOMPARE(runs.value()[1].provenance.modelName, std::string("bpr-8"));

    for (const auto& key : {std::to_string(first.value()), std::string("first")}) {
      const auto loaded = loadAuditRun(*store.value(), key);
      QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
      QCOMPARE(loaded.value().id, first.value());
      QCOMPARE(loaded.value().name, std::string("first"));
      QCOMPARE(loaded.value().result.accuracy.ndcg, 0.25);
      QCOMPARE(loaded.value().result.gini, 1.0 / 3.0);
      // A saved run keeps the per-item exposure (for the Lorenz curve) and the per-user records (for
      // paired comparison of two runs).
      QCOMPARE(loaded.value().result.partial.exposureWeight,
               (std::vector<double>{1.5, 0.0, 0.630929753571457}));
      QCOMPARE(loaded.value().result.partial.users.size(), makeRun("x", 0.25, 0).result.partial.users.size());
      QCOMPARE(loaded.value().auditedUsers, std::size_t{2});
      QCOMPARE(auditMetricsJson(loaded.value().result), auditMetricsJson(makeRun("x", 0.25, 0).result));
    }
  }

  void failedSavesLeaveEarlierRunsIntact() {
    {
      auto store = ProjectStore::open(m_path, ProjectStore::Mode::ReadWrite);
      QVERIFY(store.ok());
      const auto taken = saveAuditRun(*store.value(), makeRun("first", 0.9, 1700000200));
      QVERIFY(!taken.ok());
      QCOMPARE(taken.error().code, ErrorCode::Duplicate);
      QVERIFY(QString::fromStdString(taken.error().message).contains("first"));
      const auto unnamed = saveAuditRun(*store.value(), makeRun("", 0.9, 1700000200));
      QVERIFY(!unnamed.ok());
    }
    {
      auto readOnly = ProjectStore::open(m_path, ProjectStore::Mode::ReadOnly);
      QVERIFY(readOnly.ok());
      const auto refused = saveAuditRun(*readOnly.value(), makeRun("third", 0.9, 1700000300));
      QVERIFY(!refused.ok());
      QCOMPARE(refused.error().code, ErrorCode::Io);
    }
    auto store = ProjectStore::open(m_path, ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    const auto runs = listAuditRuns(*store.value());
    QVERIFY(runs.ok());
    QCOMPARE(runs.value().size(), std::size_t{2});
    const auto first = loadAuditRun(*store.value(), "first");
    QVERIFY(first.ok());
    QCOMPARE(first.value().result.accuracy.ndcg, 0.25);
    const auto unknown = loadAuditRun(*store.value(), "third");
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    QVERIFY(QString::fromStdString(unknown.error().message).contains("second"));
  }
};

QTEST_GUILESS_MAIN(TestProjectStoreAudits)
#include "tst_projectstoreaudits.moc"
