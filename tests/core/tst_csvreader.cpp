#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "data/csvreader.h"

using namespace reclens;

namespace {

// Reads every record; renders fields joined by '|' and records as "line:fields" joined by ';'.
// An error is rendered as "!code@line:column" and reading continues when the reader allows it.
QString readAll(const std::string& path, const CsvFormat& format) {
  auto reader = CsvReader::open(path, format);
  if (!reader) {
    const auto& e = reader.error();
    return QStringLiteral("!%1@%2:%3").arg(errorCodeName(e.code)).arg(e.line).arg(e.column);
  }
  QStringList records;
  while (true) {
    auto got = reader.value()->next();
    if (!got) {
      const auto& e = got.error();
      records << QStringLiteral("!%1@%2:%3").arg(errorCodeName(e.code)).arg(e.line).arg(e.column);
      continue;
    }
    if (!got.value()) break;
    QStringList fields;
    for (const auto f : reader.value()->fields())
      fields << QString::fromUtf8(f.data(), static_cast<int>(f.size()));
    records << QStringLiteral("%1:%2").arg(reader.value()->line()).arg(fields.join(QLatin1Char('|')));
  }
  return records.join(QLatin1Char(';'));
}

}  // namespace

class TestCsvReader : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::string write(const QByteArray& bytes) {
    static int n = 0;
    const auto path = m_dir.filePath(QStringLiteral("f%1.csv").arg(++n)).toStdString();
    std::ofstream(path, std::ios::binary).write(bytes.constData(), bytes.size());
    return path;
  }

 private Q_SLOTS:
  void records_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QByteArray("a,b\n1,2\n3,4\n") << ',' << "2:1|2;3:3|4";
    QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << ',' << "2:1|2";
    QTest::newRow("crlf") << QByteArray("a,b\r\n1,2\r\n3,\r\n") << ',' << "2:1|2;3:3|";
    QTest::newRow("bom") << QByteArray(
                                "\xEF\xBB\xBF"
                                "a,b\n1,2\n")
                         << ',' << "2:1|2";
    QTest::newRow("quoted delimiter") << QByteArray("a,b\n\"x,y\",2\n") << ',' << "2:x,y|2";
    QTest::newRow("doubled quotes") << QByteArray("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n") << ','
                                    << "2:say \"hi\"|\"";
    QTest::newRow("empty quoted") << QByteArray("a,b\n\"\",z\n") << ',' << "2:|z";
    QTest::newRow("embedded newline keeps lines")
        << QByteArray("a,b\n\"one\ntwo\nthree\",1\n2,3\n") << ',' << "2:one\ntwo\nthree|1;5:2|3";
    QTest::newRow("embedded crlf") << QByteArray("a,b\r\n\"x\r\ny\",1\r\n2,3\r\n") << ','
                                   << "2:x\r\ny|1;4:2|3";
    QTest::newRow("quoted then crlf") << QByteArray("a,b\r\n\"x\",\"y\"\r\n") << ',' << "2:x|y";
    QTest::newRow("blank lines skipped") << QByteArray("a,b\n\n1,2\n\r\n3,4\n\n") << ',' << "3:1|2;5:3|4";
    QTest::newRow("tab") << QByteArray("a\tb\n1,5\t2\n") << '\t' << "2:1,5|2";
    QTest::newRow("semicolon") << QByteArray("a;b\n\"1;5\";2\n") << ';' << "2:1;5|2";
    QTest::newRow("pipe") << QByteArray("a|b\nx|y\n") << '|' << "2:x|y";
    QTest::newRow("quote inside unquoted kept") << QByteArray("a,b\n5\"x,2\n") << ',' << "2:5\"x|2";
    QTest::newRow("utf8") << QByteArray("a,b\nK\xC3\xB6ln,\xE4\xB8\xAD\n") << ','
                          << QString::fromUtf8("2:Köln|中");
    QTest::newRow("invalid utf8 names line and column")
        << QByteArray("a,b\n1,2\nok,bad\xFF\n3,4\n") << ',' << "2:1|2;!encoding@3:2;4:3|4";
    QTest::newRow("invalid utf8 after embedded newline")
        << QByteArray("a,b\n\"x\ny\",\xC3\x28\n") << ',' << "!encoding@3:2";
    QTest::newRow("overlong utf8") << QByteArray("a\n\xC0\xAF\n") << ',' << "!encoding@2:1";
    QTest::newRow("text after closing quote")
        << QByteArray("a,b\n\"x\"y,2\n3,4\n") << ',' << "!parse@2:1;3:3|4";
    QTest::newRow("unterminated quote")
        << QByteArray("a,b\n1,2\n3,\"open\n4,5\n") << ',' << "2:1|2;!parse@3:2";
    QTest::newRow("empty file") << QByteArray() << ',' << "!empty@0:0";
    QTest::newRow("header only") << QByteArray("a,b\n") << ',' << "";
  }
  void records() {
    QFETCH(QByteArray, input);
    QFETCH(char, delimiter);
    QFETCH(QString, expected);
    CsvFormat format;
    format.delimiter = delimiter;
    QCOMPARE(readAll(write(input), format), expected);
  }

  void headerColumns() {
    auto reader = CsvReader::open(write("\xEF\xBB\xBFuser,\"item id\",ts\n"), CsvFormat{});
    QVERIFY(reader.ok());
    QCOMPARE(reader.value()->header().size(), std::size_t{3});
    QCOMPARE(reader.value()->columnIndex("user"), 0);
    QCOMPARE(reader.value()->columnIndex("item id"), 1);
    QCOMPARE(reader.value()->columnIndex("missing"), -1);
    QCOMPARE(QString::fromStdString(reader.value()->columnList()),
             QStringLiteral("\"user\", \"item id\", \"ts\""));
  }

  void noQuoting() {
    CsvFormat format;
    format.delimiter = ' ';
    format.quote = '\0';
    format.header = false;
    QCOMPARE(readAll(write("1 \"a b\n2 c\n"), format), QStringLiteral("1:1|\"a|b;2:2|c"));
  }

  void headerlessBadRowsFirst() {
    // A header-less file reads ahead to its first well-formed row to count the columns; the bad rows
    // before it are handed out once each (not again and again), then the good rows in order.
    CsvFormat format;
    format.header = false;
    QCOMPARE(readAll(write("a\x8a,b\nc\xff,d\ne,f,g\nh,i,j\n"), format),
             QStringLiteral("!encoding@1:1;!encoding@2:1;3:e|f|g;4:h|i|j"));
    // Only bad rows: opening fails with the first one's error, not "empty".
    QCOMPARE(readAll(write("x\x8a\ny\xff\n"), format), QStringLiteral("!encoding@1:1"));
    QCOMPARE(readAll(write(""), format), QStringLiteral("!empty@0:0"));
  }

  void oneMegabyteField() {
    // Also crosses the reader's block boundaries many times.
    QByteArray big(1 << 20, 'x');
    big[12345] = ',';
    big[500000] = '\n';
    QByteArray data("id,text,n\n");
    for (int r = 0; r < 6; ++r)
      data += QByteArray::number(r) + ",\"" + big + "\"," + QByteArray::number(r) + "\n";
    auto reader = CsvReader::open(write(data), CsvFormat{});
    QVERIFY(reader.ok());
    int rows = 0;
    while (true) {
      auto got = reader.value()->next();
      QVERIFY(got.ok());
      if (!got.value()) break;
      const auto& f = reader.value()->fields();
      QCOMPARE(f.size(), std::size_t{3});
      QCOMPARE(f[1].size(), std::size_t{1} << 20);
      QCOMPARE(f[1][12345], ',');
      QCOMPARE(f[2], std::string_view(std::to_string(rows)));
      QCOMPARE(reader.value()->line(), std::int64_t{2 + 2 * rows});  // each big field holds one line break
      ++rows;
    }
    QCOMPARE(rows, 6);
    QCOMPARE(reader.value()->bytesRead(), reader.value()->fileSize());
  }

  void manyRecordsAcrossBlocks() {
    QByteArray data("u,i\n");
    for (int r = 0; r < 300000; ++r) data += "user" + QByteArray::number(r) + ",\"it,em\"\r\n";
    auto reader = CsvReader::open(write(data), CsvFormat{});
    QVERIFY(reader.ok());
    std::int64_t rows = 0;
    while (true) {
      auto got = reader.value()->next();
      QVERIFY(got.ok());
      if (!got.value()) break;
      ++rows;
      if (reader.value()->fields()[1] != "it,em" || reader.value()->line() != rows + 1)
        QFAIL("record mangled");
    }
    QCOMPARE(rows, std::int64_t{300000});
  }

  void utf8Validator_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("firstBad");
    QTest::newRow("ascii") << QByteArray("hello") << -1;
    QTest::newRow("4-byte") << QByteArray("\xF0\x9F\x98\x80") << -1;
    QTest::newRow("latin1") << QByteArray("caf\xE9") << 3;
    QTest::newRow("truncated") << QByteArray("ab\xE4\xB8") << 2;
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << 0;
    QTest::newRow("too large") << QByteArray("\xF4\x90\x80\x80") << 0;
  }
  void utf8Validator() {
    QFETCH(QByteArray, bytes);
    QFETCH(int, firstBad);
    QCOMPARE(static_cast<int>(firstInvalidUtf8(bytes.constData(), static_cast<std::size_t>(bytes.size()))),
             firstBad);
  }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
