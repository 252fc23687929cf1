// Explicit relevance for audits (model/relevancesplit.h): the split built from a relevance file, and the
// audit of a recommendation log against it, worked out by hand; every malformed file is named with its
// line and field.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "audit/audit.h"
#include "model/relevancesplit.h"

using namespace reclens;

class TestRelevanceSplit : public QObject {
  Q_OBJECT

  // Items i0-i4. u0 bought i0 i1 i2, u1 bought i1 i3, u2 bought i0.
  QTemporaryDir m_dir;
  Dataset m_data;

  QString write(const QString& name, const QByteArray& text) {
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    f.write(text);
    return path;
  }

  Result<TrainTestSplit> read(const QByteArray& text, RelevanceReport* report = nullptr,
                              bool skipUnknown = false) {
    RelevanceOptions options;
    options.skipUnknown = skipUnknown;
    return splitFromRelevance(write(QStringLiteral("r.csv"), text).toStdString(), m_data, options, report);
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    for (int i = 0; i < 5; ++i) {
      m_data.items.ids.push_back("i" + std::to_string(i));
      m_data.items.titles.push_back("Item " + std::to_string(i));
      m_data.items.prices.push_back(1.0);
      m_data.items.firstSeen.push_back(kNoTime);
    }
    const std::vector<std::vector<std::int32_t>> bought = {{0, 1, 2}, {1, 3}, {0}};
    const auto kind = m_data.interactions.kindIndex("purchase");
    for (std::size_t u = 0; u < bought.size(); ++u) {
      m_data.users.ids.push_back("u" + std::to_string(u));
      for (std::size_t j = 0; j < bought[u].size(); ++j)
        m_data.interactions.append(std::int32_t(u), bought[u][j], 100 + std::int64_t(10 * u + j), 1.0f, kind);
    }
  }

  // u0's relevant items are i2 (bought: its row becomes test) and i4 (never bought); u1's is i3 (bought),
  // given twice; u2 has none. Extra columns are ignored.
  void relevantPairsBecomeTheTestPart() {
    RelevanceReport report;
    auto split = read("note,user,item\nx,u0,i2\ny,u0,i4\nz,u1,i3\nw,u1,i3\n", &report);
    QVERIFY2(split.ok(), split.ok() ? "" : split.error().message.c_str());
    const auto& s = split.value();
    QCOMPARE(s.test[0], (std::vector<std::int32_t>{2, 4}));
    QCOMPARE(s.test[1], (std::vector<std::int32_t>{3}));
    QVERIFY(s.test[2].empty());
    QCOMPARE(s.train[0], (std::vector<std::int32_t>{0, 1}));
    QCOMPARE(s.train[1], (std::vector<std::int32_t>{1}));
    QCOMPARE(s.train[2], (std::vector<std::int32_t>{0}));
    // Rows: u0 i0 i1 i2, u1 i1 i3, u2 i0 → test rows 2 and 4.
    const std::vector<SplitPart> parts = {SplitPart::Train, SplitPart::Train, SplitPart::Test,
                                          SplitPart::Train, SplitPart::Test,  SplitPart::Train};
    QVERIFY(s.part == parts);
    QCOMPARE(s.trainFirst, std::int64_t(100));
    QCOMPARE(s.trainLast, std::int64_t(120));
    QCOMPARE(report.rows, std::int64_t(4));
    QCOMPARE(report.duplicates, std::int64_t(1));
    QCOMPARE(report.pairs, std::size_t(3));
    QCOMPARE(report.pairsInLog, std::size_t(2));
    QCOMPARE(report.users, std::size_t(2));
  }

  // A log audited against the relevance: u0's list [i4 i3] hits i4 at rank 1 (NDCG 1/IDCG over two
  // relevant items = 1 / (1 + 1/log2 3)), u1's [i0 i3] hits i3 at rank 2 (NDCG 1/log2 3), u2 is not
  // evaluated (no relevant item).
  void aLogIsAuditedAgainstTheRelevance() {
    auto split = read("user,item\nu0,i2\nu0,i4\nu1,i3\n");
    QVERIFY(split.ok());
    RecommendationLog log;
    log.users = {0, 1, 2};
    log.lists = {{{4, 1.0f, 1}, {3, 0.9f, 2}}, {{0, 1.0f, 1}, {3, 0.9f, 2}}, {{1, 1.0f, 1}, {2, 0.9f, 2}}};
    AuditConfig config;
    config.k = 2;
    config.bootstrapSamples = 0;
    config.permutations = 0;
    auto partial = auditLog(log, m_data, split.value(), config);
    QVERIFY2(partial.ok(), partial.ok() ? "" : partial.error().message.c_str());
    auto result = finishAudit(partial.value(), m_data, split.value());
    QVERIFY(result.ok());
    QCOMPARE(result->evaluatedUsers, std::size_t(2));
    const double c = 1.0 / std::log2(3.0);
    const double ndcg0 = 1.0 / (1.0 + c);
    const double ndcg1 = c;
    QVERIFY(std::abs(result->accuracy.ndcg - (ndcg0 + ndcg1) / 2.0) < 1e-12);
    QVERIFY(std::abs(result->accuracy.hit - 1.0) < 1e-12);
    QVERIFY(std::abs(result->accuracy.recall - (0.5 + 1.0) / 2.0) < 1e-12);
  }

  void badFilesAreNamed() {
    auto e = read("customer,item\nu0,i1\n");
    QVERIFY(!e.ok());
    QCOMPARE(e.error().code, ErrorCode::Mapping);
    QVERIFY(e.error().message.find("\"user\"") != std::string::npos);
    QCOMPARE(e.error().line, std::int64_t(1));
    e = read("user,item\nu0,i1\nnobody,i1\n");
    QVERIFY(!e.ok());
    QCOMPARE(e.error().code, ErrorCode::NotFound);
    QCOMPARE(e.error().line, std::int64_t(3));
    QCOMPARE(e.error().column, 1);
    e = read("user,item\nu0,i9\n");
    QVERIFY(!e.ok() && e.error().code == ErrorCode::NotFound && e.error().column == 2);
    e = read("user,item\nu0\n");
    QVERIFY(!e.ok());
    QCOMPARE(e.error().code, ErrorCode::Parse);
    QCOMPARE(e.error().line, std::int64_t(2));
    e = read("user,item\n");
    QVERIFY(!e.ok() && e.error().code == ErrorCode::Empty);
    // Skipping unknown rows keeps the others and counts what was skipped.
    RelevanceReport report;
    auto skipped = read("user,item\nu0,i1\nnobody,i1\nu1,i9\n", &report, true);
    QVERIFY(skipped.ok());
    QCOMPARE(skipped->test[0], (std::vector<std::int32_t>{1}));
    QCOMPARE(report.skippedUnknownUser, std::int64_t(1));
    QCOMPARE(report.skippedUnknownItem, std::int64_t(1));
    e = read("user,item\nnobody,i1\n", nullptr, true);
    QVERIFY(!e.ok() && e.error().code == ErrorCode::Empty);
  }
};

QTEST_GUILESS_MAIN(TestRelevanceSplit)
#include "tst_relevancesplit.moc"
