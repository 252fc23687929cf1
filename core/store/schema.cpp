#include "store/schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/projectstore.h"

namespace reclens::schema {

namespace {

const char* const kDatasetTables = R"sql(
CREATE TABLE items(idx INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
                   price REAL, first_seen INTEGER);
CREATE TABLE item_fields(field INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE item_values(item INTEGER NOT NULL, field INTEGER NOT NULL, value TEXT NOT NULL,
                         PRIMARY KEY(item, field)) WITHOUT ROWID;
CREATE TABLE users(idx INTEGER PRIMARY KEY, ext_id TEXT NOT NULL);
CREATE TABLE user_fields(field INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE user_values(user INTEGER NOT NULL, field INTEGER NOT NULL, value TEXT NOT NULL,
                         PRIMARY KEY(user, field)) WITHOUT ROWID;
CREATE TABLE interaction_kinds(kind INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE interactions(user INTEGER NOT NULL, item INTEGER NOT NULL, ts INTEGER NOT NULL,
                          kind INTEGER NOT NULL, weight REAL NOT NULL);
CREATE TABLE planted_truth(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

const char* const kDatasetTableNames[] = {"items",        "item_fields", "item_values",       "users",
                                          "user_fields",  "user_values", "interaction_kinds", "interactions",
                                          "planted_truth"};

// Version 1: the first schema.
void createV1(SQLite::Database& db) {
  db.exec(R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE models(id INTEGER PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,
                    contract_version INTEGER NOT NULL, metadata TEXT NOT NULL DEFAULT '{}',
                    created INTEGER NOT NULL);
CREATE TABLE audit_runs(id INTEGER PRIMARY KEY, created INTEGER NOT NULL, model_id INTEGER,
                        config TEXT NOT NULL, results TEXT NOT NULL, provenance TEXT NOT NULL);
CREATE TABLE bookmarks(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL,
                       label TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL);
CREATE TABLE notes(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL, body TEXT NOT NULL,
                   created INTEGER NOT NULL, updated INTEGER NOT NULL);
CREATE TABLE scenarios(id INTEGER PRIMARY KEY, name TEXT NOT NULL, user_ref TEXT NOT NULL,
                       spec TEXT NOT NULL, created INTEGER NOT NULL);
)sql");
  db.exec(kDatasetTables);
  createDatasetIndexes(db);
}

// Steps from version v to v+1; index 0 goes from 0 (empty file) to 1.
const std::vector<std::function<void(SQLite::Database&)>>& steps() {
  static const std::vector<std::function<void(SQLite::Database&)>> kSteps = {createV1};
  return kSteps;
}

}  // namespace

void createCurrent(SQLite::Database& db) {
  migrate(db, 0);
}

void migrate(SQLite::Database& db, int fromVersion) {
  const auto& all = steps();
  static_assert(ProjectStore::kSchemaVersion == 1, "add a migration step for the new version");
  for (int v = fromVersion; v < ProjectStore::kSchemaVersion; ++v) {
    all[static_cast<std::size_t>(v)](db);
  }
  db.exec("PRAGMA application_id = " + std::to_string(ProjectStore::kApplicationId));
  db.exec("PRAGMA user_version = " + std::to_string(ProjectStore::kSchemaVersion));
}

void resetDatasetTables(SQLite::Database& db) {
  for (const char* name : kDatasetTableNames) {
    db.exec(std::string("DROP TABLE IF EXISTS ") + name);
  }
  db.exec(kDatasetTables);
}

void createDatasetIndexes(SQLite::Database& db) {
  db.exec("CREATE UNIQUE INDEX IF NOT EXISTS items_ext_id ON items(ext_id)");
  db.exec("CREATE UNIQUE INDEX IF NOT EXISTS users_ext_id ON users(ext_id)");
}

void ensureAnnotationTables(SQLite::Database& db) {
  db.exec(R"sql(
CREATE TABLE IF NOT EXISTS bookmarks(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL,
                                     label TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL,
                                 body TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS bookmarks_target ON bookmarks(kind, ref);
CREATE UNIQUE INDEX IF NOT EXISTS notes_target ON notes(kind, ref);
)sql");
}

bool auditRunsHaveColumns(SQLite::Database& db) {
  SQLite::Statement q(
      db, "SELECT count(*) FROM pragma_table_info('audit_runs') WHERE name IN ('name', 'summary')");
  return q.executeStep() && q.getColumn(0).getInt() == 2;
}

void ensureAuditRunColumns(SQLite::Database& db) {
  for (const char* column : {"name TEXT NOT NULL DEFAULT ''", "summary TEXT NOT NULL DEFAULT '{}'"}) {
    const std::string name(column, std::string_view(column).find(' '));
    SQLite::Statement q(db, "SELECT count(*) FROM pragma_table_info('audit_runs') WHERE name = ?");
    q.bind(1, name);
    if (q.executeStep() && q.getColumn(0).getInt() == 0) {
      db.exec(std::string("ALTER TABLE audit_runs ADD COLUMN ") + column);
    }
  }
}

void ensureScenarioTable(SQLite::Database& db) {
  db.exec(R"sql(
CREATE TABLE IF NOT EXISTS scenarios(id INTEGER PRIMARY KEY, name TEXT NOT NULL, user_ref TEXT NOT NULL,
                                     spec TEXT NOT NULL, created INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS scenarios_user_name ON scenarios(user_ref, name);
)sql");
}

}  // namespace reclens::schema
