#pragma once
// Runs reclens-cli (the build's RECLENS_CLI_PATH) for the command-line tests.
#include <QByteArray>
#include <QProcess>
#include <QStringList>

#include "jsoncheck.h"  // RECLENS_JSON_NUMBER and friends: JSON keys read only after a type check

namespace reclens::test {

struct CliRun {
  int exitCode = -1;  // -1 when the process crashed or did not finish within two minutes
  QByteArray out;
  QByteArray err;
};

inline CliRun runCli(const QStringList& args) {
  QProcess p;
  p.start(QStringLiteral(RECLENS_CLI_PATH), args);
  CliRun r;
  if (!p.waitForFinished(120000)) return r;
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = p.readAllStandardOutput();
  r.err = p.readAllStandardError();
  return r;
}

}  // namespace reclens::test
