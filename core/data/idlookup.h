#pragma once
// What the readers of files that name users and items by their ids share (recommendation logs,
// relevance files): the row of an id, the id as shown in a message, and the unknown ids met.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/csvreader.h"

namespace reclens {

// Rows of ids, looked up by string_view without copying.
class IdRows {
 public:
  explicit IdRows(const std::vector<std::string>& ids);
  // The row of `id`, or -1 when there is none.
  std::int32_t find(std::string_view id) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::int32_t, Hash, std::equal_to<>> m_rows;
};

// `v` in quotes for a message, cut at 64 characters.
std::string quotedId(std::string_view v);

// Ids a file named that the project lacks: how many rows, and the first few distinct ids.
struct UnknownIds {
  static constexpr std::size_t kExamples = 5;
  std::int64_t rows = 0;
  std::vector<std::string> examples;
  std::unordered_set<std::string> seen;
  void note(std::string_view id);
};

// The row of `id` (field `column` of line `line` of `path`) in `rows`. Unknown: NotFound naming the file,
// line and column ("user \"x\" is not in the project"), or with `skipUnknown` -1 after noting it in
// `unknown`. `what` is "user" or "item"; `home` ends the message ("the project", "the catalog").
Result<std::int32_t> resolveId(const IdRows& rows, std::string_view id, const char* what, const char* home,
                               bool skipUnknown, UnknownIds& unknown, const std::string& path,
                               std::int64_t line, int column);

// The user and item rows of the current row of `reader` (columns userColumn and itemColumn, 0-based);
// {-1, -1} when one of them is unknown and skipUnknown (noted in unknownUsers or unknownItems).
struct UserItemRow {
  std::int32_t user = -1;
  std::int32_t item = -1;
};
Result<UserItemRow> resolveUserItem(const CsvReader& reader, const IdRows& users, const IdRows& items,
                                    int userColumn, int itemColumn, bool skipUnknown,
                                    UnknownIds& unknownUsers, UnknownIds& unknownItems,
                                    const std::string& path);

// Moves `reader` to its next row: false at the end. Counts the row in `rows`, checks for Cancel and
// reports progress every 65,536 rows (`what`: "the relevance file"), and refuses a row whose field
// count differs from the header's (Parse, naming file and line).
Result<bool> nextRowOf(CsvReader& reader, std::int64_t& rows, const TaskControl& control,
                       const std::string& path, const std::string& what);

}  // namespace reclens
