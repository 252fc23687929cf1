// reclens-cli: the headless command line. Thin: each subcommand parses its options and calls core.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands.h"
#include "common/memoryallocator.h"

int main(int argc, char** argv) {
  reclens::tuneMemoryAllocator();  // before any thread starts
  CLI::App app{
      "RecLens command line: generate, import, train, recommend, evaluate, explain, audit and benchmark",
      "reclens-cli"};
  app.set_version_flag("--version", std::string("reclens-cli ") + RECLENS_VERSION);
  app.require_subcommand(1);
  reclens::cli::CommandRunner runner;
  reclens::cli::addGenerateCommand(app, runner);
  reclens::cli::addImportCommand(app, runner);
  reclens::cli::addInfoCommand(app, runner);
  reclens::cli::addTrainCommand(app, runner);
  reclens::cli::addRecommendCommand(app, runner);
  reclens::cli::addEvaluateCommand(app, runner);
  reclens::cli::addExplainCommand(app, runner);
  reclens::cli::addAuditCommand(app, runner);
  reclens::cli::addBenchCommand(app, runner);
  reclens::cli::addValidateModelCommand(app, runner);
  reclens::cli::addSimulateCommand(app, runner);
  reclens::cli::addStreamCommand(app, runner);
  reclens::cli::addCatalogCommand(app, runner);
  reclens::cli::addExportCommand(app, runner);
  reclens::cli::addModelsCommand(app, runner);
  reclens::cli::addMapCommand(app, runner);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "reclens-cli: error: " << e.what() << " (see reclens-cli --help)" << std::endl;
    return 2;
  }
  return runner ? runner() : 2;
}
