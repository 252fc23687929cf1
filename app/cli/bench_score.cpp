#include <CLI/CLI.hpp>

#include "clisupport.h"
#include "commands.h"

namespace reclens::cli {

void addBenchScoreCommand(CLI::App& bench, CommandRunner& runner) {
  auto* sub = bench.add_subcommand("score", "(not built yet)");
  sub->callback([&runner] {
    runner = [] { return reportError(makeError(ErrorCode::Internal, "'bench score' is not available in this build")); };
  });
}

}  // namespace reclens::cli
