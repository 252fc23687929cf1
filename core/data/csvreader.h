#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "data/importmapping.h"

namespace reclens {

// A streaming RFC-4180 reader for delimited text, UTF-8 or converted to it from a single-byte encoding
// (CsvFormat::encoding) as it is read. The file is read in large blocks and each
// record's fields are views into the block (quoted fields are unescaped in place), so reading
// allocates nothing per field. Handles any single-character delimiter, quoted fields with embedded
// delimiters, doubled quotes and line breaks, LF and CRLF line ends and a leading UTF-8 BOM; blank
// lines are skipped. Line numbers are 1-based physical lines, so they stay right across embedded
// line breaks.
class CsvReader {
 public:
  // Records longer than this are refused (a likely unterminated quote) instead of exhausting memory.
  static constexpr std::size_t kMaxRecordBytes = std::size_t{64} << 20;

  // Opens `path` and, when `format.header`, reads the header row. Without a header the columns are
  // `format.names`, or else named "1", "2", ... after the width of the first well-formed row (read ahead
  // and returned again by next(), as are the malformed rows before it). `format.quote` == '\0' turns
  // quoting off. Errors: Io (cannot open), Empty (no rows at all), and any error of the header row.
  static Result<std::unique_ptr<CsvReader>> open(const std::string& path, const CsvFormat& format);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Moves to the next record: true when there is one, false at the end of the file. A malformed
  // record (invalid UTF-8, text after a closing quote) gives an Error naming file, line and column
  // and is consumed, so the caller may skip it and go on; an unterminated quote or an overlong
  // record gives an Error and ends the file.
  Result<bool> next();

  // Fields of the current record; valid until the next call of next().
  const std::vector<std::string_view>& fields() const { return m_fields; }
  // Line on which the current record starts.
  std::int64_t line() const { return m_recordLine; }
  // Column names of the header row (empty without a header).
  const std::vector<std::string>& header() const { return m_header; }
  // Index of header column `name`, or -1. Without a header row a 1-based position ("3") also names a
  // column.
  int columnIndex(std::string_view name) const;
  // Header columns joined for messages: "a", "b", "c" (without a header row: "the N columns 1 to N" or
  // the names given).
  std::string columnList() const;
  // True after an error that ends the file (unterminated quote, overlong record).
  bool broken() const { return m_failed; }
  const std::string& path() const { return m_path; }
  const CsvFormat& format() const { return m_format; }
  // Bytes of the file read so far (before any conversion to UTF-8).
  std::int64_t bytesRead() const;
  std::int64_t fileSize() const { return m_fileSize; }

 private:
  CsvReader(std::string path, const CsvFormat& format, std::FILE* file, std::int64_t size);
  enum class Scan { Complete, NeedMore, Unterminated };
  Scan scanRecord();
  bool refill();
  Error recordError(ErrorCode code, const std::string& message, std::size_t offset, std::size_t field) const;
  Status checkUtf8();
  void finishFields();

  struct FieldSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool quoted = false;
    bool escapes = false;  // holds doubled quotes to collapse
  };

  std::string m_path;
  CsvFormat m_format;
  std::FILE* m_file = nullptr;
  std::int64_t m_fileSize = 0;
  std::vector<char> m_buffer;
  std::vector<char> m_raw;              // one block before conversion, for single-byte encodings
  std::int64_t m_rawRead = 0;           // bytes of the file read, before conversion
  std::int64_t m_converted = 0;         // bytes those became after conversion
  std::vector<Result<bool>> m_pending;  // rows read ahead to name the columns of a header-less file
  std::size_t m_nextPending = 0;
  std::size_t m_begin = 0;  // start of unread data in m_buffer
  std::size_t m_end = 0;    // end of valid data in m_buffer
  std::size_t m_recordEnd = 0;
  bool m_eof = false;
  bool m_failed = false;
  bool m_first = true;
  std::int64_t m_consumed = 0;  // bytes of the file consumed
  std::int64_t m_line = 1;      // line at m_begin
  std::int64_t m_recordLine = 0;
  std::int64_t m_recordLines = 0;  // line breaks inside the current record
  std::size_t m_junkOffset = 0;    // offset of text after a closing quote, 0 when none
  std::size_t m_junkField = 0;
  std::vector<FieldSpan> m_spans;
  std::vector<std::string_view> m_fields;
  std::vector<std::string> m_header;
};

// Checks that bytes [data, data+size) are valid UTF-8; returns the offset of the first bad byte or -1.
std::ptrdiff_t firstInvalidUtf8(const char* data, std::size_t size);

}  // namespace reclens
