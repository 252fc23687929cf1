#include <CLI/CLI.hpp>

#include "clisupport.h"
#include "commands.h"

namespace reclens::cli {

void addBenchCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub = app.add_subcommand("bench", "(not built yet)");
  sub->callback([&runner] {
    runner = [] { return reportError(makeError(ErrorCode::Internal, "'bench' is not available in this build")); };
  });
}

}  // namespace reclens::cli
