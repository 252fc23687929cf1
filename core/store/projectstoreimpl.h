#pragma once
// Internal to core/store: the connection behind a ProjectStore, shared by its .cpp files.
#include <SQLiteCpp/Database.h>

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

// An Io error naming the project file, what was being done and SQLite's reason.
inline Error storeError(const std::string& path, const std::string& what, const std::exception& e) {
  return makeError(ErrorCode::Io, what + ": " + e.what(), path);
}

}  // namespace reclens
