#include <CLI/CLI.hpp>

#include "commands.h"

namespace reclens::cli {

void addBenchCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub = app.add_subcommand(
      "bench", "Benchmarks: each prints medians and the ratio against a baseline run in the same invocation");
  sub->require_subcommand(1);
  addBenchImportCommand(*sub, runner);
  addBenchScoreCommand(*sub, runner);
  addBenchExplainCommand(*sub, runner);
  addBenchAuditCommand(*sub, runner);
  addBenchWhatIfCommand(*sub, runner);
}

}  // namespace reclens::cli
