// Hostile interaction files: values built to exhaust the importer (deep regex recursion on a huge
// field, very many distinct values) give bad-row reports, never a crash; control characters in ids and
// attribute values are bad rows that name file, line and column, never a silently shortened id.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <fstream>

#include "data/importer.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {

ImportMapping retailMapping(const std::string& path, bool strict) {
  ImportMapping m;
  m.datasetName = "hostile";
  m.strict = strict;
  m.interactions.path = path;
  m.interactions.userColumn = "CustomerID";
  m.interactions.itemColumn = "StockCode";
  m.interactions.timestampColumn = "InvoiceDate";
  // The Online Retail preset's product-code rule.
  m.interactions.filters = {{"StockCode", RowFilter::Op::MatchesRegex, "[0-9]{5}[A-Za-z]*", "not a product"}};
  return m;
}

// A literal's bytes, NULs included.
template <std::size_t N>
QByteArray raw(const char (&text)[N]) {
  return QByteArray(text, static_cast<qsizetype>(N - 1));
}

void writeBytes(const std::string& path, const QByteArray& bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.constData(), bytes.size());
}

bool contains(const std::vector<std::string>& ids, const QByteArray& id) {
  return std::find(ids.begin(), ids.end(), id.toStdString()) != ids.end();
}

}  // namespace

class TestImportHostile : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void hugeFieldUnderAPatternFilterIsABadRow_data() {
    QTest::addColumn<bool>("strict");
    QTest::newRow("lenient") << false;
    QTest::newRow("strict") << true;
  }

  void hugeFieldUnderAPatternFilterIsABadRow() {
    QFETCH(bool, strict);
    QTemporaryDir dir;
    const auto csv = dir.filePath("retail.csv").toStdString();
    {
      std::ofstream out(csv);
      out << "CustomerID,StockCode,InvoiceDate\n";
      out << "c1,85123A,2010-12-01 08:26:00\n";
      // Once overflowed the stack inside std::regex_match (one frame per character).
      out << "c2,12345" << std::string(400000, 'a') << ",2010-12-01 08:27:00\n";
      out << "c3,71053,2010-12-01 08:28:00\n";
    }
    auto store = ProjectStore::open(dir.filePath("p.reclens").toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    const auto report = runImport(retailMapping(csv, strict), *store.value());
    if (strict) {
      QVERIFY(!report.ok());
      QCOMPARE(report.error().code, ErrorCode::Parse);
      QVERIFY2(report.error().message.find("too long for the filter pattern") != std::string::npos,
               report.error().message.c_str());
      QVERIFY(report.error().message.rfind(csv + ":3:2: ", 0) == 0);
      return;
    }
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    QCOMPARE(report.value().interactions, std::int64_t(2));
    QCOMPARE(report.value().skippedCount(), std::int64_t(1));
    QCOMPARE(report.value().skipped.front().reason,
             std::string("value too long for the filter pattern in column \"StockCode\""));
    QCOMPARE(report.value().skipped.front().firstLines, std::vector<std::int64_t>{3});
  }

  void manyDistinctValuesStayCorrectBeyondTheMemo() {
    QTemporaryDir dir;
    const auto csv = dir.filePath("retail.csv").toStdString();
    const int rows = 70000;  // more distinct codes than the filter memoises
    {
      std::ofstream out(csv);
      out << "CustomerID,StockCode,InvoiceDate\n";
      for (int i = 0; i < rows; ++i) {
        std::string code = "X" + std::to_string(i);  // no product
        if (i % 2 == 0) {                            // five digits and a distinct run of letters
          code = "12345";
          for (int n = i; n > 0; n /= 26) code += static_cast<char>('a' + n % 26);
        }
        out << 'c' << i % 50 << ',' << code << ',' << 1291191960 + i << '\n';
      }
    }
    auto store = ProjectStore::open(dir.filePath("p.reclens").toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    const auto report = runImport(retailMapping(csv, false), *store.value());
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    QCOMPARE(report.value().filteredCount(), std::int64_t(rows / 2));
    QCOMPARE(report.value().interactions, std::int64_t(rows / 2));
  }

  // Each control character in a user or an item id. Row 3 holds it; rows 2 and 4 are clean. The
  // bytes around it ("i" before, "5" after) are chosen so that an id cut at the control character
  // ("i") or with it dropped ("i5") would be a different, visible id.
  void controlCharacterInAnIdIsABadRow_data() {
    QTest::addColumn<QByteArray>("control");
    QTest::addColumn<int>("column");     // 1: user id, 2: item id
    QTest::addColumn<QString>("shown");  // how the message writes the character
    const struct {
      const char* name;
      QByteArray bytes;
      const char* shown;
    } controls[] = {{"NUL", raw("\0"), "NUL (\\x00)"},
                    {"SOH", "\x01", "SOH (\\x01)"},
                    {"TAB", "\t", "TAB (\\x09)"},
                    {"LF", "\n", "LF (\\x0A)"},
                    {"CR", "\r", "CR (\\x0D)"},
                    {"ESC", "\x1B", "ESC (\\x1B)"},
                    {"US", "\x1F", "US (\\x1F)"},
                    {"DEL", "\x7F", "DEL (\\x7F)"},
                    {"C1 CSI", "\xC2\x9B", "U+009B (\\u009B)"}};
    for (const auto& c : controls) {
      for (const int column : {1, 2}) {
        QTest::newRow(QByteArray(c.name).append(column == 1 ? " in user id" : " in item id").constData())
            << c.bytes << column << QString::fromLatin1(c.shown);
      }
    }
  }

  void controlCharacterInAnIdIsABadRow() {
    QFETCH(QByteArray, control);
    QFETCH(int, column);
    QFETCH(QString, shown);
    QTemporaryDir dir;
    const auto csv = dir.filePath("events.csv").toStdString();
    const QByteArray bad = "i" + control + "5";
    // Quoted, so that LF and CR are field content rather than line ends; the row still starts on line 3.
    const QByteArray row =
        column == 1 ? "\"" + bad + "\",i2,1600000001\n" : "u2,\"" + bad + "\",1600000001\n";
    writeBytes(csv, "user,item,ts\nu1,i1,1600000000\n" + row + "u3,i3,1600000002\n");
    ImportMapping m;
    m.datasetName = "controls";
    m.interactions.path = csv;
    m.interactions.userColumn = "user";
    m.interactions.itemColumn = "item";
    m.interactions.timestampColumn = "ts";
    const QString where = QString::fromStdString(csv) + QStringLiteral(":3:%1: ").arg(column);
    const char* what = column == 1 ? "user id" : "item id";

    for (const bool strict : {false, true}) {
      m.strict = strict;
      auto store = ProjectStore::open(dir.filePath(strict ? "s.reclens" : "l.reclens").toStdString(),
                                      ProjectStore::Mode::Create);
      QVERIFY(store.ok());
      const auto report = runImport(m, *store.value());
      if (strict) {
        QVERIFY2(!report.ok(), "strict mode accepted a control character in an id");
        const auto& e = report.error();
        QCOMPARE(e.code, ErrorCode::Parse);
        QCOMPARE(e.line, std::int64_t{3});
        QCOMPARE(e.column, column);
        const auto message = QString::fromStdString(e.message);
        QVERIFY2(message.startsWith(where), e.message.c_str());
        QVERIFY2(message.contains(QStringLiteral("the %1 ").arg(QLatin1String(what))), e.message.c_str());
        QVERIFY2(message.contains(shown + " at byte 2"), e.message.c_str());
        // One line, and the raw control byte itself is not in it.
        QVERIFY2(!e.message.empty() && std::none_of(e.message.begin(), e.message.end(),
                                                    [](char ch) {
                                                      const auto u = static_cast<unsigned char>(ch);
                                                      return u < 0x20U || u == 0x7FU;
                                                    }),
                 e.message.c_str());
        QVERIFY(!store.value()->hasDataset());
        continue;
      }
      QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
      QCOMPARE(report.value().rowsRead, std::int64_t{3});
      QCOMPARE(report.value().interactions, std::int64_t{2});
      QCOMPARE(report.value().skipped.size(), std::size_t{1});
      const auto& issue = report.value().skipped.front();
      QCOMPARE(issue.reason, std::string("control character in the ") + what);
      QCOMPARE(issue.count, std::int64_t{1});
      QCOMPARE(issue.firstLines, std::vector<std::int64_t>{3});
      QVERIFY2(QString::fromStdString(issue.firstMessage).startsWith(where), issue.firstMessage.c_str());

      // What the project holds: the two clean rows' ids, nothing cut or joined from the bad one.
      auto loaded = store.value()->loadDataset();
      QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
      const auto& d = loaded.value();
      QCOMPARE(d.users.ids, (std::vector<std::string>{"u1", "u3"}));
      QCOMPARE(d.items.ids, (std::vector<std::string>{"i1", "i3"}));
      for (const auto& ids : {d.users.ids, d.items.ids}) {
        QVERIFY(!contains(ids, "i"));
        QVERIFY(!contains(ids, "i5"));
        QVERIFY(!contains(ids, bad));
      }
    }
  }

  // Text that is not a control character is kept byte for byte: non-ASCII letters, U+00A0 (C2 A0,
  // next to the C1 range), and tabs and line breaks inside a quoted title.
  void printableTextAndTitleWhitespaceAreKept() {
    QTemporaryDir dir;
    const auto csv = dir.filePath("events.csv").toStdString();
    const QByteArray nbsp =
        "a\xC2\xA0"
        "b";
    const QByteArray title = "two\tcolumns\r\nand two lines";
    writeBytes(csv,
               "user,item,ts,title,country\n"
               "J\xC3\xBCrgen," +
                   nbsp + ",1600000000,\"" + title +
                   "\",DE\n"
                   "u2,i2,1600000001,plain,\"F\x1B"
                   "R\"\n");
    ImportMapping m;
    m.datasetName = "printable";
    m.interactions.path = csv;
    m.interactions.userColumn = "user";
    m.interactions.itemColumn = "item";
    m.interactions.timestampColumn = "ts";
    m.interactions.itemTitleColumn = "title";
    m.interactions.userAttributeColumns = {"country"};
    auto store = ProjectStore::open(dir.filePath("p.reclens").toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    const auto report = runImport(m, *store.value());
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    // The ESC in an attribute value makes the next row a bad row, named by its column (5); it starts on
    // line 4, as the title before it spans two lines.
    QCOMPARE(report.value().interactions, std::int64_t{1});
    QCOMPARE(report.value().skipped.size(), std::size_t{1});
    QCOMPARE(report.value().skipped.front().reason,
             std::string("control character in the \"country\" value"));
    QVERIFY2(QString::fromStdString(report.value().skipped.front().firstMessage)
                 .startsWith(QString::fromStdString(csv) + ":4:5: "),
             report.value().skipped.front().firstMessage.c_str());
    auto loaded = store.value()->loadDataset();
    QVERIFY(loaded.ok());
    const auto& d = loaded.value();
    QCOMPARE(d.users.ids, std::vector<std::string>{"J\xC3\xBCrgen"});
    QCOMPARE(d.items.ids, std::vector<std::string>{nbsp.toStdString()});
    QCOMPARE(d.items.titles, std::vector<std::string>{title.toStdString()});
  }

  // The other files: an items file, a users file, a sequences file and the item attribute JSON.
  void controlCharactersInTheOtherFiles_data() {
    QTest::addColumn<QString>("file");  // items, users, sequences, json
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line");  // 0: the whole file fails (JSON has no lines)
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("reason");
    QTest::newRow("items id") << "items"
                              << raw("id,name\ni1,One\n\"i\x00"
                                     "2\",Two\n")
                              << 3 << 1 << "control character in the item id";
    QTest::newRow("items title NUL") << "items" << raw("id,name\ni1,One\ni2,\"T\x00wo\"\n") << 3 << 2
                                     << "control character in the item title";
    QTest::newRow("items title BEL") << "items" << QByteArray("id,name\ni1,One\ni2,T\x07wo\n") << 3 << 2
                                     << "control character in the item title";
    QTest::newRow("users id") << "users" << QByteArray("id,age\nu1,20\nu\x1B[2J,30\n") << 3 << 1
                              << "control character in the user id";
    QTest::newRow("users attribute") << "users"
                                     << QByteArray(
                                            "id,age\nu1,2\x7F"
                                            "0\nu2,30\n")
                                     << 2 << 2 << "control character in the \"age\" value";
    QTest::newRow("sequences item") << "sequences"
                                    << QByteArray(
                                           "u1 i1 i2\nu2 i1 i\x01"
                                           "3\n")
                                    << 2 << 3 << "control character in the item id";
    QTest::newRow("sequences user") << "sequences"
                                    << raw("u\x00"
                                           "1 i1 i2\nu2 i1 i3\n")
                                    << 1 << 1 << "control character in the user id";
    QTest::newRow("json key") << "json" << QByteArray(R"({"i1": ["a"], "i\u00002": ["b"]})") << 0 << 0 << "";
    QTest::newRow("json attribute") << "json" << QByteArray(R"({"i1": ["a\u001b"], "i2": ["b"]})") << 0 << 0
                                    << "";
  }

  void controlCharactersInTheOtherFiles() {
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const auto events = dir.filePath("events.csv").toStdString();
    const auto other = dir.filePath("other").toStdString();
    writeBytes(other, content);
    writeBytes(events, "user,item,ts\nu1,i1,1600000000\nu2,i2,1600000001\n");
    ImportMapping m;
    m.datasetName = "other files";
    m.interactions.path = events;
    m.interactions.userColumn = "user";
    m.interactions.itemColumn = "item";
    m.interactions.timestampColumn = "ts";
    if (file == "items") {
      m.items = ItemsSource{};
      m.items->path = other;
      m.items->idColumn = "id";
      m.items->titleColumn = "name";
    } else if (file == "users") {
      m.users = UsersSource{};
      m.users->path = other;
      m.users->idColumn = "id";
    } else if (file == "sequences") {
      m.layout = "sequences";
      m.interactions = InteractionsSource{};
      m.interactions.path = other;
    } else {
      m.itemAttributesJsonPath = other;
    }
    const QString where = QString::fromStdString(other) + QStringLiteral(":%1:%2: ").arg(line).arg(column);
    for (const bool strict : {false, true}) {
      m.strict = strict;
      auto store = ProjectStore::open(dir.filePath(strict ? "s.reclens" : "l.reclens").toStdString(),
                                      ProjectStore::Mode::Create);
      QVERIFY(store.ok());
      const auto report = runImport(m, *store.value());
      if (strict || line == 0) {
        QVERIFY2(!report.ok(), "a control character was accepted");
        QCOMPARE(report.error().code, ErrorCode::Parse);
        QCOMPARE(report.error().line, std::int64_t{line});
        QCOMPARE(report.error().column, column);
        QCOMPARE(report.error().file, other);
        QVERIFY2(QString::fromStdString(report.error().message).contains("control character"),
                 report.error().message.c_str());
        if (line > 0) {
          QVERIFY2(QString::fromStdString(report.error().message).startsWith(where),
                   report.error().message.c_str());
        }
        QVERIFY(!store.value()->hasDataset());
        continue;
      }
      QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
      QCOMPARE(report.value().skipped.size(), std::size_t{1});
      const auto& issue = report.value().skipped.front();
      QCOMPARE(QString::fromStdString(issue.reason), reason);
      QCOMPARE(issue.file, other);
      QCOMPARE(issue.firstLines, std::vector<std::int64_t>{line});
      QVERIFY2(QString::fromStdString(issue.firstMessage).startsWith(where), issue.firstMessage.c_str());
      auto loaded = store.value()->loadDataset();
      QVERIFY(loaded.ok());
      for (const auto* ids : {&loaded.value().users.ids, &loaded.value().items.ids}) {
        for (const auto& id : *ids) {
          QVERIFY2(std::none_of(id.begin(), id.end(),
                                [](char ch) {
                                  const auto u = static_cast<unsigned char>(ch);
                                  return u < 0x20U || u == 0x7FU;
                                }),
                   id.c_str());
        }
      }
    }
  }

  // A users file without a column list keeps every column under its header name, so the header is
  // checked too.
  void controlCharacterInAKeptColumnNameFailsTheFile() {
    QTemporaryDir dir;
    const auto events = dir.filePath("events.csv").toStdString();
    const auto users = dir.filePath("users.csv").toStdString();
    writeBytes(events, "user,item,ts\nu1,i1,1600000000\n");
    writeBytes(users, raw("id,age,coun\x00try\nu1,20,DE\n"));
    ImportMapping m;
    m.datasetName = "header";
    m.interactions.path = events;
    m.interactions.userColumn = "user";
    m.interactions.itemColumn = "item";
    m.interactions.timestampColumn = "ts";
    m.users = UsersSource{};
    m.users->path = users;
    m.users->idColumn = "id";
    auto store = ProjectStore::open(dir.filePath("p.reclens").toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    const auto report = runImport(m, *store.value());
    QVERIFY(!report.ok());
    QCOMPARE(report.error().code, ErrorCode::Parse);
    QVERIFY2(
        QString::fromStdString(report.error().message).startsWith(QString::fromStdString(users) + ":1:3: "),
        report.error().message.c_str());
    QVERIFY2(QString::fromStdString(report.error().message).contains("coun\\x00try"),
             report.error().message.c_str());
  }
};

QTEST_GUILESS_MAIN(TestImportHostile)
#include "tst_importhostile.moc"
