#include <QtTest>

#include <string>

#include "data/textencoding.h"

using namespace reclens;

namespace {

std::string convert(const std::string& in, TextEncoding encoding) {
  std::string out(in.size() * 3, '\0');
  out.resize(convertToUtf8(in.data(), in.size(), encoding, out.data()));
  return out;
}

}  // namespace

class TestTextEncoding : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void latin1EveryByte() {
    // Qt's own Latin-1 decoder is the reference.
    std::string all;
    for (int b = 1; b < 256; ++b) all.push_back(static_cast<char>(b));
    const auto utf8 = convert(all, TextEncoding::Latin1);
    QCOMPARE(QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size())),
             QString::fromLatin1(all.data(), static_cast<qsizetype>(all.size())));
  }

  void cp1252_data() {
    QTest::addColumn<int>("byte");
    QTest::addColumn<int>("codePoint");
    // From the Windows-1252 code chart: the 0x80-0x9F row differs from Latin-1.
    QTest::newRow("euro") << 0x80 << 0x20AC;
    QTest::newRow("low quote") << 0x82 << 0x201A;
    QTest::newRow("ellipsis") << 0x85 << 0x2026;
    QTest::newRow("left double quote") << 0x93 << 0x201C;
    QTest::newRow("right double quote") << 0x94 << 0x201D;
    QTest::newRow("en dash") << 0x96 << 0x2013;
    QTest::newRow("em dash") << 0x97 << 0x2014;
    QTest::newRow("trade mark") << 0x99 << 0x2122;
    QTest::newRow("Y diaeresis") << 0x9F << 0x0178;
    QTest::newRow("unassigned 0x81") << 0x81 << 0x81;
    QTest::newRow("unassigned 0x9D") << 0x9D << 0x9D;
    QTest::newRow("as Latin-1 above") << 0xE9 << 0xE9;
    QTest::newRow("ASCII") << 0x41 << 0x41;
  }
  void cp1252() {
    QFETCH(int, byte);
    QFETCH(int, codePoint);
    QCOMPARE(static_cast<int>(singleByteCodePoint(static_cast<unsigned char>(byte), TextEncoding::Cp1252)),
             codePoint);
    const auto utf8 = convert(std::string(1, static_cast<char>(byte)), TextEncoding::Cp1252);
    const auto text = QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
    QCOMPARE(text.size(), 1);
    QCOMPARE(static_cast<int>(text.at(0).unicode()), codePoint);
  }

  void names() {
    QCOMPARE(textEncodingFromName("latin1"), std::optional<TextEncoding>(TextEncoding::Latin1));
    QCOMPARE(textEncodingFromName("windows-1252"), std::optional<TextEncoding>(TextEncoding::Cp1252));
    QCOMPARE(textEncodingFromName("utf8"), std::optional<TextEncoding>(TextEncoding::Utf8));
    QVERIFY(!textEncodingFromName("ebcdic").has_value());
    QCOMPARE(std::string(textEncodingName(TextEncoding::Cp1252)), std::string("cp1252"));
  }
};

QTEST_GUILESS_MAIN(TestTextEncoding)
#include "tst_textencoding.moc"
