#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "data/importer.h"
#include "data/textcheck.h"

namespace reclens {

class CsvReader;
class DatasetWriter;

// One run of runImport(): stages the optional items and users files, streams the interactions into a
// DatasetWriter, then builds the catalog and user table and commits. Not part of the public API.
class ImportRun {
 public:
  ImportRun(const ImportMapping& mapping, const TaskControl& control);
  // Runs the whole import; the project changes only when this returns a report.
  Result<ImportReport> run(ProjectStore& store);

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  using IdMap = std::unordered_map<std::string, std::int32_t, StringHash, std::equal_to<>>;

  // Attributes read from an items or users file (or the item attribute JSON), by row of that file.
  struct Staged {
    IdMap rowOf;
    std::vector<std::string> ids;
    std::vector<std::string> titles;
    std::vector<double> prices;
    std::vector<std::int64_t> firstSeen;
    std::vector<CategoricalField> fields;
  };
  // A compiled row filter with its column resolved.
  struct Filter {
    RowFilter rule;
    int column = -1;
    double threshold = 0.0;
    std::regex regex;
    std::unordered_map<std::string, bool, StringHash, std::equal_to<>> memo;
  };

  // A cell of each row checked for control characters: its column, the rule and what it holds, as the
  // messages name it ("user id", "item title", "\"Country\" value").
  struct TextColumn {
    int index = -1;
    TextRule rule = TextRule::Label;
    std::string what;
  };

  Status openReader(const std::string& path, const CsvFormat& format, std::unique_ptr<CsvReader>& out);
  // The Empty error of a file with no data rows (after its header, when it has one).
  static Error noDataRows(const CsvReader& reader);
  Result<int> column(const CsvReader& reader, const std::string& name, const char* role) const;
  Status readItemsFile();
  Status readUsersFile();
  Status readItemAttributesJson();
  Status readInteractionsCsv(DatasetWriter& writer);
  Status readSequences(DatasetWriter& writer);
  Status prepareFilters(const CsvReader& reader);
  // Applies the filters; returns the failing filter or nullptr.
  Result<const Filter*> failingFilter(const CsvReader& reader);
  // Records a bad row; fails (strict) or skips it.
  Status badRow(const Error& error, const std::string& reason);
  void filteredRow(const std::string& file, const std::string& reason, std::int64_t line);
  // True when the current row's `columns` hold no forbidden control character; otherwise the row is a
  // bad row (false: skipped; the error in strict mode) naming file, line, column and the character.
  Result<bool> cleanText(const CsvReader& reader, const std::vector<TextColumn>& columns);
  // The error of a cell `text` of `what` ("user id") with the control character at byte `at`.
  static Error controlCharacterError(const std::string& what, std::string_view text, std::size_t at,
                                     TextRule rule, const std::string& file, std::int64_t line, int column);
  Status tick(const CsvReader& reader, std::int64_t rows, const char* stage);
  // Advances `reader` to its next well-formed row: true there, false at the end of the file. Rows with
  // broken UTF-8 or quoting and ragged rows go to badRow (skipped, or the error in strict mode).
  // `rows` counts the parsed rows (ragged ones included); `everyRow`, when given, counts bad rows too.
  Result<bool> nextRow(CsvReader& reader, std::int64_t& rows, const char* stage,
                       std::int64_t* everyRow = nullptr);
  std::int32_t userIndex(std::string_view id);
  std::int32_t itemIndex(std::string_view id);
  // Reads the set-valued attributes of the current items-file row into `members` (one string each);
  // false when the row is bad (skipped, or the error in strict mode).
  Result<bool> readSets(const CsvReader& reader, const std::vector<std::vector<int>>& columns,
                        std::vector<std::string>& members);
  // True when every binned column of the current row (`binned`, with the attribute names) holds a
  // number or nothing; otherwise the row is bad.
  Result<bool> binnableRow(const CsvReader& reader, const std::vector<std::pair<int, std::string>>& binned);
  // The binned columns among `columns` named `names` (user attributes).
  std::vector<std::pair<int, std::string>> binnedColumns(const std::vector<int>& columns,
                                                         const std::vector<std::string>& names) const;
  Catalog buildCatalog();
  Result<UserTable> buildUsers();
  // Replaces the user attributes named in the mapping's bins by their groups.
  Status applyBins(UserTable& users);

  const ImportMapping& m_mapping;
  const TaskControl& m_control;
  ImportReport m_report;
  std::int64_t m_totalBytes = 1;
  std::int64_t m_doneBytes = 0;  // bytes of files finished before the current one

  Staged m_stagedItems;
  Staged m_stagedUsers;
  std::vector<Filter> m_filters;

  IdMap m_itemIndex;
  std::vector<std::string> m_itemIds;
  std::vector<std::int64_t> m_itemFirstTs;
  std::vector<std::string> m_rowTitles;  // item metadata carried on interaction rows
  std::vector<double> m_rowPrices;
  std::vector<CategoricalField> m_rowItemFields;  // category, brand from interaction rows
  IdMap m_userIndex;
  std::vector<std::string> m_userIds;
  std::vector<std::int64_t> m_userNextSeq;  // next row-order timestamp per user
  std::vector<CategoricalField> m_rowUserFields;
  std::vector<std::string> m_kindNames;
  TimeUnit m_timeUnit = TimeUnit::UnixSeconds;
};

}  // namespace reclens
