// The import of a movie-ratings layout (tests/data/import/movies, written for these tests): tab-separated
// ratings without a header, pipe-separated users without a header, Latin-1 items with one-hot genres.
// Every expected value below is worked out by hand from those files.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "audit/audit.h"
#include "data/importer.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {

std::string movies(const char* file) {
  return std::string(RECLENS_TEST_DATA_DIR) + "/import/movies/" + file;
}

std::string valueOf(const Catalog& c, const std::string& field, std::size_t row) {
  const int f = c.fieldIndex(field);
  return f < 0 ? "<no field>" : c.fields[static_cast<std::size_t>(f)].valueAt(row);
}

std::string valueOf(const UserTable& t, const std::string& field, std::size_t row) {
  const int f = t.fieldIndex(field);
  return f < 0 ? "<no field>" : t.fields[static_cast<std::size_t>(f)].valueAt(row);
}

}  // namespace

class TestImportMovies : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  int m_projects = 0;

  std::unique_ptr<ProjectStore> project() {
    auto store =
        ProjectStore::open(m_dir.filePath(QStringLiteral("p%1.reclens").arg(++m_projects)).toStdString(),
                           ProjectStore::Mode::Create);
    if (!store) qFatal("%s", store.error().message.c_str());
    return std::move(store).value();
  }
  std::string write(const QByteArray& bytes) {
    const auto path = m_dir.filePath(QStringLiteral("f%1.txt").arg(++m_projects)).toStdString();
    std::ofstream(path, std::ios::binary).write(bytes.constData(), bytes.size());
    return path;
  }
  // The import failed with a mapping error whose message holds `fragment`.
  static void expectMappingError(const Result<ImportReport>& r, const std::string& fragment) {
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Mapping);
    QVERIFY2(r.error().message.find(fragment) != std::string::npos, r.error().message.c_str());
  }
  // The sample's mapping with the items file replaced by `path` (a header row, ',' separated, UTF-8,
  // the id in column "id").
  static ImportMapping withItems(const std::string& path) {
    auto m = mapping();
    m.items = ItemsSource{};
    m.items->path = path;
    m.items->idColumn = "id";
    return m;
  }
  static ImportMapping mapping() {
    auto m = loadImportMapping(movies("mapping.json"));
    if (!m) qFatal("%s", m.error().message.c_str());
    return std::move(m).value();
  }

 private Q_SLOTS:
  void wholeMapping() {
    auto store = project();
    auto report = runImport(mapping(), *store);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    QCOMPARE(report.value().rowsRead, std::int64_t{9});
    QCOMPARE(report.value().interactions, std::int64_t{9});
    QCOMPARE(report.value().skippedCount(), std::int64_t{0});
    QCOMPARE(report.value().users, std::int64_t{6});
    QCOMPARE(report.value().items, std::int64_t{5});
    QCOMPARE(report.value().itemsWithoutInteractions, std::int64_t{1});
    auto d = store->loadDataset();
    QVERIFY(d.ok());
    const auto& items = d.value().items;
    // Rows: items in order of first interaction (1, 3, 2, 4), then the cold item 5.
    QCOMPARE(items.ids, (std::vector<std::string>{"1", "3", "2", "4", "5"}));
    // Latin-1 bytes E9, DC, F1 became UTF-8.
    QCOMPARE(items.titles[0], std::string("Caf\xC3\xA9 Society (1999)"));
    QCOMPARE(items.titles[1], std::string("\xC3\x9C"
                                          "ber Alles (2003)"));
    QCOMPARE(items.titles[2], std::string("Ma\xC3\xB1"
                                          "ana Forever (2001)"));
    // One-hot columns Action, Comedy, Drama folded into the set "genre", members sorted.
    QCOMPARE(valueOf(items, "genre", 0), std::string("Comedy|Drama"));
    QCOMPARE(valueOf(items, "genre", 1), std::string("Action|Comedy"));
    QCOMPARE(valueOf(items, "genre", 2), std::string("Action"));
    QCOMPARE(valueOf(items, "genre", 3), std::string("Drama"));
    QCOMPARE(valueOf(items, "genre", 4), std::string());
    QVERIFY(items.fields[static_cast<std::size_t>(items.fieldIndex("genre"))].setValued());
    // The one-hot columns are not kept as attributes of their own.
    QCOMPARE(items.fieldIndex("Action"), -1);
    // An audit groups the catalog by the set-valued attribute unless told otherwise (then by the cold-start
    // groupings).
    QCOMPARE(defaultItemGroupings(d.value()),
             (std::vector<std::string>{"tier", "genre", "interactions", "launch"}));
    // Ages 17, 24, 25, 44, 60, 33 under the edges 18, 25, 35, 45, 56.
    const auto& users = d.value().users;
    QCOMPARE(users.ids, (std::vector<std::string>{"10", "11", "12", "13", "14", "15"}));
    const std::vector<std::string> groups = {"<18",        "18\u201324", "25\u201334",
                                             "35\u201344", "56+",        "25\u201334"};
    for (std::size_t u = 0; u < groups.size(); ++u) QCOMPARE(valueOf(users, "age", u), groups[u]);
    // Group codes follow the edges: "<18" first, "56+" last (45-55 has nobody and is not a group).
    const auto& age = users.fields[static_cast<std::size_t>(users.fieldIndex("age"))];
    QCOMPARE(age.vocabulary(),
             (std::vector<std::string>{"<18", "18\u201324", "25\u201334", "35\u201344", "56+"}));
    QCOMPARE(valueOf(users, "occupation", 3), std::string("artist"));
    // Weights are the ratings; times are Unix seconds.
    QCOMPARE(d.value().interactions.weight[0], 4.0F);
    QCOMPARE(d.value().interactions.ts[8], std::int64_t{881250957});
    QCOMPARE(report.value().bins.size(), std::size_t{1});
    QCOMPARE(report.value().bins[0].edges, (std::vector<double>{18, 25, 35, 45, 56}));
  }

  void columnsByPosition() {
    // No names: the columns are 1, 2, 3, 4.
    auto m = mapping();
    m.interactions.format.names.clear();
    m.interactions.userColumn = "1";
    m.interactions.itemColumn = "2";
    m.interactions.weightColumn = "3";
    m.interactions.timestampColumn = "4";
    m.items.reset();
    m.users.reset();
    m.userBins.clear();
    auto store = project();
    auto report = runImport(m, *store);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    QCOMPARE(report.value().interactions, std::int64_t{9});
    QCOMPARE(report.value().users, std::int64_t{6});
    QCOMPARE(report.value().items, std::int64_t{4});
    // A position past the last column names the file's columns.
    m.interactions.kindColumn = "5";
    expectMappingError(runImport(m, *project()), "no header row and 4 columns");
  }

  void namesNeedNoHeader() {
    auto m = mapping();
    m.interactions.format.header = true;
    const auto st = validateImportMapping(m);
    QVERIFY(!st.ok());
    QCOMPARE(st.error().code, ErrorCode::Mapping);
    // "1,2,4" would name the third column "4" and hide the fourth: refused.
    m.interactions.format.header = false;
    m.interactions.format.names = {"1", "2", "4", "time"};
    const auto numbers = validateImportMapping(m);
    QVERIFY(!numbers.ok());
    QVERIFY2(numbers.error().message.find("column 3 is named \"4\"") != std::string::npos,
             numbers.error().message.c_str());
    m.interactions.format.names = {"1", "2", "rating", "4"};  // numbers at their own positions are fine
    QVERIFY(validateImportMapping(m).ok());
  }

  void latin1UnderUtf8IsReportedFirst() {
    // The default encoding: the four items whose titles hold Latin-1 letters are skipped as invalid UTF-8.
    auto m = mapping();
    m.items->format.encoding = TextEncoding::Utf8;
    auto store = project();
    auto report = runImport(m, *store);
    QVERIFY(report.ok());
    QCOMPARE(report.value().invalidUtf8Count(), std::int64_t{4});
    QCOMPARE(importEncodingHeadline(report.value()),
             std::string("4 rows skipped: not valid UTF-8 (use --encoding latin1 or cp1252)"));
    QCOMPARE(report.value().skipped.front().firstLines, (std::vector<std::int64_t>{1, 2, 3, 4}));
  }

  void cp1252() {
    // 0x93 and 0x94 are curly quotes in Windows-1252 and C1 controls in Latin-1 (refused in a title).
    const auto items = write("id,title\n1,\x93Quoted\x94 \x80 5\n2,Plain\n");
    auto m = withItems(items);
    m.items->titleColumn = "title";
    m.items->format.encoding = TextEncoding::Cp1252;
    m.userBins.clear();
    m.users.reset();
    auto store = project();
    auto report = runImport(m, *store);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    auto d = store->loadDataset();
    QVERIFY(d.ok());
    QCOMPARE(d.value().items.titles[0], std::string("\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x82\xAC 5"));
    m.items->format.encoding = TextEncoding::Latin1;
    auto latin = runImport(m, *project());
    QVERIFY(latin.ok());
    QCOMPARE(latin.value().skippedCount(), std::int64_t{1});
    QVERIFY(latin.value().skipped.front().reason.find("control character in the item title") !=
            std::string::npos);
  }

  void listColumn() {
    auto m = withItems(movies("items-lists.csv"));
    SetAttribute genres;
    genres.name = "genre";
    genres.listColumn = "genres";
    m.items->setAttributes.push_back(genres);
    auto store = project();
    auto report = runImport(m, *store);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    auto d = store->loadDataset();
    QVERIFY(d.ok());
    // "Drama|Comedy" sorted; "Comedy | Action|Comedy" trimmed, sorted, the repeat dropped; "" missing.
    QCOMPARE(valueOf(d.value().items, "genre", 0), std::string("Comedy|Drama"));
    QCOMPARE(valueOf(d.value().items, "genre", 1), std::string("Action|Comedy"));
    QCOMPARE(valueOf(d.value().items, "genre", 4), std::string());
    // The two ways give the same stored sets.
    auto oneHot = project();
    QVERIFY(runImport(mapping(), *oneHot).ok());
    auto other = oneHot->loadDataset();
    QVERIFY(other.ok());
    for (std::size_t r = 0; r < 5; ++r)
      QCOMPARE(valueOf(d.value().items, "genre", r), valueOf(other.value().items, "genre", r));
  }

  void oneHotNotZeroOrOne() {
    const auto items = write("id,A,B\n1,1,0\n2,yes,0\n3,0,1\n");
    auto m = withItems(items);
    SetAttribute set;
    set.name = "genre";
    set.oneHotColumns = {"A", "B"};
    m.items->setAttributes.push_back(set);
    auto report = runImport(m, *project());
    QVERIFY(report.ok());
    QCOMPARE(report.value().skippedCount(), std::int64_t{1});
    QCOMPARE(report.value().skipped.front().firstLines, (std::vector<std::int64_t>{3}));
    m.strict = true;
    auto strict = runImport(m, *project());
    QVERIFY(!strict.ok());
    QCOMPARE(strict.error().line, std::int64_t{3});
    QCOMPARE(strict.error().column, 2);
  }

  void quantileBins() {
    // Sorted ages 17 24 25 33 44 60 (n = 6): ranks 6/4 = 1, 12/4 = 3, 18/4 = 4 give edges 24, 33, 44.
    auto m = mapping();
    m.userBins = {AttributeBins{"age", {}, 4}};
    auto store = project();
    auto report = runImport(m, *store);
    QVERIFY(report.ok());
    QCOMPARE(report.value().bins[0].edges, (std::vector<double>{24, 33, 44}));
    auto d = store->loadDataset();
    QVERIFY(d.ok());
    const std::vector<std::string> groups = {"<24", "24\u201332", "24\u201332", "44+", "44+", "33\u201343"};
    for (std::size_t u = 0; u < groups.size(); ++u) QCOMPARE(valueOf(d.value().users, "age", u), groups[u]);
  }

  void binsNeedNumbers() {
    const auto users = write("10|17|F\n11|unknown|M\n12|30|F\n");
    auto m = mapping();
    m.users->path = users;
    m.users->format.names = {"id", "age", "gender"};
    auto report = runImport(m, *project());
    QVERIFY(report.ok());
    QCOMPARE(report.value().skippedCount(), std::int64_t{1});
    QCOMPARE(report.value().skipped.front().firstLines, (std::vector<std::int64_t>{2}));
    // An attribute the import does not have is a mapping error naming the ones it has.
    m.userBins = {AttributeBins{"height", {150, 180}, 0}};
    expectMappingError(runImport(m, *project()), "\"age\", \"gender\"");
  }

  void parseBinRules_data() {
    QTest::addColumn<QString>("rule");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("edges");
    QTest::addColumn<int>("quantiles");
    QTest::newRow("edges") << "age=18,25,35,45,56" << true << 5 << 0;
    QTest::newRow("quartiles") << "age=q4" << true << 0 << 4;
    QTest::newRow("fraction") << "income=0.5,10.25" << true << 2 << 0;
    QTest::newRow("not increasing") << "age=25,18" << false << 0 << 0;
    QTest::newRow("no name") << "=18" << false << 0 << 0;
    QTest::newRow("not a number") << "age=18,x" << false << 0 << 0;
    QTest::newRow("empty edge") << "age=18,,25" << false << 0 << 0;
    QTest::newRow("one quantile") << "age=q1" << false << 0 << 0;
  }
  void parseBinRules() {
    QFETCH(QString, rule);
    QFETCH(bool, ok);
    QFETCH(int, edges);
    QFETCH(int, quantiles);
    const auto bins = parseAttributeBins(rule.toStdString());
    QCOMPARE(bins.ok(), ok);
    if (!ok) return;
    QCOMPARE(static_cast<int>(bins.value().edges.size()), edges);
    QCOMPARE(bins.value().quantiles, quantiles);
  }

  void mappingKeys() {
    const auto m = mapping();
    QCOMPARE(m.interactions.format.delimiter, '\t');
    QCOMPARE(m.items->format.delimiter, '|');
    QCOMPARE(m.items->format.encoding, TextEncoding::Latin1);
    QCOMPARE(m.users->format.encoding, TextEncoding::Utf8);
    QVERIFY(!m.users->format.header);
    QCOMPARE(m.items->setAttributes.size(), std::size_t{1});
    QCOMPARE(m.items->setAttributes[0].oneHotColumns.size(), std::size_t{3});
  }
};

QTEST_GUILESS_MAIN(TestImportMovies)
#include "tst_importmovies.moc"
