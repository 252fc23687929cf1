#pragma once
#include <cstdint>
#include <string>

namespace reclens {

// What went wrong, as a category callers can branch on.
enum class ErrorCode {
  Io,            // a file could not be read or written (missing, permissions, disk full)
  Parse,         // malformed input: ragged row, broken quote, bad number or timestamp
  Encoding,      // input is not valid UTF-8
  Mapping,       // a column mapping names a column the file does not have, or is incomplete
  Duplicate,     // an id that must be unique appears twice
  Empty,         // a file or project holds no usable data
  NotFound,      // a named user, item or model is not in the project
  NotAProject,   // the file is not a RecLens project
  NewerVersion,  // the project was written by a newer RecLens
  Schema,        // the project's tables are damaged or inconsistent
  Cancelled,     // the user cancelled the operation
  InvalidArgument,
  Internal,
};

// A typed error that never crosses into Qt as an exception. `message` is a complete sentence
// that already names the file, line and column when they are known.
struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  std::string file;
  std::int64_t line = 0;  // 1-based; 0 when unknown
  int column = 0;         // 1-based; 0 when unknown
};

// Short stable name of an error code, used in JSON output.
const char* errorCodeName(ErrorCode code);

// Builds an Error whose message is prefixed with "file:line:column: " where known.
Error makeError(ErrorCode code, std::string message, std::string file = {}, std::int64_t line = 0,
                int column = 0);

}  // namespace reclens
