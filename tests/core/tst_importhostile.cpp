// Hostile interaction files: values built to exhaust the importer (deep regex recursion on a huge
// field, very many distinct values) give bad-row reports, never a crash.
#include <QTemporaryDir>
#include <QtTest>

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
};

QTEST_GUILESS_MAIN(TestImportHostile)
#include "tst_importhostile.moc"
