#include <CLI/CLI.hpp>

#include "clisupport.h"
#include "commands.h"

namespace reclens::cli {

void addTrainCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub = app.add_subcommand("train", "(not built yet)");
  sub->callback([&runner] {
    runner = [] { return reportError(makeError(ErrorCode::Internal, "'train' is not available in this build")); };
  });
}

}  // namespace reclens::cli
