#pragma once
#include <string>

namespace SQLite {
class Database;
}

namespace reclens::schema {

// Creates the tables of the current schema version in an empty database.
void createCurrent(SQLite::Database& db);
// Brings a database from `fromVersion` to the current version, one step at a time.
// Must be called inside a transaction; throws SQLite::Exception on failure.
void migrate(SQLite::Database& db, int fromVersion);
// Recreates the dataset tables empty (used inside the transaction that replaces a dataset).
void resetDatasetTables(SQLite::Database& db);
// Builds the indexes of the dataset tables (after a bulk load, which is faster without them).
void createDatasetIndexes(SQLite::Database& db);
// Makes sure the bookmarks and notes tables exist (a file may predate them) with one row per
// (kind, ref); a no-op when they are there. Throws SQLite::Exception on failure.
void ensureAnnotationTables(SQLite::Database& db);
// Adds the name and summary columns to audit_runs when the file predates them (the table itself is
// part of schema 1); a no-op when they are there. Throws SQLite::Exception on failure.
void ensureAuditRunColumns(SQLite::Database& db);
// True when audit_runs has the name and summary columns.
bool auditRunsHaveColumns(SQLite::Database& db);
// Makes sure the scenarios table exists with one row per (user, name); a no-op when it is there.
// Throws SQLite::Exception on failure.
void ensureScenarioTable(SQLite::Database& db);

}  // namespace reclens::schema
