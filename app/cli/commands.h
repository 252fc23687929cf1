#pragma once
#include <functional>

namespace CLI {
class App;
}

namespace reclens::cli {

// Set by the parsed subcommand; main runs it and returns its exit code.
using CommandRunner = std::function<int()>;

// Each subcommand lives in its own file and registers itself here.
void addGenerateCommand(CLI::App& app, CommandRunner& runner);
void addImportCommand(CLI::App& app, CommandRunner& runner);
void addInfoCommand(CLI::App& app, CommandRunner& runner);
void addBenchCommand(CLI::App& app, CommandRunner& runner);

}  // namespace reclens::cli
