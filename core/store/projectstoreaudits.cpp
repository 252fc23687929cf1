// ProjectStore: saved audit runs (the audit_runs table).
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>

#include "store/projectstore.h"
#include "store/projectstoreimpl.h"
#include "store/schema.h"

namespace reclens {

namespace {

bool allDigits(const std::string& s) {
  return !s.empty() && s.size() < 19 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Columns of a listing; files whose audit_runs predates the name and summary columns read '' and '{}'.
std::string listColumns(SQLite::Database& db, bool withResults) {
  const bool named = schema::auditRunsHaveColumns(db);
  return std::string("id, ") + (named ? "name" : "''") +
         ", created, COALESCE(model_id, 0), config, provenance, " + (named ? "summary" : "'{}'") +
         (withResults ? ", results" : ", ''");
}

ProjectStore::AuditRunRecord readRecord(SQLite::Statement& q) {
  ProjectStore::AuditRunRecord r;
  r.id = q.getColumn(0).getInt64();
  r.name = q.getColumn(1).getString();
  r.created = q.getColumn(2).getInt64();
  r.modelId = q.getColumn(3).getInt64();
  r.configJson = q.getColumn(4).getString();
  r.provenanceJson = q.getColumn(5).getString();
  r.summaryJson = q.getColumn(6).getString();
  r.resultsJson = q.getColumn(7).getString();
  return r;
}

}  // namespace

Result<std::int64_t> ProjectStore::saveAuditRun(const AuditRunRecord& record) {
  if (record.name.empty()) {
    return makeError(ErrorCode::InvalidArgument, "an audit run needs a name to be saved", m_impl->path);
  }
  try {
    auto& db = *m_impl->db;
    SQLite::Transaction tx(db);
    schema::ensureAuditRunColumns(db);
    SQLite::Statement taken(db, "SELECT count(*) FROM audit_runs WHERE name = ?");
    taken.bind(1, record.name);
    if (taken.executeStep() && taken.getColumn(0).getInt() > 0) {
      return makeError(ErrorCode::Duplicate,
                       "an audit run called '" + record.name + "' is already saved; choose another name",
                       m_impl->path);
    }
    SQLite::Statement q(
        db,
        "INSERT INTO audit_runs(name, created, model_id, config, results, provenance, summary) "
        "VALUES(?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, record.name);
    q.bind(2, static_cast<std::int64_t>(record.created));
    if (record.modelId > 0) {
      q.bind(3, static_cast<std::int64_t>(record.modelId));
    } else {
      q.bind(3);
    }
    q.bind(4, record.configJson);
    q.bind(5, record.resultsJson);
    q.bind(6, record.provenanceJson);
    q.bind(7, record.summaryJson.empty() ? std::string("{}") : record.summaryJson);
    q.exec();
    const auto id = db.getLastInsertRowid();
    tx.commit();
    return static_cast<std::int64_t>(id);
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot save the audit run '" + record.name + "'", e);
  }
}

Result<std::vector<ProjectStore::AuditRunRecord>> ProjectStore::auditRuns() const {
  try {
    auto& db = *m_impl->db;
    std::vector<AuditRunRecord> out;
    SQLite::Statement q(
        db, "SELECT " + listColumns(db, false) + " FROM audit_runs ORDER BY created DESC, id DESC");
    while (q.executeStep()) out.push_back(readRecord(q));
    return out;
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot list the saved audit runs", e);
  }
}

Result<ProjectStore::AuditRunRecord> ProjectStore::auditRun(const std::string& idOrName) const {
  try {
    auto& db = *m_impl->db;
    const auto columns = listColumns(db, true);
    if (allDigits(idOrName)) {
      SQLite::Statement q(db, "SELECT " + columns + " FROM audit_runs WHERE id = ?");
      q.bind(1, static_cast<std::int64_t>(std::stoll(idOrName)));
      if (q.executeStep()) return readRecord(q);
    }
    if (schema::auditRunsHaveColumns(db)) {
      SQLite::Statement q(db, "SELECT " + columns + " FROM audit_runs WHERE name = ?");
      q.bind(1, idOrName);
      if (q.executeStep()) return readRecord(q);
    }
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot read the audit run '" + idOrName + "'", e);
  }
  auto runs = auditRuns();
  if (!runs) return runs.error();
  std::string known;
  for (const auto& r : runs.value()) {
    known += (known.empty() ? "" : ", ") + std::to_string(r.id) + (r.name.empty() ? "" : " (" + r.name + ")");
  }
  return makeError(ErrorCode::NotFound,
                   "no saved audit run is called '" + idOrName +
                       "' (saved: " + (known.empty() ? std::string("none") : known) + ")",
                   m_impl->path);
}

}  // namespace reclens
