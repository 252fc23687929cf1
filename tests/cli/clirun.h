#pragma once
// Runs reclens-cli (the build's RECLENS_CLI_PATH) for the command-line tests.
#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QProcess>
#include <QStringList>

#include <limits>

#include "jsoncheck.h"  // RECLENS_JSON_NUMBER and friends: JSON keys read only after a type check

namespace reclens::test {

struct CliRun {
  int exitCode = -1;  // -1 when the process crashed or did not finish in time
  QByteArray out;
  QByteArray err;
};

// As runCli, with a time limit of `timeoutMs` instead of two minutes.
inline CliRun runCliWithin(const QStringList& args, int timeoutMs) {
  QProcess p;
  p.start(QStringLiteral(RECLENS_CLI_PATH), args);
  CliRun r;
  if (!p.waitForFinished(timeoutMs)) return r;
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = p.readAllStandardOutput();
  r.err = p.readAllStandardError();
  return r;
}

// The bytes of the file at `path`; empty when it cannot be read.
inline QByteArray fileBytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline CliRun runCli(const QStringList& args) {
  return runCliWithin(args, 120000);
}

// True when /usr/bin/python3 (or $RECLENS_PYTHON) can import `module` (the bench baselines need torch,
// which Debian's python3-torch provides).
inline bool pythonCanImport(const QString& module) {
  const QString python = qEnvironmentVariable("RECLENS_PYTHON", QStringLiteral("/usr/bin/python3"));
  QProcess p;
  p.start(python, {QStringLiteral("-c"), QStringLiteral("import ") + module});
  return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// The value at `path` ("a.b.0.c": object keys and array indexes) of `json`; Undefined when a step is
// missing, so that a test checks the type (isDouble, isBool, ...) before it reads the value and a JSON
// null or a missing key never reads as 0.
inline QJsonValue jsonAt(const QJsonObject& json, const QString& path) {
  QJsonValue v = json;
  for (const auto& step : path.split(QLatin1Char('.'))) {
    bool index = false;
    const int i = step.toInt(&index);
    if (index && v.isArray() && i >= 0 && i < v.toArray().size()) {
      v = v.toArray().at(i);
    } else if (!index && v.isObject() && v.toObject().contains(step)) {
      v = v.toObject().value(step);
    } else {
      return QJsonValue(QJsonValue::Undefined);
    }
  }
  return v;
}

// The number at `path`, or NaN when it is missing, null or not a number (NaN fails every comparison).
inline double jsonNumber(const QJsonObject& json, const QString& path) {
  const auto v = jsonAt(json, path);
  return v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

// The bytes of the file at `path` (empty when it cannot be read).
inline QByteArray readFile(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace reclens::test
