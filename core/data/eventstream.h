#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace reclens {

// One interaction as it arrives on a live stream: external ids, time in Unix seconds, kind name
// (empty: the project's default kind) and weight.
struct StreamEvent {
  std::string user;
  std::string item;
  std::int64_t ts = 0;
  std::string kind;
  float weight = 1.0f;
};

// How the lines of an event stream are written.
enum class EventFormat {
  Auto,       // JSON Lines when the first non-blank line starts with '{', else CSV
  Csv,        // a header line naming the columns, then one event per line
  JsonLines,  // one JSON object per line
};

// "csv", "jsonl" or "auto".
const char* eventFormatName(EventFormat format);

// A line that was skipped, with its 1-based line number and why.
struct BadLine {
  std::int64_t line = 0;
  std::string reason;
};

// Reads an event stream line by line. Columns (CSV header) and keys (JSON Lines) are user, item, time,
// kind and weight, with the aliases user_id, item_id, timestamp/ts; kind and weight are optional
// (empty kind: the project's default, weight 1). A time is Unix seconds or ISO-8601 as the importer
// reads it. A CSV event is one physical line: quoted fields may hold commas and doubled quotes but no
// line break. Other columns and keys are ignored.
class EventParser {
 public:
  enum class LineKind {
    Event,   // `event` holds the line's event
    Header,  // the CSV header was read
    Blank,   // an empty or all-blank line
    Bad,     // the line is malformed; `reason` says why and the stream goes on
  };

  // `source` names the input in fatal errors ("<source>:<line>: ...").
  explicit EventParser(EventFormat format = EventFormat::Auto, std::string source = "<stream>");

  // Reads the next line (without its line end; a trailing '\r' is dropped). An Error (Parse, naming the
  // source and line) is fatal and only comes from the first line of a CSV stream when it is not a header
  // naming the user, item and time columns (once each).
  Result<LineKind> parseLine(std::string_view line, StreamEvent& event, std::string& reason);

  // Starts a new file of the same stream (a followed file was replaced or truncated): line numbers
  // start again, and for CSV the first line may repeat the header or go straight on with events in the
  // columns already known.
  void restart();
  // Line number of the line last given to parseLine (1-based; 0 before the first).
  std::int64_t line() const { return m_line; }
  // The format in use: Auto until the first non-blank line decides it.
  EventFormat format() const { return m_format; }

 private:
  LineKind parseCsv(std::string_view line, StreamEvent& event, std::string& reason);
  LineKind parseJson(std::string_view line, StreamEvent& event, std::string& reason);
  Status readHeader(std::string_view line);

  EventFormat m_format;
  std::string m_source;
  std::int64_t m_line = 0;
  bool m_headerSeen = false;
  bool m_restarted = false;
  int m_userCol = -1;
  int m_itemCol = -1;
  int m_timeCol = -1;
  int m_kindCol = -1;
  int m_weightCol = -1;
  std::size_t m_needed = 0;  // fields a row must have to reach the user, item and time columns
  std::vector<std::string_view> m_fields;
  std::string m_scratch;  // unescaped quoted fields of the current row
};

// Splits one CSV line into fields (views into `line` or into `scratch` for fields with doubled
// quotes). False with `reason` on an unterminated quote or text after a closing quote.
bool splitCsvLine(std::string_view line, std::vector<std::string_view>& fields, std::string& scratch,
                  std::string& reason);

}  // namespace reclens
