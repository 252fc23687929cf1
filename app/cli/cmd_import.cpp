#include <CLI/CLI.hpp>

#include "clisupport.h"
#include "commands.h"

namespace reclens::cli {

void addImportCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub = app.add_subcommand("import", "(not built yet)");
  sub->callback([&runner] {
    runner = [] { return reportError(makeError(ErrorCode::Internal, "'import' is not available in this build")); };
  });
}

}  // namespace reclens::cli
