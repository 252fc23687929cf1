#include <CLI/CLI.hpp>

#include "clisupport.h"
#include "commands.h"

namespace reclens::cli {

void addRecommendCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub = app.add_subcommand("recommend", "(not built yet)");
  sub->callback([&runner] {
    runner = [] { return reportError(makeError(ErrorCode::Internal, "'recommend' is not available in this build")); };
  });
}

}  // namespace reclens::cli
