#pragma once
// Reading JSON in tests: a key is read only after checking that it is there and of the expected type.
// QJsonValue::toDouble() and toInt() read a missing key, a null (Qt writes NaN and infinities as null)
// or a string as 0, which would let a broken output pass a check against 0 or "< tolerance".
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QtTest>

#include <cmath>
#include <cstdint>
#include <limits>

namespace reclens::test {

inline QString jsonTypeName(const QJsonValue& v) {
  switch (v.type()) {
    case QJsonValue::Null:
      return QStringLiteral("null");
    case QJsonValue::Bool:
      return QStringLiteral("a boolean");
    case QJsonValue::Double:
      return QStringLiteral("a number");
    case QJsonValue::String:
      return QStringLiteral("the string \"%1\"").arg(v.toString());
    case QJsonValue::Array:
      return QStringLiteral("an array");
    case QJsonValue::Object:
      return QStringLiteral("an object");
    case QJsonValue::Undefined:
      break;
  }
  return QStringLiteral("missing");
}

// The number at `key` of `o`. When the key is missing or not a number, records a test failure that
// names the key and returns NaN, which fails every comparison the caller makes with it.
inline double requireNumber(const QJsonObject& o, const QString& key, const char* file, int line) {
  const auto v = o.value(key);
  if (v.isDouble()) return v.toDouble();
  QTest::qFail(qPrintable(QStringLiteral("JSON key \"%1\" is %2, not a number").arg(key, jsonTypeName(v))),
               file, line);
  return std::numeric_limits<double>::quiet_NaN();
}

// The integer at `key` of `o`. When the key is missing, not a number or not a whole number, records a
// test failure naming the key and returns the smallest int64 (a value no check expects).
inline qint64 requireInteger(const QJsonObject& o, const QString& key, const char* file, int line) {
  const auto v = o.value(key);
  if (v.isDouble() && std::floor(v.toDouble()) == v.toDouble()) return v.toInteger();
  QTest::qFail(qPrintable(QStringLiteral("JSON key \"%1\" is %2, not an integer").arg(key, jsonTypeName(v))),
               file, line);
  return std::numeric_limits<qint64>::min();
}

// The number at position `i` of `a`, checked as requireNumber checks a key.
inline double requireNumberAt(const QJsonArray& a, qsizetype i, const char* file, int line) {
  const auto v = i >= 0 && i < a.size() ? a.at(i) : QJsonValue(QJsonValue::Undefined);
  if (v.isDouble()) return v.toDouble();
  QTest::qFail(
      qPrintable(QStringLiteral("JSON array entry %1 is %2, not a number").arg(i).arg(jsonTypeName(v))), file,
      line);
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace reclens::test

// requireNumber / requireInteger / requireNumberAt with the caller's file and line.
#define RECLENS_JSON_NUMBER(object, key) \
  ::reclens::test::requireNumber((object), QString(key), __FILE__, __LINE__)
#define RECLENS_JSON_INT(object, key) \
  ::reclens::test::requireInteger((object), QString(key), __FILE__, __LINE__)
#define RECLENS_JSON_NUMBER_AT(array, index) \
  ::reclens::test::requireNumberAt((array), (index), __FILE__, __LINE__)
