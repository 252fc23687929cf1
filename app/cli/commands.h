#pragma once
#include <functional>

namespace CLI {
class App;
}

namespace reclens::cli {

// Set by the parsed subcommand; main runs it and returns its exit code.
using CommandRunner = std::function<int()>;

// Each subcommand lives in its own file (cmd_<name>.cpp) and registers itself here.
void addGenerateCommand(CLI::App& app, CommandRunner& runner);
void addImportCommand(CLI::App& app, CommandRunner& runner);
void addInfoCommand(CLI::App& app, CommandRunner& runner);
void addTrainCommand(CLI::App& app, CommandRunner& runner);
void addRecommendCommand(CLI::App& app, CommandRunner& runner);
void addEvaluateCommand(CLI::App& app, CommandRunner& runner);
void addExplainCommand(CLI::App& app, CommandRunner& runner);
void addAuditCommand(CLI::App& app, CommandRunner& runner);
void addBenchCommand(CLI::App& app, CommandRunner& runner);
void addValidateModelCommand(CLI::App& app, CommandRunner& runner);
void addSimulateCommand(CLI::App& app, CommandRunner& runner);
void addStreamCommand(CLI::App& app, CommandRunner& runner);
void addCatalogCommand(CLI::App& app, CommandRunner& runner);
void addExportCommand(CLI::App& app, CommandRunner& runner);
void addModelsCommand(CLI::App& app, CommandRunner& runner);
void addMapCommand(CLI::App& app, CommandRunner& runner);

// `bench` has one subcommand per benchmark, each in its own file (bench_<name>.cpp).
void addBenchImportCommand(CLI::App& bench, CommandRunner& runner);
void addBenchScoreCommand(CLI::App& bench, CommandRunner& runner);
void addBenchExplainCommand(CLI::App& bench, CommandRunner& runner);
void addBenchAuditCommand(CLI::App& bench, CommandRunner& runner);
void addBenchWhatIfCommand(CLI::App& bench, CommandRunner& runner);
void addBenchStreamCommand(CLI::App& bench, CommandRunner& runner);
void addBenchSimulateCommand(CLI::App& bench, CommandRunner& runner);

}  // namespace reclens::cli
