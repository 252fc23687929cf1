#pragma once
// Internal to core/store: the connection behind a ProjectStore, shared by its .cpp files.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include <exception>
#include <memory>
#include <string>

#include "common/error.h"
#include "store/projectstore.h"

namespace reclens {

struct ProjectStore::Impl {
  std::string path;
  std::unique_ptr<SQLite::Database> db;
  int version = 0;
};

// An error naming the project file, what was being done and SQLite's reason: Schema when SQLite found
// the file damaged (cut short, overwritten), which is a bad project file like any other, else Io.
inline Error storeError(const std::string& path, const std::string& what, const std::exception& e) {
  if (const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&e)) {
    const int primary = sqlite->getErrorCode() & 0xFF;
    if (primary == 11 /* SQLITE_CORRUPT */ || primary == 26 /* SQLITE_NOTADB */) {
      return makeError(ErrorCode::Schema, "is damaged (cut short or overwritten), " + what + ": " + e.what(),
                       path);
    }
  }
  return makeError(ErrorCode::Io, what + ": " + e.what(), path);
}

}  // namespace reclens
