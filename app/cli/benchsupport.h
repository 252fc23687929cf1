#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/computedevice.h"
#include "engine/userprofile.h"
#include "model/modelcontract.h"

namespace reclens::cli {

// Shared plumbing of the `bench` subcommands: finding and running the Python baselines, and statistics.

// `s` quoted for /bin/sh.
std::string shellQuote(const std::string& s);
// Folder of the running executable.
std::filesystem::path executableDir();
// Standard output of `command` run by /bin/sh, or nothing when it cannot start or exits non-zero.
std::optional<std::string> captureOutput(const std::string& command);
// Runs a Python baseline `command` and returns the JSON object it printed, which must hold every one of
// `keys`. Otherwise returns nothing and says why in `why`: it did not run, printed no JSON (with the
// parser's message), or lacks a key.
std::optional<nlohmann::json> runBaselineJson(const std::string& command,
                                              const std::vector<std::string>& keys, std::string& why);
// A Python 3 that can `import <module>`: `given`, else $RECLENS_PYTHON, else /usr/bin/python3 (Debian's,
// which has python3-torch), else python3 on PATH. Empty when none can.
std::string findPython(const std::string& given, const std::string& module);
// A file shipped under resources/python: `given`, else beside the build tree or in the installed share
// folder.
std::string findPythonScript(const std::string& given, const std::string& fileName);
// Median and nearest-rank percentile (p in [0, 100]) of `values`; 0 when empty.
double median(std::vector<double> values);
double percentile(std::vector<double> values, double p);
// Peak resident memory of this process so far, in MiB.
double peakRssMiB();
// A seeded profile for `meta`: `history` distinct catalog rows with weights 1..3 and a random code per field.
UserProfile randomProfile(const ModelMetadata& meta, int history, std::uint64_t seed);
// The torch thread count in a CPU device description ("CPU (N threads)"); 0 when it names none.
int cpuThreads(const ComputeDevice& device);

}  // namespace reclens::cli
