#include <CLI/CLI.hpp>

#include "commands.h"

namespace reclens::cli {

void addBenchCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub = app.add_subcommand(
      "bench",
      "Benchmarks against a baseline run in the same invocation: both sides' medians and the speed-up "
      "(baseline time / RecLens time, > 1: RecLens faster)");
  sub->require_subcommand(1);
  addBenchImportCommand(*sub, runner);
  addBenchScoreCommand(*sub, runner);
  addBenchExplainCommand(*sub, runner);
  addBenchAuditCommand(*sub, runner);
  addBenchWhatIfCommand(*sub, runner);
  addBenchStreamCommand(*sub, runner);
  addBenchSimulateCommand(*sub, runner);
}

}  // namespace reclens::cli
