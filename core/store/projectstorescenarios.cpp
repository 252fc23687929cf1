// ProjectStore: saved what-if scenarios (the scenarios table).
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/projectstore.h"
#include "store/projectstoreimpl.h"
#include "store/schema.h"

namespace reclens {

Result<std::int64_t> ProjectStore::saveScenario(const ScenarioRecord& record) {
  if (record.name.empty()) {
    return makeError(ErrorCode::InvalidArgument, "a what-if scenario needs a name to be saved", m_impl->path);
  }
  try {
    auto& db = *m_impl->db;
    SQLite::Transaction tx(db);
    schema::ensureScenarioTable(db);
    SQLite::Statement drop(db, "DELETE FROM scenarios WHERE user_ref = ? AND name = ?");
    drop.bind(1, record.userRef);
    drop.bind(2, record.name);
    drop.exec();
    SQLite::Statement q(db, "INSERT INTO scenarios(name, user_ref, spec, created) VALUES(?, ?, ?, ?)");
    q.bind(1, record.name);
    q.bind(2, record.userRef);
    q.bind(3, record.specJson);
    q.bind(4, static_cast<std::int64_t>(record.created));
    q.exec();
    const auto id = db.getLastInsertRowid();
    tx.commit();
    return static_cast<std::int64_t>(id);
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot save the what-if scenario '" + record.name + "'", e);
  }
}

Result<std::vector<ProjectStore::ScenarioRecord>> ProjectStore::scenarios(const std::string& userRef) const {
  try {
    auto& db = *m_impl->db;
    std::vector<ScenarioRecord> out;
    if (!db.tableExists("scenarios")) return out;
    SQLite::Statement q(
        db,
        "SELECT id, name, user_ref, spec, created FROM scenarios WHERE ? = '' OR user_ref = ? "
        "ORDER BY user_ref, name, id");
    q.bind(1, userRef);
    q.bind(2, userRef);
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                     q.getColumn(3).getString(), q.getColumn(4).getInt64()});
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot read the what-if scenarios", e);
  }
}

Status ProjectStore::deleteScenario(std::int64_t id) {
  try {
    auto& db = *m_impl->db;
    if (!db.tableExists("scenarios")) {
      return makeError(ErrorCode::NotFound, "there is no what-if scenario " + std::to_string(id),
                       m_impl->path);
    }
    SQLite::Statement q(db, "DELETE FROM scenarios WHERE id = ?");
    q.bind(1, static_cast<std::int64_t>(id));
    if (q.exec() == 0) {
      return makeError(ErrorCode::NotFound, "there is no what-if scenario " + std::to_string(id),
                       m_impl->path);
    }
    return Status::success();
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot delete the what-if scenario " + std::to_string(id), e);
  }
}

}  // namespace reclens
