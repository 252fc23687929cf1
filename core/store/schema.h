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

}  // namespace reclens::schema
