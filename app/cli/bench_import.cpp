#include <CLI/CLI.hpp>

#include "clisupport.h"
#include "commands.h"

namespace reclens::cli {

void addBenchImportCommand(CLI::App& bench, CommandRunner& runner) {
  auto* sub = bench.add_subcommand("import", "(not built yet)");
  sub->callback([&runner] {
    runner = [] { return reportError(makeError(ErrorCode::Internal, "'bench import' is not available in this build")); };
  });
}

}  // namespace reclens::cli
