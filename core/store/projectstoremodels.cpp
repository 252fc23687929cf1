// ProjectStore: the registry of model files (the models table).
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/projectstore.h"
#include "store/projectstoreimpl.h"

namespace reclens {

Result<std::int64_t> ProjectStore::registerModel(const ModelRecord& record) {
  try {
    auto& db = *m_impl->db;
    SQLite::Transaction tx(db);
    SQLite::Statement del(db, "DELETE FROM models WHERE name = ?");
    del.bind(1, record.name);
    del.exec();
    SQLite::Statement q(db,
                        "INSERT INTO models(name, path, sha256, contract_version, metadata, created) "
                        "VALUES(?, ?, ?, ?, ?, ?)");
    q.bind(1, record.name);
    q.bind(2, record.path);
    q.bind(3, record.sha256);
    q.bind(4, record.contractVersion);
    q.bind(5, record.metadataJson.empty() ? std::string("{}") : record.metadataJson);
    q.bind(6, static_cast<std::int64_t>(record.created));
    q.exec();
    const auto id = db.getLastInsertRowid();
    tx.commit();
    return static_cast<std::int64_t>(id);
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot register model '" + record.name + "'", e);
  }
}

Result<std::vector<ProjectStore::ModelRecord>> ProjectStore::models() const {
  try {
    std::vector<ModelRecord> out;
    SQLite::Statement q(*m_impl->db,
                        "SELECT id, name, path, sha256, contract_version, metadata, created FROM models "
                        "ORDER BY created DESC, id DESC");
    while (q.executeStep()) {
      ModelRecord r;
      r.id = q.getColumn(0).getInt64();
      r.name = q.getColumn(1).getString();
      r.path = q.getColumn(2).getString();
      r.sha256 = q.getColumn(3).getString();
      r.contractVersion = q.getColumn(4).getInt();
      r.metadataJson = q.getColumn(5).getString();
      r.created = q.getColumn(6).getInt64();
      out.push_back(std::move(r));
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot list the registered models", e);
  }
}

}  // namespace reclens
