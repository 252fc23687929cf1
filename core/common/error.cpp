#include "common/error.h"

namespace reclens {

const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::Io:
      return "io";
    case ErrorCode::Parse:
      return "parse";
    case ErrorCode::Encoding:
      return "encoding";
    case ErrorCode::Mapping:
      return "mapping";
    case ErrorCode::Duplicate:
      return "duplicate";
    case ErrorCode::Empty:
      return "empty";
    case ErrorCode::NotFound:
      return "not-found";
    case ErrorCode::NotAProject:
      return "not-a-project";
    case ErrorCode::NewerVersion:
      return "newer-version";
    case ErrorCode::Schema:
      return "schema";
    case ErrorCode::Cancelled:
      return "cancelled";
    case ErrorCode::InvalidArgument:
      return "invalid-argument";
    case ErrorCode::Internal:
      return "internal";
  }
  return "internal";
}

Error makeError(ErrorCode code, std::string message, std::string file, std::int64_t line, int column) {
  Error e;
  e.code = code;
  std::string prefix;
  if (!file.empty()) {
    prefix = file;
    if (line > 0) {
      prefix += ":" + std::to_string(line);
      if (column > 0) prefix += ":" + std::to_string(column);
    }
    prefix += ": ";
  }
  e.message = prefix + message;
  e.file = std::move(file);
  e.line = line;
  e.column = column;
  return e;
}

}  // namespace reclens
