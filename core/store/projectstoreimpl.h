#pragma once
// Internal to core/store: the connection behind a ProjectStore, shared by its .cpp files.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

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

// Holds one read transaction for its lifetime, so that several SELECTs see the same state of the file
// while other connections commit (WAL). Does nothing when the connection is already in a transaction.
class ReadTransaction {
 public:
  explicit ReadTransaction(SQLite::Database& db) : m_db(db) {
    if (sqlite3_get_autocommit(db.getHandle()) != 0) {
      db.exec("BEGIN");
      m_open = true;
    }
  }
  ~ReadTransaction() {
    // Nothing was written: ending it either way releases the read snapshot.
    if (m_open) sqlite3_exec(m_db.getHandle(), "COMMIT", nullptr, nullptr, nullptr);
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  SQLite::Database& m_db;
  bool m_open = false;
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
