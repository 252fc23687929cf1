#include "services/modelvalidator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <algorithm>

namespace reclens {

namespace {

ErrorCode codeNamed(const QString& name) {
  for (const auto code : {ErrorCode::Io, ErrorCode::Parse, ErrorCode::Encoding, ErrorCode::Schema,
                          ErrorCode::NotFound, ErrorCode::InvalidArgument, ErrorCode::Internal}) {
    if (name == QLatin1String(errorCodeName(code))) return code;
  }
  return ErrorCode::Schema;
}

}  // namespace

ModelValidator::ModelValidator(QString cliPath, ModelValidationLimits limits)
    : m_cliPath(cliPath.isEmpty() ? defaultCliPath() : std::move(cliPath)), m_limits(limits) {}

QString ModelValidator::defaultCliPath() {
  const QString fromEnv = qEnvironmentVariable("RECLENS_CLI");
  if (!fromEnv.isEmpty()) return fromEnv;
  return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("reclens-cli"));
}

Status ModelValidator::validate(const QString& modelPath) const {
  const std::string path = modelPath.toStdString();
  const QFileInfo cli(m_cliPath);
  if (!cli.isFile() || !cli.isExecutable()) {
    return makeError(
        ErrorCode::Internal,
        "the model validator " + m_cliPath.toStdString() + " is missing, so the model is not loaded", path);
  }
  const auto sizeMb = static_cast<std::uint64_t>(std::max<qint64>(QFileInfo(modelPath).size(), 0) >> 20);
  const int timeoutMs =
      m_limits.timeoutMs > 0 ? m_limits.timeoutMs : 60000 + static_cast<int>(sizeMb / 20) * 1000;
  const std::uint64_t memoryMb =
      m_limits.maxMemoryMb > 0 ? m_limits.maxMemoryMb : std::max<std::uint64_t>(4096, 8 * sizeMb);

  QProcess child;
  child.setProgram(m_cliPath);
  child.setArguments({QStringLiteral("validate-model"), modelPath, QStringLiteral("--json"),
                      QStringLiteral("--max-memory-mb"), QString::number(memoryMb),
                      QStringLiteral("--max-cpu-seconds"),
                      QString::number(std::max(1, 2 * timeoutMs / 1000))});
  child.start();
  if (!child.waitForStarted(10000)) {
    return makeError(ErrorCode::Internal, "cannot start the model validator " + m_cliPath.toStdString(),
                     path);
  }
  if (!child.waitForFinished(timeoutMs)) {
    child.kill();
    child.waitForFinished(5000);
    return makeError(ErrorCode::Schema,
                     "the model's checks did not finish within " + std::to_string(timeoutMs / 1000) +
                         " s (the model may loop forever), so it is not loaded",
                     path);
  }
  if (child.exitStatus() == QProcess::CrashExit) {
    return makeError(ErrorCode::Schema,
                     "checking the model crashed the validator process, so it is not loaded", path);
  }
  const auto verdict = QJsonDocument::fromJson(child.readAllStandardOutput()).object();
  if (child.exitCode() == 0 && verdict.value(QStringLiteral("valid")).toBool()) return Status::success();
  if (verdict.contains(QStringLiteral("error"))) {
    // The child's message already starts with the file name.
    Error e;
    e.code = codeNamed(verdict.value(QStringLiteral("code")).toString());
    e.message = verdict.value(QStringLiteral("error")).toString().toStdString();
    e.file = path;
    return e;
  }
  const QString err =
      QString::fromUtf8(child.readAllStandardError()).trimmed().section(QLatin1Char('\n'), -1);
  return makeError(ErrorCode::Schema,
                   "the model validator failed (exit code " + std::to_string(child.exitCode()) + ")" +
                       (err.isEmpty() ? std::string() : ": " + err.toStdString()),
                   path);
}

}  // namespace reclens
