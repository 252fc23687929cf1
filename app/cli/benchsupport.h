#pragma once
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "engine/computedevice.h"
#include "engine/userprofile.h"
#include "explain/attribution.h"
#include "model/modelcontract.h"

namespace reclens::cli {

// Shared plumbing of the `bench` subcommands: finding and running the Python baselines, and statistics.

// `s` quoted for /bin/sh.
std::string shellQuote(const std::string& s);
// Folder of the running executable.
std::filesystem::path executableDir();
// Standard output of `command` run by /bin/sh, or nothing when it cannot start or exits non-zero.
std::optional<std::string> captureOutput(const std::string& command);
// What a key of a baseline's JSON must hold.
enum class JsonKind {
  Any,
  Number,  // a finite number
  String,
  Bool,
  Object,
  Array,
  NumberArray,  // a non-empty array of finite numbers (raw per-run times)
};
struct JsonKey {
  std::string name;
  JsonKind kind = JsonKind::Any;
};
// Whether `value` is of `kind` (a JSON null is of none but Any).
bool jsonIs(const nlohmann::json& value, JsonKind kind);
// Runs a Python baseline `command` and returns the JSON object it printed, which must hold every one of
// `keys` with the kind asked for. Otherwise returns nothing and says why in `why`: it did not run, printed
// no JSON object, lacks a key or holds something else there (a null included).
std::optional<nlohmann::json> runBaselineJson(const std::string& command, const std::vector<JsonKey>& keys,
                                              std::string& why);
// A Python 3 that can `import <module>`: `given`, else $RECLENS_PYTHON, else /usr/bin/python3 (Debian's,
// which has python3-torch), else python3 on PATH. Empty when none can.
std::string findPython(const std::string& given, const std::string& module);
// A file shipped under resources/python: `given`, else beside the build tree or in the installed share
// folder.
std::string findPythonScript(const std::string& given, const std::string& fileName);
// Writes `values` raw (little-endian, as in memory) to dir/name, an input file of a Python baseline.
template <class T>
Status writeRawArray(const std::string& dir, const std::string& name, const std::vector<T>& values) {
  const auto path = dir + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(values.data()),
            static_cast<std::streamsize>(values.size() * sizeof(T)));
  if (!out) return makeError(ErrorCode::Io, "cannot write the baseline input", path);
  return Status::success();
}

// "memory allocator (both sides): ..." -- the baselines inherit the allocator settings RecLens runs with
// (core/common/memoryallocator.h), so that neither side is timed with an allocator the other lacks.
std::string allocatorLine();

// Why a Python baseline will not run, or "" when it will: --no-baseline was given, no python3 that can
// import torch was found (`python` empty), or `scriptName` was not found (`script` empty).
std::string baselineSkipReason(bool noBaseline, const std::string& python, const std::string& script,
                               const std::string& scriptName);

// A scratch folder removed with everything in it when this goes out of scope (nothing when `path` is
// empty, e.g. a folder the user asked to keep).
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() = default;
  explicit ScratchDir(std::filesystem::path p) : path(std::move(p)) {}
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove_all(path, ignored);
  }
};

// Median and nearest-rank percentile (p in [0, 100]) of `values`; 0 when empty. The one percentile
// definition of every bench: both sides' statistics are computed here from their raw per-run times.
double median(std::vector<double> values);
double percentile(std::vector<double> values, double p);

// Median and p95 of raw per-run times, and the times themselves.
struct TimeSummary {
  double median = 0.0;
  double p95 = 0.0;
  std::vector<double> runs;
};
TimeSummary summarize(std::vector<double> runs);
// {"median": m, "p95": p, "runs": n} (times in the unit they came in).
nlohmann::json summaryJson(const TimeSummary& t);

// The ratio convention of every bench: speed-up = baseline time / RecLens time (for throughputs RecLens
// rate / baseline rate, the same way round), > 1 meaning RecLens is faster.
double speedupOfTimes(double baselineTime, double reclensTime);
double speedupOfRates(double reclensRate, double baselineRate);
// "speed-up ×12.3 (RecLens faster)", "speed-up ×0.81 (RecLens slower)"; "speed-up n/a" when not finite.
std::string speedupText(double speedup);

// Largest |RecLens − baseline| over every item and field of `attributions` ([K][fields], numbers, same
// order as Explanation::items[j].fields). Nothing, with `why`, when the shape differs or an entry is no
// number.
std::optional<double> maxAttributionDifference(const Explanation& e, const nlohmann::json& attributions,
                                               std::string& why);
// `value` as lists of catalog rows ([[int, ...], ...]); nothing when it is anything else.
std::optional<std::vector<std::vector<std::int32_t>>> rowLists(const nlohmann::json& value);

// Largest |attribution| of `e` (the scale a difference is judged against).
double maxAbsAttribution(const Explanation& e);
// Peak resident memory of this process so far, in MiB.
double peakRssMiB();
// A seeded profile for `meta`: `history` distinct catalog rows with weights 1..3 and a random code per field.
UserProfile randomProfile(const ModelMetadata& meta, int history, std::uint64_t seed);
// The torch thread count in a CPU device description ("CPU (N threads)"); 0 when it names none.
int cpuThreads(const ComputeDevice& device);

}  // namespace reclens::cli
