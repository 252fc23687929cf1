#include <QtTest>

#include <random>

#include "engine/itemsearch.h"

using namespace reclens;

Q_DECLARE_METATYPE(std::vector<std::int32_t>)

namespace {

Catalog shopCatalog() {
  Catalog c;
  c.ids = {"A-100", "B-200", "tea-1", "C-300", "D-400", "E-500"};
  c.titles = {"Green Tea 500g", "Black coffee beans", "Teapot, cast iron",
              "Mint tea bags",  "Tennis racket",      "绿茶 Chinese green tea"};
  c.fields.emplace_back("category");
  for (const char* v : {"Drinks", "Drinks", "Kitchen", "Drinks", "Sport", "Drinks"})
    c.fields.back().append(v);
  c.fields.emplace_back("brand");
  for (const char* v : {"Acme", "Bolt", "Acme", "TeaCo", "Ace", ""}) c.fields.back().append(v);
  return c;
}

std::vector<std::int32_t> itemsOf(const ItemSearchResult& r) {
  std::vector<std::int32_t> out;
  for (const auto& h : r.hits) out.push_back(h.item);
  return out;
}

}  // namespace

class TestItemSearch : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void tokenizes() {
    QCOMPARE(ItemSearchIndex::tokenize("Green TEA, 500g green"),
             (std::vector<std::string>{"green", "tea", "500g"}));
    QCOMPARE(ItemSearchIndex::tokenize("  --  "), std::vector<std::string>{});
    QCOMPARE(ItemSearchIndex::tokenize("绿茶 Tea"), (std::vector<std::string>{"绿茶", "tea"}));
  }

  void ranks_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<std::vector<std::int32_t>>("expected");
    // An id token weighs more than a title token, a whole token more than a prefix, a title more than
    // an attribute; equal relevance goes to the more popular item.
    QTest::newRow("whole token first") << "tea" << std::vector<std::int32_t>{2, 0, 5, 3};
    QTest::newRow("case-insensitive prefix") << "TEAP" << std::vector<std::int32_t>{2};
    QTest::newRow("every token must match") << "green tea" << std::vector<std::int32_t>{0, 5};
    QTest::newRow("prefixes of two fields") << "dri gre" << std::vector<std::int32_t>{0, 5};
    QTest::newRow("brand") << "acme" << std::vector<std::int32_t>{0, 2};
    QTest::newRow("exact id first") << "tea-1" << std::vector<std::int32_t>{2, 0};
    QTest::newRow("id prefix") << "b-2" << std::vector<std::int32_t>{1};
    QTest::newRow("non-ASCII") << "绿茶" << std::vector<std::int32_t>{5};
    QTest::newRow("no match") << "zebra" << std::vector<std::int32_t>{};
    QTest::newRow("blank") << "  ,, " << std::vector<std::int32_t>{};
  }

  void ranks() {
    QFETCH(QString, query);
    QFETCH(std::vector<std::int32_t>, expected);
    // Item 0 is the most popular, then 5, 3, 2.
    const ItemSearchIndex index(shopCatalog(), {50, 1, 5, 10, 3, 20});
    const auto result = index.search(query.toStdString(), 10);
    QCOMPARE(itemsOf(result), expected);
    QCOMPARE(result.total, expected.size());
    for (std::size_t i = 1; i < result.hits.size(); ++i)
      QVERIFY(result.hits[i - 1].score >= result.hits[i].score);
  }

  void exactIdBeatsTitleMatches() {
    Catalog c;
    c.ids = {"x1", "tea"};
    c.titles = {"tea tea tea", "something else"};
    const ItemSearchIndex index(c);
    QCOMPARE(itemsOf(index.search("TEA", 10)), (std::vector<std::int32_t>{1, 0}));
  }

  void limitKeepsTheTotal() {
    const ItemSearchIndex index(shopCatalog());
    const auto result = index.search("drinks", 2);
    QCOMPARE(result.hits.size(), std::size_t(2));
    QCOMPARE(result.total, std::size_t(4));
    QCOMPARE(index.items(), std::size_t(6));
    QVERIFY(index.terms() > 10);
  }

  // 100k items with generated titles: a one-letter prefix (the widest query) and an id.
  void largeCatalog() {
    Catalog c;
    const std::vector<std::string> words = {"green",   "tea",   "coffee", "bean",  "mug",
                                            "cup",     "steel", "glass",  "black", "white",
                                            "organic", "pack",  "large",  "small", "gift"};
    std::mt19937 rng(3);
    std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
    const std::size_t n = 100000;
    c.fields.emplace_back("category");
    for (std::size_t i = 0; i < n; ++i) {
      c.ids.push_back("SKU" + std::to_string(i));
      c.titles.push_back(words[pick(rng)] + " " + words[pick(rng)] + " " + words[pick(rng)] + " " +
                         std::to_string(i % 977));
      c.fields.back().append("cat" + std::to_string(i % 40));
    }
    const ItemSearchIndex index(c);
    const auto result = index.search("g", 50);
    QVERIFY(result.total > 10000);
    QCOMPARE(result.hits.size(), std::size_t(50));
    QCOMPARE(itemsOf(index.search("sku12345", 5)), std::vector<std::int32_t>{12345});
    for (const auto& hit : result.hits) {
      const auto& title = c.titles[static_cast<std::size_t>(hit.item)];
      QVERIFY(title.find("green") != std::string::npos || title.find("glass") != std::string::npos ||
              title.find("gift") != std::string::npos);
    }
  }
};

QTEST_GUILESS_MAIN(TestItemSearch)
#include "tst_itemsearch.moc"
