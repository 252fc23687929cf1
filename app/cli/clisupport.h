#pragma once
#include <string>

#include "common/error.h"
#include "common/taskcontrol.h"

namespace reclens::cli {

// Exit codes of reclens-cli (documented in README.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,    // an internal failure
  kExitUsage = 2,      // bad command line
  kExitInput = 3,      // bad input data or mapping (parse, encoding, duplicate, empty)
  kExitIo = 4,         // file system or project file trouble
  kExitCancelled = 5,  // interrupted by the user
};

// Prints "reclens-cli: error: <message>" as one line on stderr and returns the matching exit code.
int reportError(const Error& error);
// Exit code for an error category.
int exitCodeFor(ErrorCode code);
// A TaskControl that prints throttled progress lines to stderr ("import: 42% reading interactions")
// unless `quiet`, and is cancelled by SIGINT/SIGTERM.
TaskControl terminalTaskControl(const std::string& command, bool quiet);

}  // namespace reclens::cli
