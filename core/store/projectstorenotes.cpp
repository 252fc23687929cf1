// ProjectStore: bookmarks and notes on users and items (the bookmarks and notes tables).
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <chrono>

#include "store/projectstore.h"
#include "store/projectstoreimpl.h"
#include "store/schema.h"

namespace reclens {

namespace {

const char* kindName(ProjectStore::AnnotationTarget target) {
  return target == ProjectStore::AnnotationTarget::Item ? "item" : "user";
}

ProjectStore::AnnotationTarget targetFromName(const std::string& name) {
  return name == "item" ? ProjectStore::AnnotationTarget::Item : ProjectStore::AnnotationTarget::User;
}

std::int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool isBlank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

Status ProjectStore::setBookmarked(AnnotationTarget target, const std::string& ref, bool on,
                                   const std::string& label) {
  try {
    auto& db = *m_impl->db;
    SQLite::Transaction tx(db);
    schema::ensureAnnotationTables(db);
    if (on) {
      SQLite::Statement q(db,
                          "INSERT INTO bookmarks(kind, ref, label, created) VALUES(?, ?, ?, ?) "
                          "ON CONFLICT(kind, ref) DO UPDATE SET label = excluded.label");
      q.bind(1, kindName(target));
      q.bind(2, ref);
      q.bind(3, label);
      q.bind(4, static_cast<std::int64_t>(nowSeconds()));
      q.exec();
    } else {
      SQLite::Statement q(db, "DELETE FROM bookmarks WHERE kind = ? AND ref = ?");
      q.bind(1, kindName(target));
      q.bind(2, ref);
      q.exec();
    }
    tx.commit();
    return Status::success();
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path,
                      std::string("cannot change the bookmark of ") + kindName(target) + " '" + ref + "'", e);
  }
}

Result<bool> ProjectStore::isBookmarked(AnnotationTarget target, const std::string& ref) const {
  try {
    auto& db = *m_impl->db;
    if (!db.tableExists("bookmarks")) return false;
    SQLite::Statement q(db, "SELECT 1 FROM bookmarks WHERE kind = ? AND ref = ?");
    q.bind(1, kindName(target));
    q.bind(2, ref);
    return q.executeStep();
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot read the bookmarks", e);
  }
}

Result<std::vector<ProjectStore::Bookmark>> ProjectStore::bookmarks() const {
  try {
    auto& db = *m_impl->db;
    std::vector<Bookmark> out;
    if (!db.tableExists("bookmarks")) return out;
    SQLite::Statement q(db, "SELECT kind, ref, label, created FROM bookmarks ORDER BY created, id");
    while (q.executeStep()) {
      out.push_back({targetFromName(q.getColumn(0).getString()), q.getColumn(1).getString(),
                     q.getColumn(2).getString(), q.getColumn(3).getInt64()});
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot read the bookmarks", e);
  }
}

Status ProjectStore::setNote(AnnotationTarget target, const std::string& ref, const std::string& body) {
  try {
    auto& db = *m_impl->db;
    SQLite::Transaction tx(db);
    schema::ensureAnnotationTables(db);
    if (isBlank(body)) {
      SQLite::Statement q(db, "DELETE FROM notes WHERE kind = ? AND ref = ?");
      q.bind(1, kindName(target));
      q.bind(2, ref);
      q.exec();
    } else {
      const auto now = static_cast<std::int64_t>(nowSeconds());
      SQLite::Statement q(
          db,
          "INSERT INTO notes(kind, ref, body, created, updated) VALUES(?, ?, ?, ?, ?) "
          "ON CONFLICT(kind, ref) DO UPDATE SET body = excluded.body, updated = excluded.updated");
      q.bind(1, kindName(target));
      q.bind(2, ref);
      q.bind(3, body);
      q.bind(4, now);
      q.bind(5, now);
      q.exec();
    }
    tx.commit();
    return Status::success();
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path,
                      std::string("cannot save the note on ") + kindName(target) + " '" + ref + "'", e);
  }
}

Result<std::string> ProjectStore::note(AnnotationTarget target, const std::string& ref) const {
  try {
    auto& db = *m_impl->db;
    if (!db.tableExists("notes")) return std::string();
    SQLite::Statement q(db, "SELECT body FROM notes WHERE kind = ? AND ref = ?");
    q.bind(1, kindName(target));
    q.bind(2, ref);
    if (q.executeStep()) return q.getColumn(0).getString();
    return std::string();
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot read the notes", e);
  }
}

Result<std::vector<ProjectStore::Note>> ProjectStore::notes() const {
  try {
    auto& db = *m_impl->db;
    std::vector<Note> out;
    if (!db.tableExists("notes")) return out;
    SQLite::Statement q(db,
                        "SELECT kind, ref, body, created, updated FROM notes ORDER BY updated DESC, id DESC");
    while (q.executeStep()) {
      out.push_back({targetFromName(q.getColumn(0).getString()), q.getColumn(1).getString(),
                     q.getColumn(2).getString(), q.getColumn(3).getInt64(), q.getColumn(4).getInt64()});
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot read the notes", e);
  }
}

}  // namespace reclens
