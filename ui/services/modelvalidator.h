#pragma once
#include <QString>

#include <cstdint>

#include "common/result.h"

namespace reclens {

// Caps on the child process that checks a model file.
struct ModelValidationLimits {
  int timeoutMs = 0;              // 0: 60 s plus 1 s per 20 MB of model file
  std::uint64_t maxMemoryMb = 0;  // 0: 4 GiB or 8x the file size, whichever is larger
};

// Checks a model file in a child process (`reclens-cli validate-model`) before the GUI loads it
// in-process. TorchScript is code: a hostile or broken file may crash LibTorch, loop or exhaust
// memory, and in the child that costs the child, never the GUI. The child runs under a memory cap
// and a CPU-time cap and is killed after a wall-clock timeout. Blocking: call it off the GUI thread.
class ModelValidator {
 public:
  // `cliPath` empty: defaultCliPath().
  explicit ModelValidator(QString cliPath = {}, ModelValidationLimits limits = {});

  // Success when the child found `modelPath` conforming; otherwise the child's one-line reason, or
  // why the child did not give one (missing validator, crash, timeout).
  Status validate(const QString& modelPath) const;

  // $RECLENS_CLI when set, else reclens-cli next to the running executable.
  static QString defaultCliPath();

 private:
  QString m_cliPath;
  ModelValidationLimits m_limits;
};

}  // namespace reclens
