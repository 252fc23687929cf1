#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "data/categoricalfield.h"
#include "data/textencoding.h"

namespace reclens {

// How a delimited text file is laid out.
struct CsvFormat {
  char delimiter = ',';  // any single character; '\t' for TSV
  char quote = '"';
  bool header = true;  // first row holds column names (mappings refer to columns by name)
  // Without a header: the column names, in file order. When empty, the columns are named by their
  // 1-based position ("1", "2", ...). Without a header a mapping may always name a column by position.
  std::vector<std::string> names;
  TextEncoding encoding = TextEncoding::Utf8;  // converted to UTF-8 on read
};

enum class TimestampFormat {
  Auto,  // ISO-8601 ("2010-12-01 08:26:00", "2010-12-01T08:26:00Z", "2010-12-01") or Unix seconds
  Iso8601,
  UnixSeconds,
  RowOrder,  // no timestamp column: the row order within each user is the time (TimeUnit::Sequence)
};

// A rule that drops an interaction row on purpose (not an error), e.g. a cancelled invoice.
struct RowFilter {
  enum class Op {
    NotEmpty,      // keep rows whose column is not empty
    NotPrefix,     // keep rows whose column does not start with `value`
    MatchesRegex,  // keep rows whose column matches `value` (ECMAScript, whole field)
    GreaterThan,   // keep rows whose column parses as a number > `value`
  };
  std::string column;
  Op op = Op::NotEmpty;
  std::string value;
  std::string reason;  // shown in the report, e.g. "cancelled invoice"
};

// The interactions file: one row per (user, item, time) event.
struct InteractionsSource {
  std::string path;
  CsvFormat format;
  std::string userColumn;
  std::string itemColumn;
  std::string timestampColumn;  // empty with TimestampFormat::RowOrder
  TimestampFormat timestampFormat = TimestampFormat::Auto;
  std::string weightColumn;  // optional; weight 1 when empty
  std::string kindColumn;    // optional; `defaultKind` when empty
  std::string defaultKind = "interaction";
  // Item and user metadata carried on interaction rows (first non-empty value wins).
  std::string itemTitleColumn;
  std::string itemPriceColumn;
  std::string itemCategoryColumn;
  std::string itemBrandColumn;
  std::vector<std::string> userAttributeColumns;
  bool uppercaseItemIds = false;  // e.g. Online Retail stock codes appear as "85123a" and "85123A"
  std::vector<RowFilter> filters;
};

// A set-valued item attribute (an item in several genres), stored as its members sorted and joined by
// kSetSeparator: either 0/1 columns folded into one attribute (a column named in `oneHotColumns` that
// holds 1 adds its name), or one column holding a list separated by `separator`.
struct SetAttribute {
  std::string name;
  std::vector<std::string> oneHotColumns;
  std::string listColumn;
  char separator = '|';
};

// The optional items (catalog) file.
struct ItemsSource {
  std::string path;
  CsvFormat format;
  std::string idColumn;
  std::string titleColumn;
  std::string categoryColumn;
  std::string brandColumn;
  std::string priceColumn;
  std::string firstSeenColumn;
  std::vector<std::string> attributeColumns;  // extra categorical attributes
  std::vector<SetAttribute> setAttributes;    // set-valued attributes, after the extra ones
  bool uppercaseIds = false;
};

// The optional users file.
struct UsersSource {
  std::string path;
  CsvFormat format;
  std::string idColumn;
  std::vector<std::string> attributeColumns;  // empty: every other column
};

// A numeric user attribute turned into groups: "<e1", "e1–e2'", ..., "ek+" (data/attributebins.h).
struct AttributeBins {
  std::string attribute;      // a user attribute (from the users file or the interaction rows)
  std::vector<double> edges;  // ascending stated edges; or, when empty,
  int quantiles = 0;          // edges at the 1/q, ..., (q-1)/q quantiles of the users' values
};

// A whole import: which files, which columns, which rules.
struct ImportMapping {
  std::string datasetName;
  // "csv": the files above. "sequences": one line per user "user item item ..." separated by
  // whitespace, in time order (Amazon S3-Rec); the items file may then be a JSON object
  // {"item": [attribute ids]} given in `itemAttributesJsonPath`.
  std::string layout = "csv";
  InteractionsSource interactions;
  std::optional<ItemsSource> items;
  std::optional<UsersSource> users;
  std::string itemAttributesJsonPath;
  std::vector<AttributeBins> userBins;
  // Catalog items that never occur in the interactions are kept (cold items) unless false.
  bool keepItemsWithoutInteractions = true;
  bool strict = false;  // fail on the first bad row and write nothing
};

// Parses a binning rule "age=18,25,35" or "age=q4" (the --bins flag); the error says what is wrong.
Result<AttributeBins> parseAttributeBins(const std::string& text);

// Reads a mapping from a small JSON file (format documented in docs/import.md).
Result<ImportMapping> loadImportMapping(const std::string& jsonPath);
// Checks that required fields are set; errors name the missing field.
Status validateImportMapping(const ImportMapping& mapping);

}  // namespace reclens
