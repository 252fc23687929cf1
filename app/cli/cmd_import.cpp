#include <CLI/CLI.hpp>

#include <algorithm>
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
  // Per-file layout: empty per-file values fall back to the ones for every file.
  std::string itemsDelimiter, usersDelimiter;
  std::string encoding = "utf8", itemsEncoding, usersEncoding;
  bool noHeader = false;
  std::string columns, itemsColumns, usersColumns;
  std::vector<std::string> bins;
  std::vector<std::string> itemsOneHot, itemsList;
  std::string name;
  bool strict = false;
  bool json = false;
  bool quiet = false;
};

Result<char> delimiterChar(const std::string& text, const char* flag) {
  if (text == "\\t" || text == "tab") return '\t';
  if (text.size() != 1)
    return makeError(ErrorCode::InvalidArgument, std::string(flag) + " must be one character or \\t");
  return text[0];
}

std::vector<std::string> splitList(const std::string& text, char separator = ',') {
  std::vector<std::string> out;
  std::size_t p = 0;
  while (p <= text.size()) {
    const auto q = std::min(text.find(separator, p), text.size());
    out.push_back(text.substr(p, q - p));
    p = q + 1;
  }
  return out;
}

// The layout of one file: its delimiter and encoding (the per-file flag, else the one for every file),
// and, without a header row, the column names of `columns`.
Result<CsvFormat> formatOf(const ImportOptions& o, const std::string& delimiter, const char* delimiterFlag,
                           const std::string& encoding, const char* encodingFlag,
                           const std::string& columns) {
  CsvFormat format;
  auto delim =
      delimiter.empty() ? delimiterChar(o.delimiter, "--delimiter") : delimiterChar(delimiter, delimiterFlag);
  if (!delim) return delim.error();
  format.delimiter = delim.value();
  const auto& name = encoding.empty() ? o.encoding : encoding;
  const auto e = textEncodingFromName(name);
  if (!e) {
    return makeError(ErrorCode::InvalidArgument, std::string(encoding.empty() ? "--encoding" : encodingFlag) +
                                                     " must be utf8, latin1 or cp1252, not \"" + name + "\"");
  }
  format.encoding = *e;
  format.header = !o.noHeader && columns.empty();
  if (!columns.empty()) format.names = splitList(columns);
  return format;
}

// --items-one-hot NAME=COL,COL,... and --items-list NAME=COLUMN[:SEPARATOR].
Result<std::vector<SetAttribute>> setAttributes(const ImportOptions& o) {
  std::vector<SetAttribute> out;
  for (const auto* list : {&o.itemsOneHot, &o.itemsList}) {
    const bool oneHot = list == &o.itemsOneHot;
    for (const auto& text : *list) {
      const auto eq = text.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
        return makeError(ErrorCode::InvalidArgument,
                         std::string(oneHot ? "--items-one-hot wants NAME=COLUMN,COLUMN,..."
                                            : "--items-list wants NAME=COLUMN or NAME=COLUMN:SEPARATOR") +
                             ", not \"" + text + "\"");
      }
      SetAttribute a;
      a.name = text.substr(0, eq);
      const auto rest = text.substr(eq + 1);
      if (oneHot) {
        a.oneHotColumns = splitList(rest);
      } else {
        const auto colon = rest.rfind(':');
        a.listColumn = colon == std::string::npos ? rest : rest.substr(0, colon);
        if (colon != std::string::npos) {
          auto sep = delimiterChar(rest.substr(colon + 1), "the --items-list separator");
          if (!sep) return sep.error();
          a.separator = sep.value();
        }
      }
      out.push_back(std::move(a));
    }
  }
  return out;
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
  auto format = formatOf(o, {}, "--delimiter", {}, "--encoding", o.columns);
  if (!format) return format.error();
  auto& in = m.interactions;
  in.path = o.interactions;
  in.format = format.value();
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
    auto f = formatOf(o, o.itemsDelimiter, "--items-delimiter", o.itemsEncoding, "--items-encoding",
                      o.itemsColumns);
    if (!f) return f.error();
    items.format = f.value();
    auto sets = setAttributes(o);
    if (!sets) return sets.error();
    items.setAttributes = std::move(sets).value();
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
    auto f = formatOf(o, o.usersDelimiter, "--users-delimiter", o.usersEncoding, "--users-encoding",
                      o.usersColumns);
    if (!f) return f.error();
    users.format = f.value();
    users.idColumn = o.userIdCol;
    users.attributeColumns = o.usersAttrCols;
    m.users = users;
  }
  if (o.items.empty() && (!o.itemsOneHot.empty() || !o.itemsList.empty()))
    return makeError(ErrorCode::InvalidArgument, "--items-one-hot and --items-list need --items FILE");
  for (const auto& rule : o.bins) {
    auto b = parseAttributeBins(rule);
    if (!b) return b.error();
    m.userBins.push_back(std::move(b).value());
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
  // Rows lost to their encoding come first: they are the likely sign of a wrong --encoding.
  if (const auto headline = importEncodingHeadline(r); !headline.empty())
    std::printf("%s\n", headline.c_str());
  std::printf("Imported into %s in %.2f s\n", project.c_str(), r.seconds);
  std::printf("  rows read          %12lld\n", static_cast<long long>(r.rowsRead));
  std::printf("  interactions       %12lld\n", static_cast<long long>(r.interactions));
  std::printf("  users              %12lld  (%lld without interactions)\n", static_cast<long long>(r.users),
              static_cast<long long>(r.usersWithoutInteractions));
  std::printf("  items              %12lld  (%lld without interactions)\n", static_cast<long long>(r.items),
              static_cast<long long>(r.itemsWithoutInteractions));
  std::printf("  rows skipped       %12lld\n", static_cast<long long>(r.skippedCount()));
  std::printf("  rows filtered out  %12lld\n", static_cast<long long>(r.filteredCount()));
  for (const auto& b : r.bins) {
    std::string labels;
    for (const auto& l : b.labels) labels += (labels.empty() ? "" : ", ") + l;
    std::printf("  user attribute \"%s\" grouped: %s\n", b.attribute.c_str(), labels.c_str());
  }
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
  sub->add_option("--items-delimiter", opts->itemsDelimiter, "Items file: delimiter (default --delimiter)");
  sub->add_option("--users-delimiter", opts->usersDelimiter, "Users file: delimiter (default --delimiter)");
  sub->add_option("--encoding", opts->encoding, "Encoding of every file: utf8, latin1 or cp1252")
      ->capture_default_str();
  sub->add_option("--items-encoding", opts->itemsEncoding, "Items file: encoding (default --encoding)");
  sub->add_option("--users-encoding", opts->usersEncoding, "Users file: encoding (default --encoding)");
  sub->add_flag("--no-header", opts->noHeader,
                "The files have no header row: name columns by 1-based position (--user-col 1) "
                "or give names with --columns");
  sub->add_option("--columns", opts->columns,
                  "Interactions file has no header; its columns are named NAME,NAME,... in order");
  sub->add_option("--items-columns", opts->itemsColumns, "Items file has no header; its column names");
  sub->add_option("--users-columns", opts->usersColumns, "Users file has no header; its column names");
  sub->add_option("--bins", opts->bins,
                  "Group a numeric user attribute: age=18,25,35 (edges) or age=q4 (quartiles); repeatable");
  sub->add_option("--items-one-hot", opts->itemsOneHot,
                  "Items file: fold 0/1 columns into one set attribute, NAME=COL,COL,... (repeatable)");
  sub->add_option("--items-list", opts->itemsList,
                  "Items file: a column holding a list, NAME=COLUMN[:SEPARATOR] (default |; repeatable)");
  sub->add_option("--name", opts->name, "Dataset name shown in the project");
  sub->add_flag("--strict", opts->strict, "Fail on the first bad row and change nothing");
  sub->add_flag("--json", opts->json, "Print the report as JSON on stdout");
  sub->add_flag("--quiet", opts->quiet, "No progress lines on stderr");
  sub->callback([&runner, opts] { runner = [opts] { return runImportCommand(*opts); }; });
}

}  // namespace reclens::cli
