#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace reclens {

// Where a reader of a live project stands: how many rows of each table it has read. Interactions are
// counted in rowid order, the order ProjectStore::loadDataset reads them, so a dataset loaded with n
// interactions stands at {n, -1, users, items, kinds}.
struct AppendCursor {
  std::int64_t interactions = 0;
  std::int64_t lastRowid = -1;  // rowid of the last interaction read; -1: found from `interactions`
  std::int64_t users = 0;
  std::int64_t items = 0;
  std::int64_t kinds = 0;
};

// Rows appended to a project after an AppendCursor (ProjectStore::appendedSince). Users, items and
// kinds continue the tables the cursor has read: row cursor.users + k of the project is users.ids[k].
// The interactions' user, item and kind are the project's rows, not relative ones.
struct AppendedRows {
  AppendCursor next;  // the cursor after these rows
  UserTable users;    // ids only: users created by events carry no attributes
  Catalog items;      // ids, titles, prices and first-seen times
  std::vector<std::string> kinds;
  InteractionLog interactions;  // kindNames left empty
};

}  // namespace reclens
