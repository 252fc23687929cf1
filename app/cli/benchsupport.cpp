#include "benchsupport.h"

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

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

std::optional<std::string> captureOutput(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buf[4096];
  while (const auto n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  return pclose(pipe) == 0 ? std::optional<std::string>(out) : std::nullopt;
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

double peakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

}  // namespace reclens::cli
