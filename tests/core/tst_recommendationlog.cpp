#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "data/recommendationlog.h"

using namespace reclens;

namespace {

Dataset smallDataset() {
  Dataset d;
  d.items.ids = {"i0", "i1", "i2", "i3", "i4", "i5"};
  d.items.titles.assign(6, "");
  d.items.prices.assign(6, 1.0);
  d.items.firstSeen.assign(6, kNoTime);
  d.users.ids = {"A", "B", "C"};
  return d;
}

}  // namespace

class TestRecommendationLog : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  int m_files = 0;

  std::string write(const QByteArray& text) {
    const auto path = m_dir.filePath(QString("log%1.csv").arg(++m_files));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(text);
    return path.toStdString();
  }

 private Q_SLOTS:
  void readsListsInRankOrder() {
    // Columns in any order, an extra column, a score, users out of order, a gap in B's ranks.
    const auto path = write(
        "rank,extra,item,user,score\n"
        "2,x,i3,B,0.5\n"
        "1,x,i4,B,0.9\n"
        "1,x,i0,A,2\n"
        "5,x,i1,B,\n");
    RecommendationLogReport report;
    const auto log = readRecommendationLog(path, smallDataset(), {}, &report);
    QVERIFY2(log.ok(), log.ok() ? "" : log.error().message.c_str());
    QCOMPARE(log.value().users, (std::vector<std::int32_t>{0, 1}));
    QCOMPARE(log.value().lists.size(), std::size_t{2});
    const auto& b = log.value().lists[1];
    QCOMPARE(b.size(), std::size_t{3});
    QCOMPARE(b[0].item, 4);
    QCOMPARE(b[1].item, 3);
    QCOMPARE(b[2].item, 1);
    QCOMPARE(b[2].rank, 3);  // renumbered 1..n
    QCOMPARE(b[0].score, 0.9f);
    QCOMPARE(log.value().lists[0][0].score, 2.0f);
    QCOMPARE(report.rows, std::int64_t{4});
    QCOMPARE(report.users, std::size_t{2});
    QCOMPARE(report.longestList, std::size_t{3});
    QCOMPARE(report.renumberedLists, std::size_t{1});
  }

  void skipsUnknownIdsWhenAsked() {
    const auto path = write("user,item,rank\nA,i1,1\nZ,i2,1\nA,i9,2\nY,i1,1\nZ,i3,2\n");
    RecommendationLogOptions options;
    options.skipUnknown = true;
    RecommendationLogReport report;
    const auto log = readRecommendationLog(path, smallDataset(), options, &report);
    QVERIFY(log.ok());
    QCOMPARE(log.value().users, (std::vector<std::int32_t>{0}));
    QCOMPARE(report.skippedUnknownUser, std::int64_t{3});
    QCOMPARE(report.skippedUnknownItem, std::int64_t{1});
    QCOMPARE(report.unknownUsers, (std::vector<std::string>{"Z", "Y"}));
    QCOMPARE(report.unknownItems, (std::vector<std::string>{"i9"}));
  }

  void errorsNameFileLineAndField_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("ragged line") << QByteArray("user,item,rank\nA,i1,1\nA,i2\n") << int(ErrorCode::Parse) << 3
                                 << 0 << "expected 3 fields";
    QTest::newRow("rank not a number") << QByteArray("user,item,rank\nA,i1,1\nA,i2,two\n")
                                       << int(ErrorCode::Parse) << 3 << 3 << "rank \"two\"";
    QTest::newRow("rank zero") << QByteArray("user,item,rank\nA,i1,0\n") << int(ErrorCode::Parse) << 2 << 3
                               << "positive whole number";
    QTest::newRow("rank fraction") << QByteArray("user,item,rank\nA,i1,1.5\n") << int(ErrorCode::Parse) << 2
                                   << 3 << "rank \"1.5\"";
    QTest::newRow("unknown user") << QByteArray("user,item,rank\nA,i1,1\n\nQ,i1,1\n")
                                  << int(ErrorCode::NotFound) << 4 << 1 << "user \"Q\" is not in the project";
    QTest::newRow("unknown item") << QByteArray("item,user,rank\ni7,A,1\n") << int(ErrorCode::NotFound) << 2
                                  << 1 << "item \"i7\" is not in the catalog";
    QTest::newRow("bad score") << QByteArray("user,item,rank,score\nA,i1,1,high\n") << int(ErrorCode::Parse)
                               << 2 << 4 << "score \"high\"";
    QTest::newRow("missing column") << QByteArray("user,item,position\nA,i1,1\n") << int(ErrorCode::Mapping)
                                    << 1 << 0 << "no \"rank\" column";
    QTest::newRow("rank twice") << QByteArray("user,item,rank\nB,i1,1\nB,i2,1\n") << int(ErrorCode::Duplicate)
                                << 0 << 0 << "user \"B\" lists rank 1 twice";
    QTest::newRow("item twice") << QByteArray("user,item,rank\nB,i1,1\nB,i1,2\n") << int(ErrorCode::Duplicate)
                                << 0 << 0 << "lists item \"i1\" twice";
    QTest::newRow("no rows") << QByteArray("user,item,rank\n") << int(ErrorCode::Empty) << 0 << 0
                             << "no rows";
  }

  void errorsNameFileLineAndField() {
    QFETCH(QByteArray, text);
    QFETCH(int, code);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, mentions);
    const auto path = write(text);
    const auto log = readRecommendationLog(path, smallDataset());
    QVERIFY(!log.ok());
    const auto& e = log.error();
    QCOMPARE(int(e.code), code);
    QCOMPARE(e.file, path);
    QCOMPARE(e.line, std::int64_t{line});
    QCOMPARE(e.column, column);
    QVERIFY2(QString::fromStdString(e.message).contains(mentions), e.message.c_str());
    QVERIFY2(QString::fromStdString(e.message).contains(QString::fromStdString(path)), e.message.c_str());
  }

  void missingFileIsAnIoError() {
    const auto log = readRecommendationLog(m_dir.filePath("nope.csv").toStdString(), smallDataset());
    QVERIFY(!log.ok());
    QCOMPARE(log.error().code, ErrorCode::Io);
  }
};

QTEST_GUILESS_MAIN(TestRecommendationLog)
#include "tst_recommendationlog.moc"
