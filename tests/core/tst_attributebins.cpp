#include <QtTest>

#include "data/attributebins.h"
#include "data/categoricalfield.h"

using namespace reclens;

class TestAttributeBins : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void labels_data() {
    QTest::addColumn<std::vector<double>>("edges");
    QTest::addColumn<QStringList>("labels");
    QTest::newRow("ages") << std::vector<double>{18, 25, 35, 45, 56}
                          << QStringList{"<18",        "18\u201324", "25\u201334",
                                         "35\u201344", "45\u201355", "56+"};
    QTest::newRow("single years") << std::vector<double>{1, 2, 4} << QStringList{"<1", "1", "2\u20133", "4+"};
    QTest::newRow("fractions") << std::vector<double>{0.5, 2.25}
                               << QStringList{"<0.5", "[0.5, 2.25)", "2.25+"};
    QTest::newRow("one edge") << std::vector<double>{0} << QStringList{"<0", "0+"};
  }
  void labels() {
    QFETCH(std::vector<double>, edges);
    QFETCH(QStringList, labels);
    QStringList got;
    for (const auto& l : binLabels(edges)) got << QString::fromStdString(l);
    QCOMPARE(got, labels);
  }

  void groups() {
    const std::vector<double> edges = {18, 25};
    QCOMPARE(binOf(edges, 17.9), std::size_t{0});
    QCOMPARE(binOf(edges, 18), std::size_t{1});
    QCOMPARE(binOf(edges, 24.99), std::size_t{1});
    QCOMPARE(binOf(edges, 25), std::size_t{2});
    QCOMPARE(binOf(edges, -3), std::size_t{0});
  }

  void quantiles_data() {
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<int>("groups");
    QTest::addColumn<std::vector<double>>("edges");
    // Sorted 1..8, n = 8, q = 4: ranks 2, 4, 6 hold 3, 5, 7.
    QTest::newRow("eight") << std::vector<double>{8, 1, 7, 2, 6, 3, 5, 4} << 4
                           << std::vector<double>{3, 5, 7};
    // Ranks 1 and 2 of {1, 1, 1, 9}: 1 (the minimum, dropped) and 1 again: one edge at 9 (rank 3).
    QTest::newRow("ties") << std::vector<double>{1, 1, 1, 9} << 4 << std::vector<double>{9};
    QTest::newRow("all equal") << std::vector<double>{5, 5, 5} << 3 << std::vector<double>{};
    QTest::newRow("none") << std::vector<double>{} << 4 << std::vector<double>{};
  }
  void quantiles() {
    QFETCH(std::vector<double>, values);
    QFETCH(int, groups);
    QFETCH(std::vector<double>, edges);
    QCOMPARE(quantileEdges(values, groups), edges);
  }

  void numbers() {
    QCOMPARE(parseNumber("42"), std::optional<double>(42.0));
    QCOMPARE(parseNumber("+1.5"), std::optional<double>(1.5));
    QVERIFY(!parseNumber("").has_value());
    QVERIFY(!parseNumber("12a").has_value());
    QVERIFY(!parseNumber("nan").has_value());
  }

  void setMembersAndVocabulary() {
    QCOMPARE(setMembers("Action|Comedy", true).size(), std::size_t{2});
    QCOMPARE(setMembers("Action|Comedy", false).size(), std::size_t{1});
    QVERIFY(setMembers("", true).empty());
    QVERIFY(setHasMember("Action|Comedy", "Comedy"));
    QVERIFY(!setHasMember("Action|Comedy", "Com"));
    CategoricalField genre("genre");
    genre.setSetValued(true);
    for (const char* v : {"Comedy|Drama", "Action", "Action|Comedy", ""}) genre.append(v);
    QCOMPARE(memberVocabulary(genre), (std::vector<std::string>{"Action", "Comedy", "Drama"}));
    // The names of set-valued fields survive the round trip through their stored form.
    std::vector<CategoricalField> fields = {CategoricalField("category"), CategoricalField("genre")};
    markSetValuedFields(fields, setValuedFieldNames({CategoricalField("x"), genre}));
    QVERIFY(!fields[0].setValued());
    QVERIFY(fields[1].setValued());
  }
};

QTEST_GUILESS_MAIN(TestAttributeBins)
#include "tst_attributebins.moc"
