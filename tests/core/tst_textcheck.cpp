// The control-character rule of imported text, checked against Qt's Unicode tables (category Cc is
// exactly C0, DEL and C1) over every code point up to U+07FF and a sample beyond.
#include <QtTest>

#include <string>

#include "data/textcheck.h"

using namespace reclens;

namespace {

std::string utf8(char32_t code) {
  return QString::fromUcs4(&code, 1).toStdString();
}

bool isControlByQt(char32_t code) {
  return QChar::category(code) == QChar::Other_Control;
}

}  // namespace

class TestTextCheck : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void agreesWithUnicodeCategoryCc() {
    int controls = 0;
    for (char32_t code = 0; code < 0x3000; ++code) {
      if (code >= 0x800 && code % 7 != 0) continue;  // every code point of one and two bytes, then a sample
      const std::string c = utf8(code);
      const std::string text = "id" + c + "x";
      const bool control = isControlByQt(code);
      controls += control ? 1 : 0;
      const auto label = firstForbiddenControl(text, TextRule::Label);
      QVERIFY2((label != std::string::npos) == control, qPrintable(QString::number(code, 16)));
      if (control) QCOMPARE(label, std::size_t{2});
      const bool whitespace = code == '\t' || code == '\n' || code == '\r';
      const auto free = firstForbiddenControl(text, TextRule::FreeText);
      QVERIFY2((free != std::string::npos) == (control && !whitespace),
               qPrintable(QString::number(code, 16)));
    }
    QCOMPARE(controls, 32 + 1 + 32);  // C0, DEL, C1
  }

  void findsTheFirstOne() {
    QCOMPARE(firstForbiddenControl("", TextRule::Label), std::string::npos);
    QCOMPARE(firstForbiddenControl(std::string("ab\x01"
                                               "c\x00",
                                               5),
                                   TextRule::Label),
             std::size_t{2});
    QCOMPARE(firstForbiddenControl("a\tb\x1B", TextRule::FreeText), std::size_t{3});
    QCOMPARE(firstForbiddenControl("a\tb\x1B", TextRule::Label), std::size_t{1});
    // A C2 byte cut off at the end is not a C1 control (the reader reports it as bad UTF-8).
    QCOMPARE(firstForbiddenControl("ab\xC2", TextRule::Label), std::string::npos);
    QCOMPARE(firstForbiddenControl("\xC2\xA0\xC2\x85", TextRule::Label), std::size_t{2});
  }

  void printableText_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("maxBytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QByteArray("i5") << 64 << "i5";
    QTest::newRow("NUL") << QByteArray(
                                "i\x00"
                                "5",
                                3)
                         << 64 << "i\\x005";
    QTest::newRow("ESC sequence") << QByteArray("\x1B[31mred") << 64 << "\\x1B[31mred";
    QTest::newRow("DEL and C1") << QByteArray(
                                       "a\x7F\xC2\x9B"
                                       "b")
                                << 64 << "a\\x7F\\u009Bb";
    QTest::newRow("backslash") << QByteArray("a\\x00") << 64 << "a\\\\x00";
    QTest::newRow("non-ASCII kept") << QByteArray("J\xC3\xBCrgen\xC2\xA0") << 64
                                    << QString::fromUtf8("Jürgen\u00A0");
    QTest::newRow("cut") << QByteArray("abcdef") << 4 << "abcd...";
  }

  void printableText() {
    QFETCH(QByteArray, text);
    QFETCH(int, maxBytes);
    QFETCH(QString, expected);
    const auto shown =
        reclens::printableText(std::string_view(text.constData(), static_cast<std::size_t>(text.size())),
                               static_cast<std::size_t>(maxBytes));
    QCOMPARE(QString::fromStdString(shown), expected);
    QCOMPARE(firstForbiddenControl(shown, TextRule::Label), std::string::npos);
  }

  void names() {
    QCOMPARE(controlCharacterName(std::string("\x00", 1), 0), std::string("NUL (\\x00)"));
    QCOMPARE(controlCharacterName("a\x1B", 1), std::string("ESC (\\x1B)"));
    QCOMPARE(controlCharacterName("\x1F", 0), std::string("US (\\x1F)"));
    QCOMPARE(controlCharacterName("\x7F", 0), std::string("DEL (\\x7F)"));
    QCOMPARE(controlCharacterName("x\xC2\x9B", 1), std::string("U+009B (\\u009B)"));
  }
};

QTEST_GUILESS_MAIN(TestTextCheck)
#include "tst_textcheck.moc"
