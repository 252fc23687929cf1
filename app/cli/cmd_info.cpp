#include <CLI/CLI.hpp>

#include "clisupport.h"
#include "commands.h"

namespace reclens::cli {

void addInfoCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub = app.add_subcommand("info", "(not built yet)");
  sub->callback([&runner] {
    runner = [] { return reportError(makeError(ErrorCode::Internal, "'info' is not available in this build")); };
  });
}

}  // namespace reclens::cli
