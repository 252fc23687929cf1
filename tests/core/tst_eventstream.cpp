#include <QtTest>

#include <string>
#include <vector>

#include "data/eventstream.h"

using namespace reclens;

namespace {

// What one line gave: its kind, the event (when one) and the reason (when bad).
struct Parsed {
  EventParser::LineKind kind = EventParser::LineKind::Blank;
  StreamEvent event;
  std::string reason;
  std::int64_t line = 0;
};

// Feeds `lines` to one parser; stops with `fatal` set at a fatal error.
std::vector<Parsed> parseAll(const std::vector<std::string>& lines, EventFormat format,
                             std::string* fatal = nullptr) {
  EventParser parser(format);
  std::vector<Parsed> out;
  for (const auto& l : lines) {
    Parsed p;
    auto r = parser.parseLine(l, p.event, p.reason);
    if (!r) {
      if (fatal != nullptr) *fatal = r.error().message;
      break;
    }
    p.kind = r.value();
    p.line = parser.line();
    out.push_back(p);
  }
  return out;
}

}  // namespace

class TestEventStream : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void readsCsvWithHeaderInAnyOrder() {
    const auto p = parseAll({"Kind, weight ,ts,item_id,user_id", "purchase,2.5,1291191960,I1,U1",
                             "view,,2010-12-01T08:26:00+01:00,\"I,2\",U2", "", ",  ,1291191961,I3,U3"},
                            EventFormat::Auto);
    QCOMPARE(p.size(), std::size_t(5));
    QCOMPARE(p[0].kind, EventParser::LineKind::Header);
    QCOMPARE(p[1].kind, EventParser::LineKind::Event);
    QCOMPARE(p[1].event.user, std::string("U1"));
    QCOMPARE(p[1].event.item, std::string("I1"));
    QCOMPARE(p[1].event.ts, std::int64_t(1291191960));
    QCOMPARE(p[1].event.kind, std::string("purchase"));
    QCOMPARE(p[1].event.weight, 2.5f);
    // 08:26 at +01:00 is 07:26 UTC: 1291191960 (08:26 UTC) minus one hour.
    QCOMPARE(p[2].event.ts, std::int64_t(1291191960 - 3600));
    QCOMPARE(p[2].event.item, std::string("I,2"));
    QCOMPARE(p[2].event.weight, 1.0f);  // empty weight: 1
    QCOMPARE(p[3].kind, EventParser::LineKind::Blank);
    QCOMPARE(p[4].kind, EventParser::LineKind::Event);
    QCOMPARE(p[4].event.kind, std::string());  // empty kind: the project's default later
    QCOMPARE(p[4].line, std::int64_t(5));
    // Optional columns after the required ones may be left off a row.
    const auto q = parseAll({"user,item,time,kind,weight", "u,i,7"}, EventFormat::Csv);
    QCOMPARE(q[1].kind, EventParser::LineKind::Event);
    QCOMPARE(q[1].event.ts, std::int64_t(7));
    QCOMPARE(q[1].event.weight, 1.0f);
  }

  void reportsBadCsvLinesWithTheirNumbers() {
    const auto p =
        parseAll({"user,item,time,weight", "u1,i1,1000,1", "u2,i2,yesterday,1", "u3,i3", "u4,i4,1000,heavy",
                  "u5,\"i5,1000,1", "u6,\"i6\"x,1000,1", ",i7,1000,1", "u8,i8,1000,1"},
                 EventFormat::Csv);
    QCOMPARE(p.size(), std::size_t(9));
    struct Want {
      std::int64_t line;
      const char* reasonPart;
    };
    const Want bad[] = {
        {3, "time \"yesterday\""},      {4, "has 2 fields; the user, item and time columns need 3"},
        {5, "weight \"heavy\""},        {6, "unterminated quote"},
        {7, "after the closing quote"}, {8, "user is empty"}};
    for (const auto& w : bad) {
      const auto& got = p[static_cast<std::size_t>(w.line - 1)];
      QCOMPARE(got.line, w.line);
      QCOMPARE(got.kind, EventParser::LineKind::Bad);
      QVERIFY2(got.reason.find(w.reasonPart) != std::string::npos, got.reason.c_str());
    }
    QCOMPARE(p[1].kind, EventParser::LineKind::Event);
    QCOMPARE(p[8].kind, EventParser::LineKind::Event);
    QCOMPARE(p[8].event.user, std::string("u8"));
  }

  void refusesAHeaderWithoutTheNeededColumns() {
    std::string fatal;
    const auto p = parseAll({"customer,item,time", "c1,i1,1000"}, EventFormat::Csv, &fatal);
    QVERIFY(p.empty());
    QVERIFY2(fatal.find("lacks user") != std::string::npos, fatal.c_str());
    QVERIFY2(fatal.rfind("<stream>:1: ", 0) == 0, fatal.c_str());
    fatal.clear();
    parseAll({"user,item,time,ts", "c1,i1,1000,1000"}, EventFormat::Csv, &fatal);
    QVERIFY2(fatal.find("time column twice") != std::string::npos, fatal.c_str());
  }

  void readsJsonLines() {
    const auto p =
        parseAll({R"({"user": "U1", "item": 17, "time": 1291191960, "kind": "view", "weight": 0.5})",
                  R"({"user_id": 5, "item_id": "I2", "timestamp": "2010-12-01 08:26:00", "extra": [1]})",
                  R"({"user": "U3", "item": "I3", "time": 1291191960.9, "weight": "3"})"},
                 EventFormat::Auto);
    QCOMPARE(p.size(), std::size_t(3));
    for (const auto& x : p) QCOMPARE(x.kind, EventParser::LineKind::Event);
    QCOMPARE(p[0].event.item, std::string("17"));
    QCOMPARE(p[0].event.kind, std::string("view"));
    QCOMPARE(p[0].event.weight, 0.5f);
    QCOMPARE(p[1].event.user, std::string("5"));
    QCOMPARE(p[1].event.ts, std::int64_t(1291191960));
    QCOMPARE(p[1].event.kind, std::string());
    QCOMPARE(p[2].event.ts, std::int64_t(1291191960));  // fraction dropped
    QCOMPARE(p[2].event.weight, 3.0f);
  }

  void reportsBadJsonLines_data() {
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not json") << R"({"user": "U1", )"
                              << "not valid JSON";
    QTest::newRow("array") << "[1, 2]"
                           << "not an object";
    QTest::newRow("no user") << R"({"item": "I", "time": 1})"
                             << "has no user";
    QTest::newRow("float user") << R"({"user": 1.5, "item": "I", "time": 1})"
                                << "user must be a string";
    QTest::newRow("blank item") << R"({"user": "U", "item": "  ", "time": 1})"
                                << "item is empty";
    QTest::newRow("no time") << R"({"user": "U", "item": "I"})"
                             << "has no time";
    QTest::newRow("bad time") << R"({"user": "U", "item": "I", "time": "soon"})"
                              << "neither Unix seconds";
    QTest::newRow("bool time") << R"({"user": "U", "item": "I", "time": true})"
                               << "number or a string";
    QTest::newRow("kind number") << R"({"user": "U", "item": "I", "time": 1, "kind": 3})"
                                 << "kind must be";
    QTest::newRow("weight text") << R"({"user": "U", "item": "I", "time": 1, "weight": "a"})"
                                 << "weight \"a\"";
    QTest::newRow("twice") << R"({"user": "U", "user_id": "V", "item": "I", "time": 1})"
                           << "user twice";
  }

  void reportsBadJsonLines() {
    QFETCH(QString, line);
    QFETCH(QString, reason);
    const auto p =
        parseAll({R"({"user": "U0", "item": "I0", "time": 5})", line.toStdString()}, EventFormat::JsonLines);
    QCOMPARE(p.size(), std::size_t(2));
    QCOMPARE(p[0].kind, EventParser::LineKind::Event);
    QCOMPARE(p[1].kind, EventParser::LineKind::Bad);
    QCOMPARE(p[1].line, std::int64_t(2));
    QVERIFY2(p[1].reason.find(reason.toStdString()) != std::string::npos, p[1].reason.c_str());
  }

  void rejectsInvalidUtf8AndStripsCarriageReturns() {
    const auto p = parseAll({"\xEF\xBB\xBFuser,item,time\r", "u\xC3,i,5\r", "u,i,5\r"}, EventFormat::Auto);
    QCOMPARE(p.size(), std::size_t(3));
    QCOMPARE(p[0].kind, EventParser::LineKind::Header);
    QCOMPARE(p[1].kind, EventParser::LineKind::Bad);
    QVERIFY2(p[1].reason.find("UTF-8") != std::string::npos, p[1].reason.c_str());
    QCOMPARE(p[2].kind, EventParser::LineKind::Event);
    QCOMPARE(p[2].event.item, std::string("i"));
  }

  void splitsQuotedFields() {
    std::vector<std::string_view> f;
    std::string scratch;
    std::string why;
    QVERIFY(splitCsvLine(R"(a,"b ""q"", c",,"",d,)", f, scratch, why));
    const std::vector<std::string> want = {"a", "b \"q\", c", "", "", "d", ""};
    QCOMPARE(f.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) QCOMPARE(std::string(f[i]), want[i]);
  }
};

QTEST_GUILESS_MAIN(TestEventStream)
#include "tst_eventstream.moc"
