#include "benchsupport.h"

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>

#include "common/memoryallocator.h"

namespace reclens::cli {

namespace fs = std::filesystem;

std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (const char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

fs::path executableDir() {
  std::error_code ec;
  return fs::read_symlink("/proc/self/exe", ec).parent_path();
}

std::string allocatorLine() {
  return "memory allocator (both sides): " + memoryAllocatorDescription();
}

std::optional<std::string> captureOutput(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buf[4096];
  while (const auto n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  return pclose(pipe) == 0 ? std::optional<std::string>(out) : std::nullopt;
}

bool jsonIs(const nlohmann::json& value, JsonKind kind) {
  const auto finiteNumber = [](const nlohmann::json& v) {
    return v.is_number() && std::isfinite(v.get<double>());
  };
  switch (kind) {
    case JsonKind::Any:
      return true;
    case JsonKind::Number:
      return finiteNumber(value);
    case JsonKind::String:
      return value.is_string();
    case JsonKind::Bool:
      return value.is_boolean();
    case JsonKind::Object:
      return value.is_object();
    case JsonKind::Array:
      return value.is_array();
    case JsonKind::NumberArray:
      return value.is_array() && !value.empty() && std::all_of(value.begin(), value.end(), finiteNumber);
  }
  return false;
}

std::optional<nlohmann::json> runBaselineJson(const std::string& command, const std::vector<JsonKey>& keys,
                                              std::string& why) {
  const auto text = captureOutput(command);
  if (!text) {
    why = "the PyTorch baseline did not run or exited with an error";
    return std::nullopt;
  }
  auto json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    why = "the PyTorch baseline printed no JSON object";
    return std::nullopt;
  }
  for (const auto& key : keys) {
    if (!json.contains(key.name)) {
      why = "the PyTorch baseline's JSON has no \"" + key.name + "\"";
      return std::nullopt;
    }
    if (!jsonIs(json[key.name], key.kind)) {
      why = "the PyTorch baseline's \"" + key.name +
            "\" is not what was expected: " + json[key.name].dump().substr(0, 80);
      return std::nullopt;
    }
  }
  return json;
}

std::string findPython(const std::string& given, const std::string& module) {
  std::vector<std::string> candidates;
  if (!given.empty()) candidates.push_back(given);
  if (const char* env = std::getenv("RECLENS_PYTHON")) candidates.emplace_back(env);
  candidates.emplace_back("/usr/bin/python3");
  candidates.emplace_back("python3");
  for (const auto& c : candidates) {
    if (captureOutput(shellQuote(c) + " -c " + shellQuote("import " + module) + " 2>/dev/null")) return c;
  }
  return {};
}

std::string findPythonScript(const std::string& given, const std::string& fileName) {
  if (!given.empty()) return given;
  std::error_code ec;
  const auto exe = executableDir();
  for (const auto& candidate :
       {exe / "../../resources/python" / fileName, exe / "../share/reclens/python" / fileName}) {
    if (fs::is_regular_file(candidate, ec)) return candidate.lexically_normal().string();
  }
  return {};
}

double median(std::vector<double> values) {
  return percentile(std::move(values), 50.0);
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

TimeSummary summarize(std::vector<double> runs) {
  TimeSummary t;
  t.median = median(runs);
  t.p95 = percentile(runs, 95.0);
  t.runs = std::move(runs);
  return t;
}

nlohmann::json summaryJson(const TimeSummary& t) {
  return {{"median", t.median}, {"p95", t.p95}, {"runs", t.runs.size()}};
}

double speedupOfTimes(double baselineTime, double reclensTime) {
  return reclensTime > 0.0 ? baselineTime / reclensTime : NAN;
}

double speedupOfRates(double reclensRate, double baselineRate) {
  return baselineRate > 0.0 ? reclensRate / baselineRate : NAN;
}

std::string speedupText(double speedup) {
  if (!std::isfinite(speedup) || speedup <= 0.0) return "speed-up n/a";
  char buf[96];
  const char* direction = speedup > 1.0 ? "RecLens faster" : speedup < 1.0 ? "RecLens slower" : "as fast";
  std::snprintf(buf, sizeof buf, "speed-up \u00d7%.3g (%s)", speedup, direction);
  return buf;
}

std::optional<double> maxAttributionDifference(const Explanation& e, const nlohmann::json& attributions,
                                               std::string& why) {
  if (!attributions.is_array() || attributions.size() != e.items.size()) {
    why = "the baseline explains " + std::to_string(attributions.is_array() ? attributions.size() : 0) +
          " items, RecLens " + std::to_string(e.items.size());
    return std::nullopt;
  }
  double worst = 0.0;
  for (std::size_t j = 0; j < e.items.size(); ++j) {
    const auto& fields = e.items[j].fields;
    const auto& theirs = attributions[j];
    if (!theirs.is_array() || theirs.size() != fields.size()) {
      why = "item " + std::to_string(j) + ": the baseline has " +
            std::to_string(theirs.is_array() ? theirs.size() : 0) + " fields, RecLens " +
            std::to_string(fields.size());
      return std::nullopt;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (!jsonIs(theirs[i], JsonKind::Number)) {
        why = "item " + std::to_string(j) + " field " + std::to_string(i) + " of the baseline is " +
              theirs[i].dump();
        return std::nullopt;
      }
      worst = std::max(worst, std::abs(fields[i].attribution - theirs[i].get<double>()));
    }
  }
  return worst;
}

std::optional<std::vector<std::vector<std::int32_t>>> rowLists(const nlohmann::json& value) {
  if (!value.is_array()) return std::nullopt;
  std::vector<std::vector<std::int32_t>> out;
  for (const auto& list : value) {
    if (!list.is_array()) return std::nullopt;
    auto& rows = out.emplace_back();
    for (const auto& r : list) {
      if (!r.is_number_integer()) return std::nullopt;
      rows.push_back(r.get<std::int32_t>());
    }
  }
  return out;
}

double maxAbsAttribution(const Explanation& e) {
  double m = 0.0;
  for (const auto& item : e.items)
    for (const auto& f : item.fields) m = std::max(m, std::abs(f.attribution));
  return m;
}

double peakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

UserProfile randomProfile(const ModelMetadata& meta, int history, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::int32_t> rows(static_cast<std::size_t>(meta.numItems));
  std::iota(rows.begin(), rows.end(), 0);
  const auto l = std::min(rows.size(), static_cast<std::size_t>(history));
  for (std::size_t i = 0; i < l; ++i) {
    std::uniform_int_distribution<std::size_t> pick(i, rows.size() - 1);
    std::swap(rows[i], rows[pick(rng)]);
  }
  UserProfile p;
  p.items.assign(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(l));
  std::uniform_int_distribution<int> weight(1, 3);
  for (std::size_t i = 0; i < l; ++i) p.weights.push_back(static_cast<float>(weight(rng)));
  for (const auto& f : meta.userFields) {
    std::uniform_int_distribution<int> code(0, std::max(0, static_cast<int>(f.vocabulary.size()) - 1));
    p.fieldCodes.push_back(f.vocabulary.empty() ? -1 : code(rng));
  }
  return p;
}

int cpuThreads(const ComputeDevice& device) {
  int n = 0;
  if (device.kind == ComputeDevice::Kind::Cpu && std::sscanf(device.description.c_str(), "CPU (%d", &n) == 1)
    return n;
  return 0;
}

std::string baselineSkipReason(bool noBaseline, const std::string& python, const std::string& script,
                               const std::string& scriptName) {
  if (noBaseline) return "--no-baseline was given";
  if (python.empty()) return "no python3 that can import torch was found";
  if (script.empty()) return scriptName + " was not found (pass --script)";
  return {};
}

}  // namespace reclens::cli
