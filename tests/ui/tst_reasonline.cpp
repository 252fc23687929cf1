#include <QtTest>

#include "explanation/reasonline.h"

using namespace reclens;

class TestReasonLine : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void buildsTheSentenceFromItsParts_data() {
    QTest::addColumn<QStringList>("history");
    QTest::addColumn<QString>("userField");
    QTest::addColumn<QString>("userValue");
    QTest::addColumn<QString>("itemPart");
    QTest::addColumn<QString>("itemPartValue");
    QTest::addColumn<QString>("text");
    QTest::newRow("nothing") << QStringList{} << QString() << QString() << QString() << QString()
                             << QStringLiteral("No single field raises the score of this recommendation.");
    QTest::newRow("one history item")
        << QStringList{QStringLiteral("Tea")} << QString() << QString() << QString() << QString()
        << QStringLiteral("Recommended because you interacted with “Tea”.");
    QTest::newRow("all parts")
        << QStringList{QStringLiteral("Tea"), QStringLiteral("Milk"), QStringLiteral("Jam")}
        << QStringLiteral("region") << QStringLiteral("North") << QStringLiteral("category")
        << QStringLiteral("Books")
        << QStringLiteral(
               "Recommended because you interacted with “Tea”, “Milk” and “Jam”, your region is North "
               "and its category is Books.");
    QTest::newRow("the item itself") << QStringList{} << QString() << QString() << QStringLiteral("item")
                                     << QStringLiteral("123")
                                     << QStringLiteral(
                                            "Recommended because the item itself fits your profile.");
    QTest::newRow("part without value") << QStringList{QStringLiteral("A"), QStringLiteral("B")} << QString()
                                        << QString() << QStringLiteral("brand") << QString()
                                        << QStringLiteral(
                                               "Recommended because you interacted with “A” and “B” "
                                               "and its brand fits your profile.");
  }

  void buildsTheSentenceFromItsParts() {
    QFETCH(QStringList, history);
    QFETCH(QString, userField);
    QFETCH(QString, userValue);
    QFETCH(QString, itemPart);
    QFETCH(QString, itemPartValue);
    QFETCH(QString, text);
    ReasonParts parts;
    for (const auto& title : history) parts.historyTitles.push_back(title.toStdString());
    parts.userField = userField.toStdString();
    parts.userValue = userValue.toStdString();
    parts.itemPart = itemPart.toStdString();
    parts.itemPartValue = itemPartValue.toStdString();
    parts.text = "core text that the GUI never shows";
    QCOMPARE(ReasonLine::text(parts), text);
    const QString brief = ReasonLine::brief(parts);
    if (history.isEmpty() && itemPart.isEmpty()) {
      QVERIFY(brief.isEmpty());
    } else {
      QVERIFY(brief.at(0).isUpper());
      QVERIFY(text.contains(brief.mid(1)));
    }
  }

  void joinsLists() {
    QCOMPARE(ReasonLine::joinList({}), QString());
    QCOMPARE(ReasonLine::joinList({QStringLiteral("a")}), QStringLiteral("a"));
    QCOMPARE(ReasonLine::joinList({QStringLiteral("a"), QStringLiteral("b")}), QStringLiteral("a and b"));
    QCOMPARE(ReasonLine::joinList(
                 {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}),
             QStringLiteral("a, b, c and d"));
  }
};

QTEST_GUILESS_MAIN(TestReasonLine)
#include "tst_reasonline.moc"
