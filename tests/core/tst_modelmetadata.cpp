// The metadata JSON of a model file is untrusted input: out-of-range numbers, duplicate fields and
// oversized text are refused with the key named, and no input crashes the parser.
#include <QtTest>

#include "model/modelfile.h"

using namespace reclens;

namespace {
// JSON written with single quotes, for readability (moc does not parse raw string literals).
QString q(const char* text) {
  return QString::fromLatin1(text).replace('\'', '"');
}
QString withKeys(const QString& keys) {
  return q("{'contract_version': 1, 'kind': 'bpr', 'catalog_fingerprint': 'ab', ") + keys + "}";
}
const QString kFields = q("'user_fields': [], 'item_parts': ['item']");
}  // namespace

class TestModelMetadata : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void acceptsAWellFormedDocument() {
    const auto meta =
        parseModelMetadata(withKeys(q("'dim': 64, 'num_items': 2147483647, 'user_fields': [{'name': "
                                      "'region', 'vocabulary': ['N']}], 'item_parts': ['item', 'category'], "
                                      "'train_time': {'first': -5, 'last': 9}, 'trained_by': 'x'"))
                               .toStdString());
    QVERIFY2(meta.ok(), meta.ok() ? "" : meta.error().message.c_str());
    QCOMPARE(meta.value().dim, 64);
    QCOMPARE(meta.value().numItems, std::int64_t(2147483647));
    QCOMPARE(meta.value().trainFirst, std::int64_t(-5));
    QCOMPARE(meta.value().itemParts.size(), std::size_t(2));
  }

  void refusesHostileValues_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("dim too large") << withKeys(q("'dim': 1000000, 'num_items': 3, ") + kFields)
                                   << "metadata key 'dim' must be at most 65536";
    QTest::newRow("dim wraps int") << withKeys(q("'dim': 4294967297, 'num_items': 3, ") + kFields)
                                   << "metadata key 'dim' must be at most 65536";
    QTest::newRow("num_items beyond int64")
        << withKeys(q("'dim': 4, 'num_items': 18446744073709551615, ") + kFields)
        << "metadata key 'num_items' must be at most 2147483647";
    QTest::newRow("zero items") << withKeys(q("'dim': 4, 'num_items': 0, ") + kFields)
                                << "metadata key 'num_items' must be positive";
    QTest::newRow("contract version beyond int")
        << q("{'contract_version': 9999999999, 'kind': 'bpr', 'catalog_fingerprint': 'ab', "
             "'dim': 4, 'num_items': 3, ") +
               kFields + "}"
        << "metadata key 'contract_version' must be at most 2147483647";
    QTest::newRow("duplicate field")
        << withKeys(q("'dim': 4, 'num_items': 3, 'item_parts': [], 'user_fields': [{'name': 'a', "
                      "'vocabulary': []}, {'name': 'a', 'vocabulary': []}]"))
        << "names the field 'a' twice";
    QTest::newRow("time backwards")
        << withKeys(q("'dim': 4, 'num_items': 3, 'train_time': {'first': 9, 'last': 1}, ") + kFields)
        << "'train_time' has 'first' after 'last'";
    QTest::newRow("time beyond int64")
        << withKeys(
               q("'dim': 4, 'num_items': 3, 'train_time': {'first': 1, 'last': 18446744073709551615}, ") +
               kFields)
        << "'train_time.last' is out of range";
    QTest::newRow("deep nesting") << QString(100000, '[') << "metadata() is not valid JSON";
    QTest::newRow("float dim") << withKeys(q("'dim': 4.5, 'num_items': 3, ") + kFields)
                               << "metadata key 'dim' must be an integer";
  }

  void refusesHostileValues() {
    QFETCH(QString, json);
    QFETCH(QString, message);
    const auto meta = parseModelMetadata(json.toStdString());
    QVERIFY(!meta.ok());
    QVERIFY2(QString::fromStdString(meta.error().message).contains(message), meta.error().message.c_str());
  }

  void refusesOversizedMetadata() {
    std::string text = "{\"kind\": \"";
    text.append(kMaxModelMetadataBytes, 'x');
    text += "\"}";
    const auto meta = parseModelMetadata(text);
    QVERIFY(!meta.ok());
    QVERIFY2(meta.error().message.find("more than the") != std::string::npos, meta.error().message.c_str());
  }
};

QTEST_GUILESS_MAIN(TestModelMetadata)
#include "tst_modelmetadata.moc"
