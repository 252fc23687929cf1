#include <QTemporaryDir>
#include <QtTest>

#include <SQLiteCpp/Database.h>

#include <fstream>

#include "store/projectstore.h"

using namespace reclens;

class TestProjectStore : public QObject {
  Q_OBJECT

 private:
  static Dataset tinyDataset() {
    Dataset d;
    d.info.name = "tiny";
    d.info.source = "unit test";
    d.items.ids = {"A", "B", "C"};
    d.items.titles = {"Apple", "Banana", ""};
    d.items.prices = {1.5, std::nan(""), 3.0};
    d.items.firstSeen = {100, kNoTime, 300};
    d.items.fields.emplace_back("category");
    d.items.fields.back().append("fruit");
    d.items.fields.back().append("fruit");
    d.items.fields.back().append("");
    d.users.ids = {"u1", "u2"};
    d.users.fields.emplace_back("region");
    d.users.fields.back().append("North");
    d.users.fields.back().append("");
    const auto k = d.interactions.kindIndex("purchase");
    d.interactions.append(0, 0, 1000, 1.0f, k);
    d.interactions.append(0, 2, 1010, 2.0f, k);
    d.interactions.append(1, 1, 1020, 1.0f, k);
    return d;
  }

 private Q_SLOTS:
  void roundTripsADataset() {
    QTemporaryDir dir;
    const auto path = dir.filePath("p.reclens").toStdString();
    {
      auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
      QVERIFY2(store.ok(), store.ok() ? "" : store.error().message.c_str());
      QVERIFY(!store.value()->hasDataset());
      QVERIFY(store.value()->writeDataset(tinyDataset()).ok());
    }
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    auto d = store.value()->loadDataset();
    QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
    const auto& ds = d.value();
    QCOMPARE(ds.info.name, std::string("tiny"));
    QCOMPARE(ds.items.size(), std::size_t(3));
    QCOMPARE(ds.items.titles[0], std::string("Apple"));
    QVERIFY(std::isnan(ds.items.prices[1]));
    QCOMPARE(ds.items.firstSeen[1], kNoTime);
    QCOMPARE(ds.items.fields[0].valueAt(1), std::string("fruit"));
    QCOMPARE(ds.items.fields[0].codeAt(2), CategoricalField::kMissing);
    QCOMPARE(ds.users.fields[0].valueAt(0), std::string("North"));
    QCOMPARE(ds.interactions.size(), std::size_t(3));
    QCOMPARE(ds.interactions.weight[1], 2.0f);
    QCOMPARE(ds.interactions.kindNames, std::vector<std::string>{"purchase"});
  }

  void uncommittedWriterLeavesPreviousDataset() {
    QTemporaryDir dir;
    const auto path = dir.filePath("p.reclens").toStdString();
    auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(store.value()->writeDataset(tinyDataset()).ok());
    {
      auto writer = store.value()->beginDataset();
      QVERIFY(writer.ok());
      QVERIFY(writer.value()->addInteraction(0, 0, 1, 1.0f, 0).ok());
      // destroyed without commit
    }
    auto c = store.value()->counts();
    QVERIFY(c.ok());
    QCOMPARE(c.value().interactions, std::int64_t(3));
    QCOMPARE(c.value().items, std::int64_t(3));
  }

  void commitRejectsDanglingIndices() {
    QTemporaryDir dir;
    auto store = ProjectStore::open(dir.filePath("p.reclens").toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    auto writer = store.value()->beginDataset();
    QVERIFY(writer.ok());
    QVERIFY(writer.value()->addInteraction(5, 0, 1, 1.0f, 0).ok());
    Catalog items;
    items.ids = {"only"};
    UserTable users;
    users.ids = {"u"};
    auto st = writer.value()->commit({}, items, users, {"purchase"});
    QVERIFY(!st.ok());
  }

  void refusesFilesThatAreNotProjects_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("code");
    QTest::newRow("text") << QByteArray("user,item\n1,2\n") << int(ErrorCode::NotAProject);
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\x03garbage-garbage-garbage", 26)
                            << int(ErrorCode::NotAProject);
  }
  void refusesFilesThatAreNotProjects() {
    QFETCH(QByteArray, content);
    QFETCH(int, code);
    QTemporaryDir dir;
    const auto path = dir.filePath("bad.reclens");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    auto store = ProjectStore::open(path.toStdString(), ProjectStore::Mode::ReadWrite);
    QVERIFY(!store.ok());
    QCOMPARE(int(store.error().code), code);
    QVERIFY2(store.error().message.find("bad.reclens") != std::string::npos, store.error().message.c_str());
  }

  void refusesForeignSqliteDatabase() {
    QTemporaryDir dir;
    const auto path = dir.filePath("other.db").toStdString();
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      db.exec("CREATE TABLE t(x)");
    }
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::NotAProject);
  }

  void refusesNewerSchemaClearly() {
    QTemporaryDir dir;
    const auto path = dir.filePath("future.reclens").toStdString();
    QVERIFY(ProjectStore::open(path, ProjectStore::Mode::Create).ok());
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      db.exec("PRAGMA user_version = " + std::to_string(ProjectStore::kSchemaVersion + 1));
    }
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::NewerVersion);
    QVERIFY(store.error().message.find("newer RecLens") != std::string::npos);
  }

  void missingFileIsAnIoError() {
    auto store = ProjectStore::open("/nonexistent/dir/x.reclens", ProjectStore::Mode::ReadOnly);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::Io);
  }

  void metaValuesPersist() {
    QTemporaryDir dir;
    const auto path = dir.filePath("m.reclens").toStdString();
    {
      auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
      QVERIFY(store.value()->setMetaValue("k", "v").ok());
    }
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
    QCOMPARE(store.value()->metaValue("k").value(), std::string("v"));
    QCOMPARE(store.value()->metaValue("absent").value(), std::string());
  }

  void registersModelsNewestFirstAndReplacesByName() {
    QTemporaryDir dir;
    const auto path = dir.filePath("r.reclens").toStdString();
    auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    ProjectStore::ModelRecord a;
    a.name = "bpr-64";
    a.path = "r.bpr-64.pt";
    a.sha256 = "aa";
    a.contractVersion = 1;
    a.metadataJson = R"({"kind":"bpr"})";
    a.created = 100;
    auto b = a;
    b.name = "lightgcn-64";
    b.created = 200;
    QVERIFY(store.value()->registerModel(a).ok());
    QVERIFY(store.value()->registerModel(b).ok());
    a.sha256 = "bb";
    a.created = 300;
    QVERIFY(store.value()->registerModel(a).ok());  // same name: replaces the first record
    auto models = store.value()->models();
    QVERIFY(models.ok());
    QCOMPARE(models.value().size(), std::size_t(2));
    QCOMPARE(models.value()[0].name, std::string("bpr-64"));
    QCOMPARE(models.value()[0].sha256, std::string("bb"));
    QCOMPARE(models.value()[1].name, std::string("lightgcn-64"));
    QCOMPARE(models.value()[1].metadataJson, std::string(R"({"kind":"bpr"})"));
  }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "tst_projectstore.moc"
