// `reclens-cli bench import`: CSV -> project file throughput, against a Python csv + sqlite3 baseline.
#include <sys/resource.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "benchsupport.h"
#include "clisupport.h"
#include "commands.h"
#include "data/generator.h"
#include "data/importer.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct BenchImportArgs {
  std::int64_t rows = 10'000'000;
  std::string datasetDir;
  int repeat = 1;
  bool json = false;
  bool quiet = false;
};

// The Online Retail folder: --dataset-dir, else ../shared/datasets beside the current folder or the source
// tree.
std::string findRetail(const std::string& given) {
  std::error_code ec;
  if (!given.empty()) return given;
  const auto cwd = fs::current_path(ec);
  for (const auto& c :
       {cwd / "../shared/datasets/online-retail-2010", cwd / "../../shared/datasets/online-retail-2010",
        executableDir() / "../../../shared/datasets/online-retail-2010"}) {
    if (fs::is_directory(c, ec)) return c.lexically_normal().string();
  }
  return {};
}

struct Case {
  std::string name;
  std::int64_t rows = 0;
  double seconds = 0.0;  // median
  double rowsPerSecond = 0.0;
  std::optional<double> baselineRowsPerSecond;
  std::string note;
};

Result<Case> timeImport(const std::string& name, const ImportMapping& mapping, const fs::path& tmp,
                        int repeat) {
  Case c;
  c.name = name;
  std::vector<double> seconds;
  for (int r = 0; r < repeat; ++r) {
    const auto project = (tmp / (name + ".reclens")).string();
    std::error_code ec;
    fs::remove(project, ec);
    const auto start = std::chrono::steady_clock::now();
    auto store = ProjectStore::open(project, ProjectStore::Mode::Create);
    if (!store) return store.error();
    auto report = runImport(mapping, *store.value());
    if (!report) return report.error();
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    c.rows = report.value().rowsRead;
  }
  c.seconds = median(seconds);
  c.rowsPerSecond = c.seconds > 0 ? static_cast<double>(c.rows) / c.seconds : 0.0;
  return c;
}

void runBaseline(Case& c, const std::string& python, const std::string& script, const std::string& csv,
                 const std::string& userCol, const std::string& itemCol, const std::string& timeCol,
                 const fs::path& tmp) {
  if (python.empty() || script.empty()) {
    c.note = python.empty() ? "baseline skipped: no python3 found"
                            : "baseline skipped: bench_import_baseline.py not found";
    return;
  }
  const auto out = captureOutput(shellQuote(python) + " " + shellQuote(script) + " " + shellQuote(csv) + " " +
                                 shellQuote(userCol) + " " + shellQuote(itemCol) + " " + shellQuote(timeCol) +
                                 " " + shellQuote((tmp / "baseline.sqlite").string()));
  const auto j = out ? Json::parse(*out, nullptr, false) : Json();
  if (!out || j.is_discarded() || !j.contains("rows_per_second")) {
    c.note = "baseline failed: " + (out ? *out : std::string("could not start python"));
    return;
  }
  c.baselineRowsPerSecond = j["rows_per_second"].get<double>();
}

int runBenchImport(const BenchImportArgs& a) {
  if (a.rows < 1 || a.repeat < 1)
    return reportError(makeError(ErrorCode::InvalidArgument, "--rows and --repeat must be >= 1"));
  std::error_code ec;
  const auto tmp = fs::temp_directory_path(ec) / ("reclens-bench-import-" + std::to_string(getpid()));
  fs::create_directories(tmp, ec);
  if (ec) return reportError(makeError(ErrorCode::Io, "cannot create a temporary folder", tmp.string()));
  const std::string python = findPython({}, "csv, sqlite3");
  const std::string script = findPythonScript({}, "bench_import_baseline.py");
  std::vector<Case> cases;
  std::vector<std::string> lines;
  const auto cleanup = [&] { fs::remove_all(tmp, ec); };

  const auto retail = findRetail(a.datasetDir);
  if (retail.empty()) {
    lines.emplace_back(
        "online-retail: skipped (../shared/datasets/online-retail-2010 not found; use --dataset-dir)");
  } else {
    auto mapping = presetMapping("online-retail", retail);
    if (!mapping) return cleanup(), reportError(mapping.error());
    if (!a.quiet) std::fprintf(stderr, "bench import: online-retail x%d\n", a.repeat);
    auto c = timeImport("online-retail", mapping.value(), tmp, a.repeat);
    if (!c) return cleanup(), reportError(c.error());
    runBaseline(c.value(), python, script, mapping.value().interactions.path, "CustomerID", "StockCode",
                "InvoiceDate", tmp);
    cases.push_back(c.value());
  }

  GeneratorConfig config;
  config.interactions = a.rows;
  config.items = std::clamp<std::int64_t>(a.rows / 100, 1000, 100000);
  config.users = std::clamp<std::int64_t>(a.rows / 50, 500, 1000000);
  const auto dir = tmp / "synthetic";
  fs::create_directories(dir, ec);
  if (!a.quiet)
    std::fprintf(stderr, "bench import: generating %lld synthetic interactions\n",
                 static_cast<long long>(a.rows));
  auto generated = generateCsv(config, dir.string(), terminalTaskControl("generate", a.quiet));
  if (!generated) return cleanup(), reportError(generated.error());
  ImportMapping m;
  m.datasetName = "synthetic";
  m.interactions.path = (dir / "interactions.csv").string();
  m.interactions.userColumn = "user_id";
  m.interactions.itemColumn = "item_id";
  m.interactions.timestampColumn = "timestamp";
  m.interactions.kindColumn = "kind";
  m.interactions.weightColumn = "weight";
  m.items = ItemsSource{};
  m.items->path = (dir / "items.csv").string();
  m.items->idColumn = "item_id";
  m.items->titleColumn = "title";
  m.items->categoryColumn = "category";
  m.items->brandColumn = "brand";
  m.items->priceColumn = "price";
  m.items->firstSeenColumn = "first_seen";
  m.users = UsersSource{};
  m.users->path = (dir / "users.csv").string();
  m.users->idColumn = "user_id";
  if (!a.quiet) std::fprintf(stderr, "bench import: synthetic x%d\n", a.repeat);
  auto c = timeImport("synthetic", m, tmp, a.repeat);
  if (!c) return cleanup(), reportError(c.error());
  if (!a.quiet) std::fprintf(stderr, "bench import: Python baseline\n");
  runBaseline(c.value(), python, script, m.interactions.path, "user_id", "item_id", "timestamp", tmp);
  cases.push_back(c.value());
  cleanup();

  const double rss = peakRssMiB();
  if (a.json) {
    Json out = {
        {"benchmark", "import"}, {"repeat", a.repeat}, {"peak_rss_mib", rss}, {"cases", Json::array()}};
    for (const auto& k : cases) {
      Json j = {
          {"name", k.name}, {"rows", k.rows}, {"seconds", k.seconds}, {"rows_per_second", k.rowsPerSecond}};
      if (k.baselineRowsPerSecond) {
        j["baseline_rows_per_second"] = *k.baselineRowsPerSecond;
        j["ratio"] = k.rowsPerSecond / *k.baselineRowsPerSecond;
      }
      if (!k.note.empty()) j["note"] = k.note;
      out["cases"].push_back(j);
    }
    for (const auto& l : lines) out["notes"].push_back(l);
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  for (const auto& l : lines) std::printf("%s\n", l.c_str());
  std::printf("%-14s %12s %10s %14s %14s %8s\n", "case", "rows", "seconds", "rows/s", "python rows/s",
              "ratio");
  for (const auto& k : cases) {
    std::printf("%-14s %12lld %10.2f %14.0f", k.name.c_str(), static_cast<long long>(k.rows), k.seconds,
                k.rowsPerSecond);
    if (k.baselineRowsPerSecond) {
      std::printf(" %14.0f %7.1fx\n", *k.baselineRowsPerSecond, k.rowsPerSecond / *k.baselineRowsPerSecond);
    } else {
      std::printf(" %14s %8s  %s\n", "-", "-", k.note.c_str());
    }
  }
  std::printf("peak RSS %.0f MiB (median of %d runs; target >= 300000 rows/s)\n", rss, a.repeat);
  return kExitOk;
}

}  // namespace

void addBenchImportCommand(CLI::App& bench, CommandRunner& runner) {
  auto args = std::make_shared<BenchImportArgs>();
  auto* sub = bench.add_subcommand(
      "import", "CSV import throughput (Online Retail + synthetic CSV) vs Python csv+sqlite3");
  sub->add_option("--rows", args->rows, "Synthetic interactions to generate and import (default 10000000)");
  sub->add_option("--dataset-dir", args->datasetDir, "Folder of the Online Retail CSV");
  sub->add_option("--repeat", args->repeat, "Runs per case; the median is reported");
  sub->add_flag("--json", args->json, "Print JSON on stdout");
  sub->add_flag("--quiet", args->quiet, "No progress lines on stderr");
  sub->callback([&runner, args] { runner = [args] { return runBenchImport(*args); }; });
}

}  // namespace reclens::cli
