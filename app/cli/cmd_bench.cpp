#include <CLI/CLI.hpp>

#include "commands.h"

namespace reclens::cli {

void addBenchCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub = app.add_subcommand("bench",
                                 "Benchmarks: each prints both sides' medians and the speed-up (baseline "
                                 "time / RecLens time, > 1: RecLens "
                                 "faster) against a baseline run in the same invocation");
  sub->require_subcommand(1);
  addBenchImportCommand(*sub, runner);
  addBenchScoreCommand(*sub, runner);
  addBenchExplainCommand(*sub, runner);
  addBenchAuditCommand(*sub, runner);
  addBenchWhatIfCommand(*sub, runner);
}

}  // namespace reclens::cli
