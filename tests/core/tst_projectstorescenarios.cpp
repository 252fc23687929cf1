#include <QTemporaryDir>
#include <QtTest>

#include <SQLiteCpp/Database.h>

#include "engine/whatifscenario.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {

Catalog threeItems() {
  Catalog c;
  c.ids = {"A", "B", "C"};
  c.titles = {"Apple", "Banana", "Cherry"};
  c.prices = {1.0, 2.0, 3.0};
  c.firstSeen = {kNoTime, kNoTime, kNoTime};
  return c;
}

ModelMetadata regionModel() {
  ModelMetadata m;
  m.numItems = 3;
  m.userFields = {{"region", {"North", "South"}}};
  return m;
}

ProjectStore::ScenarioRecord record(const std::string& name, const std::string& user,
                                    const std::string& spec) {
  ProjectStore::ScenarioRecord r;
  r.name = name;
  r.userRef = user;
  r.specJson = spec;
  r.created = 1700000000;
  return r;
}

}  // namespace

class TestProjectStoreScenarios : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void saveListReplaceDelete() {
    QTemporaryDir dir;
    const auto path = dir.filePath("p.reclens").toStdString();
    {
      auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
      QVERIFY(store.ok());
      auto& s = *store.value();
      QVERIFY(s.scenarios().value().empty());
      QVERIFY(s.saveScenario(record("no tea", "u1", "{\"a\":1}")).ok());
      QVERIFY(s.saveScenario(record("brand gone", "u1", "{\"b\":2}")).ok());
      QVERIFY(s.saveScenario(record("no tea", "u2", "{\"c\":3}")).ok());
      // The same name for the same user replaces the earlier scenario.
      QVERIFY(s.saveScenario(record("no tea", "u1", "{\"a\":4}")).ok());
      const auto empty = s.saveScenario(record("", "u1", "{}"));
      QVERIFY(!empty.ok());
      QCOMPARE(empty.error().code, ErrorCode::InvalidArgument);
    }
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
    QVERIFY(store.ok());
    auto& s = *store.value();
    const auto all = s.scenarios();
    QVERIFY(all.ok());
    QCOMPARE(all.value().size(), std::size_t(3));
    const auto mine = s.scenarios("u1").value();
    QCOMPARE(mine.size(), std::size_t(2));
    QCOMPARE(mine[0].name, std::string("brand gone"));
    QCOMPARE(mine[1].name, std::string("no tea"));
    QCOMPARE(mine[1].specJson, std::string("{\"a\":4}"));
    QCOMPARE(mine[1].userRef, std::string("u1"));
    QCOMPARE(mine[1].created, std::int64_t(1700000000));
    QVERIFY(s.deleteScenario(mine[0].id).ok());
    const auto again = s.deleteScenario(mine[0].id);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::NotFound);
    QCOMPARE(s.scenarios("u1").value().size(), std::size_t(1));
  }

  void aFileWithoutTheTableReadsEmpty() {
    QTemporaryDir dir;
    const auto path = dir.filePath("p.reclens").toStdString();
    QVERIFY(ProjectStore::open(path, ProjectStore::Mode::Create).ok());
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      db.exec("DROP TABLE scenarios");
    }
    auto store = ProjectStore::open(path, ProjectStore::Mode::ReadWrite);
    QVERIFY(store.ok());
    QVERIFY(store.value()->scenarios().value().empty());
    QVERIFY(store.value()->saveScenario(record("x", "u1", "{}")).ok());
    QCOMPARE(store.value()->scenarios("u1").value().size(), std::size_t(1));
  }

  void specRoundTrip() {
    const auto catalog = threeItems();
    const auto meta = regionModel();
    const std::vector<WhatIfEdit> edits = {WhatIfEdit::removeItem(0), WhatIfEdit::addItem(2, 2.5f),
                                           WhatIfEdit::setWeight(1, 0.25f), WhatIfEdit::setUserField(0, 1),
                                           WhatIfEdit::setUserField(0, -1)};
    const auto scenario = describeScenario(edits, {1}, {"Acme"}, catalog, meta);
    QCOMPARE(scenario.edits[0].item, std::string("A"));
    QCOMPARE(scenario.edits[3].value, std::string("South"));
    QCOMPARE(scenario.edits[4].value, std::string());
    const auto text = scenarioToJson(scenario);
    const auto back = scenarioFromJson(text);
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
    QCOMPARE(back.value().delistedItems, std::vector<std::string>{"B"});
    QCOMPARE(back.value().delistedBrands, std::vector<std::string>{"Acme"});
    const auto resolved = resolveScenarioEdits(back.value(), catalog, meta);
    QVERIFY(resolved.ok());
    QCOMPARE(resolved.value().size(), edits.size());
    for (std::size_t i = 0; i < edits.size(); ++i) {
      QCOMPARE(int(resolved.value()[i].kind), int(edits[i].kind));
      QCOMPARE(resolved.value()[i].item, edits[i].item);
      QCOMPARE(resolved.value()[i].field, edits[i].field);
      QCOMPARE(resolved.value()[i].code, edits[i].code);
      if (edits[i].kind == WhatIfEdit::Kind::AddItem || edits[i].kind == WhatIfEdit::Kind::SetWeight)
        QCOMPARE(resolved.value()[i].weight, edits[i].weight);
    }
    QCOMPARE(resolveDelistedItems(back.value(), catalog), std::vector<std::int32_t>{1});
  }

  void specErrors_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<int>("code");
    QTest::newRow("not json") << "{edits" << int(ErrorCode::Parse);
    QTest::newRow("no version") << R"({"edits":[]})" << int(ErrorCode::Parse);
    QTest::newRow("unknown kind") << R"({"version":1,"edits":[{"kind":"paint","item":"A"}]})"
                                  << int(ErrorCode::Parse);
    QTest::newRow("weight missing") << R"({"version":1,"edits":[{"kind":"add","item":"A"}]})"
                                    << int(ErrorCode::Parse);
    QTest::newRow("unknown item") << R"({"version":1,"edits":[{"kind":"remove","item":"Z"}]})"
                                  << int(ErrorCode::NotFound);
    QTest::newRow("unknown field") << R"({"version":1,"edits":[{"kind":"field","field":"age","value":"x"}]})"
                                   << int(ErrorCode::NotFound);
    QTest::newRow("unknown value")
        << R"({"version":1,"edits":[{"kind":"field","field":"region","value":"East"}]})"
        << int(ErrorCode::NotFound);
  }

  void specErrors() {
    QFETCH(QString, json);
    QFETCH(int, code);
    const auto scenario = scenarioFromJson(json.toStdString());
    if (!scenario.ok()) {
      QCOMPARE(int(scenario.error().code), code);
      return;
    }
    const auto resolved = resolveScenarioEdits(scenario.value(), threeItems(), regionModel());
    QVERIFY(!resolved.ok());
    QCOMPARE(int(resolved.error().code), code);
  }
};

QTEST_GUILESS_MAIN(TestProjectStoreScenarios)
#include "tst_projectstorescenarios.moc"
