#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "common/sha256.h"
#include "data/dataset.h"

using namespace reclens;

class TestSha256 : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Vectors from FIPS 180-4 examples and the NIST CAVP short/long message sets.
  void knownVectors_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("digest");
    QTest::newRow("empty") << QByteArray()
                           << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    QTest::newRow("abc") << QByteArray("abc")
                         << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    QTest::newRow("two blocks") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    QTest::newRow("million a") << QByteArray(1000000, 'a')
                               << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
  }
  void knownVectors() {
    QFETCH(QByteArray, input);
    QFETCH(QString, digest);
    QCOMPARE(
        QString::fromStdString(sha256Hex(std::string_view(input.constData(), std::size_t(input.size())))),
        digest);
  }

  void incrementalEqualsOneShot() {
    const std::string text = "The quick brown fox jumps over the lazy dog, again and again and again.";
    Sha256 h;
    for (char c : text) h.update(std::string_view(&c, 1));
    QCOMPARE(h.hexDigest(), sha256Hex(text));
  }

  void hashesFilesAndNamesMissingOnes() {
    QTemporaryDir dir;
    const auto path = dir.filePath("f.bin").toStdString();
    std::ofstream(path, std::ios::binary) << "abc";
    auto d = sha256File(path);
    QVERIFY(d.ok());
    QCOMPARE(d.value(), sha256Hex("abc"));
    auto missing = sha256File(dir.filePath("none").toStdString());
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.find("none") != std::string::npos);
  }

  void catalogFingerprintDependsOnIdsAndOrder() {
    Catalog a;
    a.ids = {"x", "y"};
    Catalog b;
    b.ids = {"y", "x"};
    Catalog c;
    c.ids = {"xy"};
    QCOMPARE(catalogFingerprint(a), sha256Hex("x\ny\n"));
    QVERIFY(catalogFingerprint(a) != catalogFingerprint(b));
    QVERIFY(catalogFingerprint(c) != catalogFingerprint(a));
  }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
