#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <fstream>

#include "data/importer.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {

ImportMapping basicMapping(const std::string& interactions) {
  ImportMapping m;
  m.datasetName = "test";
  m.interactions.path = interactions;
  m.interactions.userColumn = "user";
  m.interactions.itemColumn = "item";
  m.interactions.timestampColumn = "ts";
  m.interactions.itemTitleColumn = "title";
  return m;
}

const QByteArray kGoodRows = "user,item,ts,title\nu1,i1,2020-01-01,One\nu2,i2,2020-01-02,Two\n";

}  // namespace

class TestImporter : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  int m_files = 0;

  std::string write(const QByteArray& bytes, const char* suffix = ".csv") {
    const auto path =
        m_dir.filePath(QStringLiteral("f%1%2").arg(++m_files).arg(QLatin1String(suffix))).toStdString();
    std::ofstream(path, std::ios::binary).write(bytes.constData(), bytes.size());
    return path;
  }
  std::unique_ptr<ProjectStore> project(const std::string& name) {
    auto store = ProjectStore::open(m_dir.filePath(QString::fromStdString(name)).toStdString(),
                                    ProjectStore::Mode::Create);
    if (!store) qFatal("%s", store.error().message.c_str());
    return std::move(store).value();
  }
  // A project that already holds a good dataset (2 interactions, named "before").
  std::unique_ptr<ProjectStore> preparedProject(const std::string& name) {
    auto store = project(name);
    auto m = basicMapping(write(kGoodRows));
    m.datasetName = "before";
    auto r = runImport(m, *store);
    if (!r) qFatal("%s", r.error().message.c_str());
    return store;
  }
  static void verifyUnchanged(const ProjectStore& store) {
    auto c = store.counts();
    QVERIFY(c.ok());
    QCOMPARE(c.value().interactions, std::int64_t{2});
    QCOMPARE(c.value().items, std::int64_t{2});
    QCOMPARE(store.metaValue("dataset.name").value(), std::string("before"));
  }

 private Q_SLOTS:
  // The malformed-input matrix. `line`/`column` 0 means the error has none; `skippable` says whether the
  // default mode skips the row (and reports it) or fails like strict mode.
  void malformed_data() {
    QTest::addColumn<QByteArray>("interactions");
    QTest::addColumn<QByteArray>("items");
    QTest::addColumn<QByteArray>("users");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("skippable");
    QTest::addColumn<QString>("inFile");  // which file the error names: interactions, items or users
    const QByteArray none;
    QTest::newRow("ragged row") << kGoodRows + "u3,i3\n"
                                << none << none << "parse" << 4 << 3 << true << "interactions";
    QTest::newRow("too many fields") << kGoodRows + "u3,i3,2020-01-01,x,y\n"
                                     << none << none << "parse" << 4 << 5 << true << "interactions";
    QTest::newRow("unterminated quote") << kGoodRows + "u3,\"i3,2020-01-01,x\nu4,i4,2020-01-01,y\n"
                                        << none << none << "parse" << 4 << 2 << false << "interactions";
    QTest::newRow("text after quote") << kGoodRows + "u3,\"i3\"x,2020-01-01,t\n"
                                      << none << none << "parse" << 4 << 2 << true << "interactions";
    QTest::newRow("non-utf8") << kGoodRows + "u3,i3,2020-01-01,Caf\xE9\n"
                              << none << none << "encoding" << 4 << 4 << true << "interactions";
    QTest::newRow("empty file") << QByteArray() << none << none << "empty" << 0 << 0 << false
                                << "interactions";
    QTest::newRow("header only") << QByteArray("user,item,ts,title\n") << none << none << "empty" << 1 << 0
                                 << false << "interactions";
    QTest::newRow("missing mapped column") << QByteArray("user,product,ts,title\nu1,i1,2020-01-01,x\n")
                                           << none << none << "mapping" << 1 << 0 << false << "interactions";
    QTest::newRow("unparsable timestamp") << kGoodRows + "u3,i3,2020-13-01,x\n"
                                          << none << none << "parse" << 4 << 3 << true << "interactions";
    QTest::newRow("empty user id") << kGoodRows + ",i3,2020-01-01,x\n"
                                   << none << none << "parse" << 4 << 1 << true << "interactions";
    QTest::newRow("NUL in item id") << kGoodRows + QByteArray(
                                                       "u3,i\x00"
                                                       "3,2020-01-01,x\n",
                                                       20)
                                    << none << none << "parse" << 4 << 2 << true << "interactions";
    QTest::newRow("tab in user id") << kGoodRows + "\"u\t3\",i3,2020-01-01,x\n"
                                    << none << none << "parse" << 4 << 1 << true << "interactions";
    QTest::newRow("control in items title") << kGoodRows << QByteArray("id,name\ni1,a\ni2,b\x01\n") << none
                                            << "parse" << 3 << 2 << true << "items";
    QTest::newRow("duplicate item id") << kGoodRows << QByteArray("id,name\ni1,a\ni2,b\ni1,c\n") << none
                                       << "duplicate" << 4 << 1 << true << "items";
    QTest::newRow("duplicate user id") << kGoodRows << none << QByteArray("id,age\nu1,20\nu1,30\n")
                                       << "duplicate" << 3 << 1 << true << "users";
    QTest::newRow("items file header only")
        << kGoodRows << QByteArray("id,name\n") << none << "empty" << 1 << 0 << false << "items";
    QTest::newRow("every row bad") << QByteArray("user,item,ts,title\nu1,i1,never,x\n") << none << none
                                   << "parse" << 2 << 3 << true << "interactions";
  }
  void malformed() {
    QFETCH(QByteArray, interactions);
    QFETCH(QByteArray, items);
    QFETCH(QByteArray, users);
    QFETCH(QString, code);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(bool, skippable);
    QFETCH(QString, inFile);
    auto m = basicMapping(write(interactions));
    if (!items.isEmpty()) {
      m.items = ItemsSource{};
      m.items->path = write(items);
      m.items->idColumn = "id";
      m.items->titleColumn = "name";
    }
    if (!users.isEmpty()) {
      m.users = UsersSource{};
      m.users->path = write(users);
      m.users->idColumn = "id";
    }
    const std::string file = inFile == "items"   ? m.items->path
                             : inFile == "users" ? m.users->path
                                                 : m.interactions.path;
    QString where = QString::fromStdString(file);
    if (line > 0) where += QStringLiteral(":%1").arg(line);
    if (column > 0) where += QStringLiteral(":%1").arg(column);
    where += QStringLiteral(": ");

    for (const bool strict : {false, true}) {
      auto store = preparedProject("matrix-" + std::string(QTest::currentDataTag()) +
                                   (strict ? "-strict" : "") + ".reclens");
      m.strict = strict;
      auto report = runImport(m, *store);
      const bool allBad = QByteArray(QTest::currentDataTag()) == "every row bad";
      if (!strict && skippable) {
        if (allBad) {
          // Skipping the only row leaves nothing to import: an Empty error that counts the skipped row.
          QVERIFY(!report.ok());
          QCOMPARE(QString(errorCodeName(report.error().code)), QStringLiteral("empty"));
          QVERIFY2(QString::fromStdString(report.error().message).contains("1 rows skipped"),
                   report.error().message.c_str());
          verifyUnchanged(*store);
          continue;
        }
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
        QCOMPARE(report.value().skipped.size(), std::size_t{1});
        const auto& issue = report.value().skipped.front();
        QCOMPARE(QString(errorCodeName(issue.code)), code);
        QCOMPARE(issue.count, std::int64_t{1});
        QCOMPARE(issue.firstLines.front(), std::int64_t{line});
        QCOMPARE(QString::fromStdString(issue.file), QString::fromStdString(file));
        QVERIFY2(QString::fromStdString(issue.firstMessage).startsWith(where), issue.firstMessage.c_str());
        QCOMPARE(report.value().interactions, std::int64_t{2});
        continue;
      }
      QVERIFY2(!report.ok(), strict ? "strict mode accepted a bad row" : "bad input was accepted");
      QCOMPARE(QString(errorCodeName(report.error().code)), code);
      QCOMPARE(report.error().line, std::int64_t{line});
      QCOMPARE(report.error().column, column);
      QVERIFY2(QString::fromStdString(report.error().message).startsWith(where),
               report.error().message.c_str());
      verifyUnchanged(*store);
    }
  }

  void missingColumnNamesColumnsThatExist() {
    auto m = basicMapping(write("user,product,ts,title\nu1,i1,2020-01-01,x\n"));
    auto store = project("missing-column.reclens");
    auto report = runImport(m, *store);
    QVERIFY(!report.ok());
    const auto msg = QString::fromStdString(report.error().message);
    QVERIFY2(msg.contains("\"item\"") && msg.contains("\"product\"") && msg.contains("\"title\""),
             qPrintable(msg));
  }

  void oneMegabyteField() {
    const QByteArray big(1 << 20, 'q');
    auto m =
        basicMapping(write("user,item,ts,title\nu1,i1,2020-01-01,\"" + big + "\"\nu2,i1,2020-01-02,x\n"));
    for (const bool strict : {false, true}) {
      m.strict = strict;
      auto store = project(strict ? "big-strict.reclens" : "big.reclens");
      auto report = runImport(m, *store);
      QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
      auto data = store->loadDataset();
      QVERIFY(data.ok());
      QCOMPARE(data.value().items.titles.at(0).size(), std::size_t{1} << 20);
    }
  }

  void timestamps_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("iso space") << "2010-12-01 08:26:00" << qint64(1291191960);
    QTest::newRow("iso T Z") << "2010-12-01T08:26:00Z" << qint64(1291191960);
    QTest::newRow("iso offset") << "2010-12-01T09:26:00+01:00" << qint64(1291191960);
    QTest::newRow("iso negative offset") << "2010-12-01T03:26:00-0500" << qint64(1291191960);
    QTest::newRow("iso fraction") << "2010-12-01T08:26:00.750Z" << qint64(1291191960);
    QTest::newRow("iso minutes") << "2010-12-01T08:26" << qint64(1291191960);
    QTest::newRow("date only") << "2010-12-01" << qint64(1291161600);
    QTest::newRow("leap day") << "2012-02-29" << qint64(1330473600);
    QTest::newRow("unix") << "1291191960" << qint64(1291191960);
    QTest::newRow("before 1970") << "1969-12-31 23:59:59" << qint64(-1);
  }
  void timestamps() {
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    auto m = basicMapping(write("user,item,ts,title\nu1,i1," + text.toUtf8() + ",t\n"));
    m.strict = true;
    auto store = project("ts.reclens");
    auto report = runImport(m, *store);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    auto data = store->loadDataset();
    QVERIFY(data.ok());
    QCOMPARE(data.value().interactions.ts.at(0), std::int64_t{seconds});
  }

  void badTimestamps_data() {
    QTest::addColumn<QString>("text");
    for (const char* t :
         {"2011-02-29", "2010-12-01 24:00:00", "12/1/2010 8:26", "2010-12-01T08:26:00+25:00", "soon", ""}) {
      QTest::newRow(*t != '\0' ? t : "empty") << QString::fromLatin1(t);
    }
  }
  void badTimestamps() {
    QFETCH(QString, text);
    auto m = basicMapping(write(kGoodRows + "u1,i1," + text.toUtf8() + ",t\n"));
    m.strict = true;
    auto store = project("badts.reclens");
    auto report = runImport(m, *store);
    QVERIFY(!report.ok());
    QCOMPARE(report.error().code, ErrorCode::Parse);
    QCOMPARE(report.error().line, std::int64_t{4});
    QCOMPARE(report.error().column, 3);
  }

  void mappingFileAndRowOrderDetails() {
    auto m = loadImportMapping(RECLENS_TEST_DATA_DIR "/import/shop/mapping.json");
    QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
    QVERIFY(QString::fromStdString(m.value().interactions.path).endsWith("import/shop/events.csv"));
    auto store = project("shop.reclens");
    auto report = runImport(m.value(), *store);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    const auto& r = report.value();
    QCOMPARE(r.rowsRead, std::int64_t{5});
    QCOMPARE(r.interactions, std::int64_t{4});
    QCOMPARE(r.filteredCount(), std::int64_t{1});
    QCOMPARE(r.filtered.front().reason, std::string("test article"));
    QCOMPARE(r.filtered.front().firstLines.front(), std::int64_t{5});
    QCOMPARE(r.items, std::int64_t{3});  // A-1, A-2 and the unsold B-7
    QCOMPARE(r.itemsWithoutInteractions, std::int64_t{1});
    QCOMPARE(r.users, std::int64_t{4});  // c1..c3 and c9 from the users file
    auto d = store->loadDataset();
    QVERIFY(d.ok());
    const auto& items = d.value().items;
    QCOMPARE(items.ids, (std::vector<std::string>{"A-1", "A-2", "B-7"}));
    QCOMPARE(items.titles[0], std::string("Mug, large"));
    QCOMPARE(items.titles[1], std::string("The \"best\" plate"));
    QCOMPARE(items.prices[2], 19.99);
    QCOMPARE(items.fields[0].name(), std::string("category"));
    QCOMPARE(items.fields[1].name(), std::string("brand"));
    QCOMPARE(items.fields[2].name(), std::string("colour"));
    QCOMPARE(items.fields[2].valueAt(1), std::string());
    QCOMPARE(items.firstSeen[0], std::int64_t{1614592800});
    const auto& log = d.value().interactions;
    QCOMPARE(log.kindNames.size(), std::size_t{2});
    std::vector<std::int64_t> ts(log.ts.begin(), log.ts.end());
    std::sort(ts.begin(), ts.end());
    QCOMPARE(ts, (std::vector<std::int64_t>{1614592800, 1614596400, 1614600000, 1614682800}));
    const auto& users = d.value().users;
    const int age = users.fieldIndex("age");
    QVERIFY(age >= 0);
    QCOMPARE(users.fields[static_cast<std::size_t>(age)].valueAt(1), std::string());  // c2 has no age
    QCOMPARE(users.ids.back(), std::string("c9"));
  }

  void mappingErrors_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QByteArray("{") << "not valid JSON";
    QTest::newRow("unknown key") << QByteArray(R"({"interactions": {"path": "a.csv", "usr": "u"}})")
                                 << "\"usr\"";
    QTest::newRow("no user column")
        << QByteArray(R"({"interactions": {"path": "a.csv", "item": "i", "timestamp": "t"}})")
        << "interactions.user";
    QTest::newRow("bad op")
        << QByteArray(R"({"interactions": {"path": "a", "user": "u", "item": "i", "timestamp": "t",
                                              "filters": [{"column": "x", "op": "like"}]}})")
        << "filters[0]";
  }
  void mappingErrors() {
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const auto path = write(json, ".json");
    auto m = loadImportMapping(path);
    QVERIFY(!m.ok());
    QCOMPARE(m.error().code, ErrorCode::Mapping);
    const auto msg = QString::fromStdString(m.error().message);
    QVERIFY2(msg.contains(mentions) && msg.startsWith(QString::fromStdString(path)), qPrintable(msg));
  }

  void rowOrderLayout() {
    auto m = basicMapping(write("user\titem\nb\tx\na\ty\nb\tz\n"));
    m.interactions.format.delimiter = '\t';
    m.interactions.timestampColumn.clear();
    m.interactions.itemTitleColumn.clear();
    m.interactions.timestampFormat = TimestampFormat::RowOrder;
    auto store = project("roworder.reclens");
    auto report = runImport(m, *store);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    auto d = store->loadDataset();
    QVERIFY(d.ok());
    QCOMPARE(d.value().info.timeUnit, TimeUnit::Sequence);
    std::vector<std::int64_t> ts(d.value().interactions.ts.begin(), d.value().interactions.ts.end());
    std::sort(ts.begin(), ts.end());
    QCOMPARE(ts, (std::vector<std::int64_t>{0, 0, 1}));
  }

  void cancelLeavesProjectUnchanged() {
    QByteArray data("user,item,ts,title\n");
    for (int r = 0; r < 200000; ++r) {
      data += "u" + QByteArray::number(r % 997) + ",i" + QByteArray::number(r % 113) + "," +
              QByteArray::number(1600000000 + r) + ",t\n";
    }
    auto m = basicMapping(write(data));
    auto store = preparedProject("cancel.reclens");
    std::atomic<bool> cancel{false};
    TaskControl control;
    control.cancel = &cancel;
    int reports = 0;
    control.progress = [&](double, std::string_view) {
      if (++reports == 1) cancel.store(true);
    };
    auto report = runImport(m, *store, control);
    QVERIFY(!report.ok());
    QCOMPARE(report.error().code, ErrorCode::Cancelled);
    QVERIFY(reports >= 1);
    verifyUnchanged(*store);
  }
};

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
