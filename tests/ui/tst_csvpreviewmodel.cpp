#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

#include "import/csvpreviewmodel.h"

using namespace reclens;

class TestCsvPreviewModel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void parsesRecords_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<int>("records");
    QTest::addColumn<QString>("lastRecord");  // fields joined by '|'
    QTest::newRow("plain") << "a,b\n1,2\n"
                           << "," << 2 << "1|2";
    QTest::newRow("crlf and no final newline") << "a,b\r\n1,2"
                                               << "," << 2 << "1|2";
    QTest::newRow("quoted delimiter") << "a,b\n\"x,y\",2\n"
                                      << "," << 2 << "x,y|2";
    QTest::newRow("doubled quote") << "a\n\"say \"\"hi\"\"\"\n"
                                   << "," << 2 << "say \"hi\"";
    QTest::newRow("newline inside quotes") << "a,b\n\"line1\nline2\",3\n"
                                           << "," << 2 << "line1\nline2|3";
    QTest::newRow("tab") << "a\tb\n1\t2\n"
                         << "\t" << 2 << "1|2";
    QTest::newRow("empty fields") << "a,b,c\n,,\n"
                                  << "," << 2 << "||";
    QTest::newRow("blank lines skipped") << "a\n\n1\n"
                                         << "," << 2 << "1";
  }
  void parsesRecords() {
    QFETCH(QString, text);
    QFETCH(QString, delimiter);
    QFETCH(int, records);
    QFETCH(QString, lastRecord);
    const auto parsed = CsvPreviewModel::parseRecords(text, delimiter.front(), 100);
    QCOMPARE(int(parsed.size()), records);
    QCOMPARE(parsed.back().join(QLatin1Char('|')), lastRecord);
  }

  void stopsAtTheLimit() {
    QCOMPARE(CsvPreviewModel::parseRecords(QStringLiteral("h\n1\n2\n3\n4\n"), QLatin1Char(','), 3).size(),
             std::size_t(3));
  }

  void loadsAFile() {
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("i.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\xEF\xBB\xBFuser;item;when\n");
    for (int i = 0; i < 50; ++i)
      file.write(QStringLiteral("u%1;i%2;2021-01-0%3\n").arg(i).arg(i % 7).arg(1 + i % 9).toUtf8());
    file.close();
    CsvPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Status status = model.load(file.fileName(), QLatin1Char(';'));
    QVERIFY(status.ok());
    QCOMPARE(model.header(), (QStringList{"user", "item", "when"}));  // byte-order mark dropped
    QCOMPARE(model.rowCount(), CsvPreviewModel::kDefaultRows);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("i0"));
    QCOMPARE(model.headerData(0, Qt::Vertical).toInt(), 2);
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("when"));
  }

  void withoutHeaderLatin1() {
    // The movie-style items file: no header row, '|' separated, Latin-1.
    CsvPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Status status = model.load(QStringLiteral(RECLENS_TEST_DATA_DIR "/import/movies/items.psv"),
                                     QLatin1Char('|'), false, TextEncoding::Latin1);
    QVERIFY(status.ok());
    QCOMPARE(model.header(), (QStringList{"1", "2", "3", "4", "5"}));  // columns named by position
    QCOMPARE(model.rowCount(), 5);                                     // the first row is data
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("Caf\u00e9 Society (1999)"));
    QCOMPARE(model.index(2, 1).data().toString(), QStringLiteral("\u00dcber Alles (2003)"));
    QCOMPARE(model.headerData(0, Qt::Vertical).toInt(), 1);  // file line 1
  }

  void reportsAMissingFile() {
    CsvPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Status status = model.load(QStringLiteral("/nonexistent/x.csv"), QLatin1Char(','));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::Io);
    QVERIFY(QString::fromStdString(status.error().message).contains(QStringLiteral("x.csv")));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 0);
  }
};

QTEST_GUILESS_MAIN(TestCsvPreviewModel)
#include "tst_csvpreviewmodel.moc"
