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
#include <fstream>
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
  bool syntheticOnly = false;
  bool noBaseline = false;
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
  ImportReport report;
  TimeSummary seconds;
  double rowsPerSecond = 0.0;  // rows read / median seconds
  std::optional<Json>
      baseline;  // {"seconds": {...}, "rows_per_second", "rows", "interactions", "items", "users"}
  std::optional<bool> agree;  // the baseline wrote the same counts
  std::string note;
};

// The mapping as bench_import_baseline.py reads it: the same files, columns, filters and options.
Json mappingJson(const ImportMapping& m) {
  const auto& in = m.interactions;
  const auto format = [&] {
    switch (in.timestampFormat) {
      case TimestampFormat::Iso8601:
        return "iso8601";
      case TimestampFormat::UnixSeconds:
        return "unix";
      default:
        return "auto";
    }
  };
  Json filters = Json::array();
  for (const auto& f : in.filters) {
    const char* op = f.op == RowFilter::Op::NotEmpty       ? "not_empty"
                     : f.op == RowFilter::Op::NotPrefix    ? "not_prefix"
                     : f.op == RowFilter::Op::MatchesRegex ? "regex"
                                                           : "greater_than";
    filters.push_back({{"column", f.column}, {"op", op}, {"value", f.value}});
  }
  Json out = {{"interactions",
               {{"path", in.path},
                {"user", in.userColumn},
                {"item", in.itemColumn},
                {"time", in.timestampFormat == TimestampFormat::RowOrder ? "" : in.timestampColumn},
                {"time_format", format()},
                {"weight", in.weightColumn},
                {"kind", in.kindColumn},
                {"default_kind", in.defaultKind},
                {"item_title", in.itemTitleColumn},
                {"item_price", in.itemPriceColumn},
                {"item_category", in.itemCategoryColumn},
                {"item_brand", in.itemBrandColumn},
                {"user_attributes", in.userAttributeColumns},
                {"uppercase_item_ids", in.uppercaseItemIds},
                {"filters", filters}}},
              {"items", nullptr},
              {"users", nullptr}};
  if (m.items) {
    out["items"] = {{"path", m.items->path},
                    {"id", m.items->idColumn},
                    {"title", m.items->titleColumn},
                    {"category", m.items->categoryColumn},
                    {"brand", m.items->brandColumn},
                    {"price", m.items->priceColumn},
                    {"first_seen", m.items->firstSeenColumn},
                    {"attributes", m.items->attributeColumns},
                    {"uppercase_ids", m.items->uppercaseIds}};
  }
  if (m.users) {
    out["users"] = {
        {"path", m.users->path}, {"id", m.users->idColumn}, {"attributes", m.users->attributeColumns}};
  }
  return out;
}

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
    c.report = report.value();
  }
  c.seconds = summarize(std::move(seconds));
  c.rowsPerSecond = c.seconds.median > 0 ? static_cast<double>(c.report.rowsRead) / c.seconds.median : 0.0;
  return c;
}

// Runs the baseline on the same mapping `repeat` times and compares what it wrote with RecLens's report.
void runBaseline(Case& c, const std::string& python, const std::string& script, const ImportMapping& mapping,
                 int repeat, const fs::path& tmp) {
  if (python.empty() || script.empty()) {
    c.note = python.empty() ? "baseline skipped: no python3 found"
                            : "baseline skipped: bench_import_baseline.py not found";
    return;
  }
  const auto mappingPath = (tmp / (c.name + "-mapping.json")).string();
  {
    std::ofstream out(mappingPath);
    out << mappingJson(mapping).dump();
    if (!out) {
      c.note = "baseline skipped: cannot write " + mappingPath;
      return;
    }
  }
  std::string why;
  const auto j = runBaselineJson(
      shellQuote(python) + " " + shellQuote(script) + " " + shellQuote(mappingPath) + " " +
          shellQuote((tmp / "baseline.sqlite").string()) + " --repeat " + std::to_string(repeat),
      {{"times_s", JsonKind::NumberArray},
       {"rows", JsonKind::Number},
       {"interactions", JsonKind::Number},
       {"items", JsonKind::Number},
       {"users", JsonKind::Number}},
      why);
  if (!j) {
    c.note = "baseline failed: " + why;
    return;
  }
  const auto t = summarize((*j)["times_s"].get<std::vector<double>>());
  const auto rows = (*j)["rows"].get<std::int64_t>();
  c.baseline = Json{{"seconds", summaryJson(t)},
                    {"rows_per_second", t.median > 0 ? static_cast<double>(rows) / t.median : 0.0},
                    {"rows", rows},
                    {"interactions", (*j)["interactions"]},
                    {"items", (*j)["items"]},
                    {"users", (*j)["users"]}};
  const auto& r = c.report;
  c.agree = rows == r.rowsRead && (*j)["interactions"].get<std::int64_t>() == r.interactions &&
            (*j)["items"].get<std::int64_t>() == r.items && (*j)["users"].get<std::int64_t>() == r.users;
  if (!*c.agree) {
    c.note = "the baseline wrote other counts (rows, interactions, items, users): " + std::to_string(rows) +
             ", " + (*j)["interactions"].dump() + ", " + (*j)["items"].dump() + ", " + (*j)["users"].dump() +
             " against " + std::to_string(r.rowsRead) + ", " + std::to_string(r.interactions) + ", " +
             std::to_string(r.items) + ", " + std::to_string(r.users);
  }
}

int runBenchImport(const BenchImportArgs& a) {
  if (a.rows < 1 || a.repeat < 1)
    return reportError(makeError(ErrorCode::InvalidArgument, "--rows and --repeat must be >= 1"));
  std::error_code ec;
  const auto tmp = fs::temp_directory_path(ec) / ("reclens-bench-import-" + std::to_string(getpid()));
  fs::create_directories(tmp, ec);
  if (ec) return reportError(makeError(ErrorCode::Io, "cannot create a temporary folder", tmp.string()));
  const std::string python = a.noBaseline ? std::string() : findPython({}, "csv, sqlite3");
  const std::string script = findPythonScript({}, "bench_import_baseline.py");
  std::vector<Case> cases;
  std::vector<std::string> lines;
  const auto cleanup = [&] { fs::remove_all(tmp, ec); };

  const auto retail = a.syntheticOnly ? std::string() : findRetail(a.datasetDir);
  if (a.syntheticOnly) {
    lines.emplace_back("online-retail: skipped (--synthetic-only)");
  } else if (retail.empty()) {
    lines.emplace_back(
        "online-retail: skipped (../shared/datasets/online-retail-2010 not found; use --dataset-dir)");
  } else {
    auto mapping = presetMapping("online-retail", retail);
    if (!mapping) return cleanup(), reportError(mapping.error());
    if (!a.quiet) std::fprintf(stderr, "bench import: online-retail x%d\n", a.repeat);
    auto c = timeImport("online-retail", mapping.value(), tmp, a.repeat);
    if (!c) return cleanup(), reportError(c.error());
    if (!a.noBaseline) runBaseline(c.value(), python, script, mapping.value(), a.repeat, tmp);
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
  if (!a.quiet && !a.noBaseline) std::fprintf(stderr, "bench import: Python baseline\n");
  if (!a.noBaseline) runBaseline(c.value(), python, script, m, a.repeat, tmp);
  cases.push_back(c.value());
  cleanup();

  const double rss = peakRssMiB();
  if (a.json) {
    Json out = {
        {"benchmark", "import"}, {"repeat", a.repeat}, {"peak_rss_mib", rss}, {"cases", Json::array()}};
    for (const auto& k : cases) {
      Json j = {{"name", k.name},
                {"rows", k.report.rowsRead},
                {"interactions", k.report.interactions},
                {"items", k.report.items},
                {"users", k.report.users},
                {"seconds", summaryJson(k.seconds)},
                {"rows_per_second", k.rowsPerSecond}};
      if (k.baseline) {
        j["baseline"] = *k.baseline;
        j["speedup"] = speedupOfTimes((*k.baseline)["seconds"]["median"].get<double>(), k.seconds.median);
        j["agree"] = k.agree.value_or(false);
      }
      if (!k.note.empty()) j["note"] = k.note;
      out["cases"].push_back(j);
    }
    for (const auto& l : lines) out["notes"].push_back(l);
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  for (const auto& l : lines) std::printf("%s\n", l.c_str());
  std::printf("%-14s %12s %10s %14s %14s  %s\n", "case", "rows", "seconds", "rows/s", "python rows/s",
              "speed-up (python time / RecLens time)");
  for (const auto& k : cases) {
    std::printf("%-14s %12lld %10.2f %14.0f", k.name.c_str(), static_cast<long long>(k.report.rowsRead),
                k.seconds.median, k.rowsPerSecond);
    if (k.baseline) {
      const double pythonSeconds = (*k.baseline)["seconds"]["median"].get<double>();
      std::printf(" %14.0f  %s%s\n", (*k.baseline)["rows_per_second"].get<double>(),
                  speedupText(speedupOfTimes(pythonSeconds, k.seconds.median)).c_str(),
                  k.agree.value_or(false) ? "" : ("; " + k.note).c_str());
    } else {
      std::printf(" %14s  %s\n", "-", k.note.c_str());
    }
  }
  std::printf("peak RSS %.0f MiB (median of %d runs; target >= 300000 rows/s)\n", rss, a.repeat);
  return kExitOk;
}

}  // namespace

void addBenchImportCommand(CLI::App& bench, CommandRunner& runner) {
  auto args = std::make_shared<BenchImportArgs>();
  auto* sub = bench.add_subcommand(
      "import",
      "CSV import throughput (Online Retail + synthetic CSV) against the same import in Python csv+sqlite3");
  sub->add_option("--rows", args->rows, "Synthetic interactions to generate and import (default 10000000)");
  sub->add_option("--dataset-dir", args->datasetDir, "Folder of the Online Retail CSV");
  sub->add_option("--repeat", args->repeat, "Runs per case; the median is reported");
  sub->add_flag("--synthetic-only", args->syntheticOnly, "Skip the Online Retail case");
  sub->add_flag("--no-baseline", args->noBaseline, "Skip the Python baseline");
  sub->add_flag("--json", args->json, "Print JSON on stdout");
  sub->add_flag("--quiet", args->quiet, "No progress lines on stderr");
  sub->callback([&runner, args] { runner = [args] { return runBenchImport(*args); }; });
}

}  // namespace reclens::cli
