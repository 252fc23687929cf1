#include <CLI/CLI.hpp>

#include "clisupport.h"
#include "commands.h"

namespace reclens::cli {

void addEvaluateCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub = app.add_subcommand("evaluate", "(not built yet)");
  sub->callback([&runner] {
    runner = [] { return reportError(makeError(ErrorCode::Internal, "'evaluate' is not available in this build")); };
  });
}

}  // namespace reclens::cli
