#include <CLI/CLI.hpp>

#include "clisupport.h"
#include "commands.h"

namespace reclens::cli {

void addGenerateCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub = app.add_subcommand("generate", "(not built yet)");
  sub->callback([&runner] {
    runner = [] { return reportError(makeError(ErrorCode::Internal, "'generate' is not available in this build")); };
  });
}

}  // namespace reclens::cli
