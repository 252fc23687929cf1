#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "clisupport.h"
#include "commands.h"
#include "data/importer.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

struct ImportOptions {
  std::string project;
  std::string preset;
  std::string datasetDir;
  std::string mappingFile;
  std::string interactions;
  std::string userCol, itemCol, timeCol, weightCol, kindCol, timeFormat = "auto", delimiter = ",";
  std::string itemTitleCol, itemPriceCol, itemCategoryCol, itemBrandCol;
  std::vector<std::string> userAttrCols;
  std::string items, itemIdCol, itemsTitleCol, itemsCategoryCol, itemsBrandCol, itemsPriceCol;
  std::vector<std::string> itemsAttrCols;
  std::string users, userIdCol;
  std::vector<std::string> usersAttrCols;
  std::string name;
  bool strict = false;
  bool json = false;
  bool quiet = false;
};

Result<char> delimiterChar(const std::string& text) {
  if (text == "\\t" || text == "tab") return '\t';
  if (text.size() != 1)
    return makeError(ErrorCode::InvalidArgument, "--delimiter must be one character or \\t");
  return text[0];
}

// Builds the mapping from --preset, --mapping or the column flags.
Result<ImportMapping> mappingFrom(const ImportOptions& o) {
  const int sources =
      (o.preset.empty() ? 0 : 1) + (o.mappingFile.empty() ? 0 : 1) + (o.interactions.empty() ? 0 : 1);
  if (sources != 1) {
    return makeError(
        ErrorCode::InvalidArgument,
        "give exactly one of --preset NAME --dataset-dir DIR, --mapping FILE or --interactions FILE");
  }
  if (!o.preset.empty()) {
    if (o.datasetDir.empty())
      return makeError(ErrorCode::InvalidArgument, "--preset needs --dataset-dir DIR");
    auto m = presetMapping(o.preset, o.datasetDir);
    if (m) m.value().strict = m.value().strict || o.strict;
    return m;
  }
  if (!o.mappingFile.empty()) {
    auto m = loadImportMapping(o.mappingFile);
    if (m) m.value().strict = m.value().strict || o.strict;
    return m;
  }
  ImportMapping m;
  auto delim = delimiterChar(o.delimiter);
  if (!delim) return delim.error();
  auto& in = m.interactions;
  in.path = o.interactions;
  in.format.delimiter = delim.value();
  in.userColumn = o.userCol;
  in.itemColumn = o.itemCol;
  in.timestampColumn = o.timeCol;
  if (o.timeFormat == "iso8601") {
    in.timestampFormat = TimestampFormat::Iso8601;
  } else if (o.timeFormat == "unix") {
    in.timestampFormat = TimestampFormat::UnixSeconds;
  } else if (o.timeFormat == "row-order" || o.timeCol.empty()) {
    in.timestampFormat = TimestampFormat::RowOrder;
  }
  in.weightColumn = o.weightCol;
  in.kindColumn = o.kindCol;
  in.itemTitleColumn = o.itemTitleCol;
  in.itemPriceColumn = o.itemPriceCol;
  in.itemCategoryColumn = o.itemCategoryCol;
  in.itemBrandColumn = o.itemBrandCol;
  in.userAttributeColumns = o.userAttrCols;
  if (!o.items.empty()) {
    ItemsSource items;
    items.path = o.items;
    items.format.delimiter = delim.value();
    items.idColumn = o.itemIdCol;
    items.titleColumn = o.itemsTitleCol;
    items.categoryColumn = o.itemsCategoryCol;
    items.brandColumn = o.itemsBrandCol;
    items.priceColumn = o.itemsPriceCol;
    items.attributeColumns = o.itemsAttrCols;
    m.items = items;
  }
  if (!o.users.empty()) {
    UsersSource users;
    users.path = o.users;
    users.format.delimiter = delim.value();
    users.idColumn = o.userIdCol;
    users.attributeColumns = o.usersAttrCols;
    m.users = users;
  }
  m.datasetName = o.name.empty() ? o.interactions : o.name;
  m.strict = o.strict;
  if (auto st = validateImportMapping(m); !st) return st.error();
  return m;
}

void printIssues(const char* title, const std::vector<ImportReport::RowIssue>& issues) {
  if (issues.empty()) return;
  std::printf("\n%s\n", title);
  for (const auto& i : issues) {
    std::string lines;
    for (const auto l : i.firstLines) lines += (lines.empty() ? "" : ", ") + std::to_string(l);
    std::printf("  %10lld  %s (%s; first lines %s)\n", static_cast<long long>(i.count), i.reason.c_str(),
                i.file.c_str(), lines.c_str());
  }
}

void printTable(const ImportReport& r, const std::string& project) {
  std::printf("Imported into %s in %.2f s\n", project.c_str(), r.seconds);
  std::printf("  rows read          %12lld\n", static_cast<long long>(r.rowsRead));
  std::printf("  interactions       %12lld\n", static_cast<long long>(r.interactions));
  std::printf("  users              %12lld  (%lld without interactions)\n", static_cast<long long>(r.users),
              static_cast<long long>(r.usersWithoutInteractions));
  std::printf("  items              %12lld  (%lld without interactions)\n", static_cast<long long>(r.items),
              static_cast<long long>(r.itemsWithoutInteractions));
  std::printf("  rows skipped       %12lld\n", static_cast<long long>(r.skippedCount()));
  std::printf("  rows filtered out  %12lld\n", static_cast<long long>(r.filteredCount()));
  printIssues("Skipped (bad rows):", r.skipped);
  printIssues("Filtered out (by the mapping's rules):", r.filtered);
}

int runImportCommand(const ImportOptions& o) {
  auto mapping = mappingFrom(o);
  if (!mapping) return reportError(mapping.error());
  auto store = ProjectStore::open(o.project, ProjectStore::Mode::Create);
  if (!store) return reportError(store.error());
  const auto control = terminalTaskControl("import", o.quiet || o.json);
  auto report = runImport(mapping.value(), *store.value(), control);
  if (!report) return reportError(report.error());
  if (o.json) {
    auto j = nlohmann::json::parse(importReportJson(report.value()));
    j["project"] = o.project;
    std::cout << j.dump(2) << std::endl;
  } else {
    printTable(report.value(), o.project);
  }
  return kExitOk;
}

}  // namespace

void addImportCommand(CLI::App& app, CommandRunner& runner) {
  auto opts = std::make_shared<ImportOptions>();
  auto* sub = app.add_subcommand("import", "Import CSV/TSV files (or a known dataset) into a project");
  sub->add_option("--project", opts->project, "Project file (*.reclens); created when missing")->required();
  sub->add_option("--preset", opts->preset, "online-retail, complete-journey or amazon-beauty");
  sub->add_option("--dataset-dir", opts->datasetDir, "Folder holding the preset's files");
  sub->add_option("--mapping", opts->mappingFile, "JSON mapping file (see docs/import.md)");
  sub->add_option("--interactions", opts->interactions, "Interactions CSV/TSV file");
  sub->add_option("--user-col", opts->userCol, "Column of the user id");
  sub->add_option("--item-col", opts->itemCol, "Column of the item id");
  sub->add_option("--time-col", opts->timeCol, "Column of the timestamp (none: row order is the time)");
  sub->add_option("--time-format", opts->timeFormat, "auto, iso8601, unix or row-order")
      ->check(CLI::IsMember({"auto", "iso8601", "unix", "row-order"}))
      ->capture_default_str();
  sub->add_option("--weight-col", opts->weightCol, "Column of the weight (default 1)");
  sub->add_option("--kind-col", opts->kindCol, "Column of the interaction kind");
  sub->add_option("--delimiter", opts->delimiter,
                  "Field delimiter of every file (one character, \\t for TSV)");
  sub->add_option("--item-title-col", opts->itemTitleCol, "Interactions column with the item title");
  sub->add_option("--item-price-col", opts->itemPriceCol, "Interactions column with the item price");
  sub->add_option("--item-category-col", opts->itemCategoryCol, "Interactions column with the item category");
  sub->add_option("--item-brand-col", opts->itemBrandCol, "Interactions column with the item brand");
  sub->add_option("--user-attr-col", opts->userAttrCols,
                  "Interactions column with a user attribute (repeatable)");
  sub->add_option("--items", opts->items, "Items (catalog) file");
  sub->add_option("--item-id-col", opts->itemIdCol, "Items file: id column");
  sub->add_option("--items-title-col", opts->itemsTitleCol, "Items file: title column");
  sub->add_option("--items-category-col", opts->itemsCategoryCol, "Items file: category column");
  sub->add_option("--items-brand-col", opts->itemsBrandCol, "Items file: brand column");
  sub->add_option("--items-price-col", opts->itemsPriceCol, "Items file: price column");
  sub->add_option("--items-attr-col", opts->itemsAttrCols, "Items file: extra attribute column (repeatable)");
  sub->add_option("--users", opts->users, "Users file");
  sub->add_option("--user-id-col", opts->userIdCol, "Users file: id column");
  sub->add_option("--users-attr-col", opts->usersAttrCols,
                  "Users file: attribute column (repeatable; default all)");
  sub->add_option("--name", opts->name, "Dataset name shown in the project");
  sub->add_flag("--strict", opts->strict, "Fail on the first bad row and change nothing");
  sub->add_flag("--json", opts->json, "Print the report as JSON on stdout");
  sub->add_flag("--quiet", opts->quiet, "No progress lines on stderr");
  sub->callback([&runner, opts] { runner = [opts] { return runImportCommand(*opts); }; });
}

}  // namespace reclens::cli
