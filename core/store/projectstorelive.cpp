// ProjectStore::dataVersion and appendedSince: what a reader of a live project needs to follow it.
#include <SQLiteCpp/Statement.h>

#include <cmath>
#include <string>

#include "store/appendedrows.h"
#include "store/projectstoreimpl.h"

namespace reclens {

Result<std::int64_t> ProjectStore::dataVersion() const {
  try {
    return m_impl->db->execAndGet("PRAGMA data_version").getInt64();
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot read the data version", e);
  }
}

Result<AppendedRows> ProjectStore::appendedSince(const AppendCursor& cursor,
                                                 std::size_t maxInteractions) const {
  auto& db = *m_impl->db;
  const auto replaced = [this] {
    return makeError(ErrorCode::Schema, "the dataset was replaced while it was open; open the project again",
                     m_impl->path);
  };
  AppendedRows out;
  out.next = cursor;
  try {
    const ReadTransaction snapshot(db);
    // The rowid of the cursor's last row, looked up once; later cursors carry it.
    if (out.next.lastRowid < 0) {
      if (cursor.interactions == 0) {
        out.next.lastRowid = 0;
      } else {
        SQLite::Statement q(db, "SELECT rowid FROM interactions ORDER BY rowid LIMIT 1 OFFSET ?");
        q.bind(1, cursor.interactions - 1);
        if (!q.executeStep()) return replaced();
        out.next.lastRowid = q.getColumn(0).getInt64();
      }
    }
    const auto tableSize = [&db](const char* table) {
      return db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
    };
    if (tableSize("users") < cursor.users || tableSize("items") < cursor.items ||
        tableSize("interaction_kinds") < cursor.kinds)
      return replaced();
    {
      SQLite::Statement q(db, "SELECT idx, ext_id FROM users WHERE idx >= ? ORDER BY idx");
      q.bind(1, cursor.users);
      while (q.executeStep()) {
        if (q.getColumn(0).getInt64() != out.next.users)
          return makeError(ErrorCode::Schema, "user indices are not contiguous", m_impl->path);
        out.users.ids.push_back(q.getColumn(1).getString());
        ++out.next.users;
      }
    }
    {
      SQLite::Statement q(
          db, "SELECT idx, ext_id, title, price, first_seen FROM items WHERE idx >= ? ORDER BY idx");
      q.bind(1, cursor.items);
      while (q.executeStep()) {
        if (q.getColumn(0).getInt64() != out.next.items)
          return makeError(ErrorCode::Schema, "item indices are not contiguous", m_impl->path);
        out.items.ids.push_back(q.getColumn(1).getString());
        out.items.titles.push_back(q.getColumn(2).getString());
        out.items.prices.push_back(q.getColumn(3).isNull() ? std::nan("") : q.getColumn(3).getDouble());
        out.items.firstSeen.push_back(q.getColumn(4).isNull() ? kNoTime : q.getColumn(4).getInt64());
        ++out.next.items;
      }
    }
    {
      SQLite::Statement q(db, "SELECT kind, name FROM interaction_kinds WHERE kind >= ? ORDER BY kind");
      q.bind(1, cursor.kinds);
      while (q.executeStep()) {
        if (q.getColumn(0).getInt64() != out.next.kinds)
          return makeError(ErrorCode::Schema, "interaction kinds are not contiguous", m_impl->path);
        out.kinds.push_back(q.getColumn(1).getString());
        ++out.next.kinds;
      }
    }
    SQLite::Statement q(db,
                        "SELECT rowid, user, item, ts, kind, weight FROM interactions WHERE rowid > ? "
                        "ORDER BY rowid LIMIT ?");
    q.bind(1, out.next.lastRowid);
    q.bind(2, static_cast<std::int64_t>(maxInteractions));
    while (q.executeStep()) {
      const auto u = q.getColumn(1).getInt64();
      const auto i = q.getColumn(2).getInt64();
      const auto k = q.getColumn(4).getInt64();
      if (u < 0 || u >= out.next.users || i < 0 || i >= out.next.items || k < 0 || k >= out.next.kinds)
        return makeError(ErrorCode::Schema, "an interaction refers to a missing user, item or kind",
                         m_impl->path);
      out.interactions.append(static_cast<std::int32_t>(u), static_cast<std::int32_t>(i),
                              q.getColumn(3).getInt64(), static_cast<float>(q.getColumn(5).getDouble()),
                              static_cast<std::uint8_t>(k));
      out.next.lastRowid = q.getColumn(0).getInt64();
      ++out.next.interactions;
    }
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot read the appended rows", e);
  }
  return out;
}

}  // namespace reclens
