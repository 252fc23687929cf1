// ProjectStore: reading the catalog's ids alone.
#include <SQLiteCpp/Statement.h>

#include "store/projectstore.h"
#include "store/projectstoreimpl.h"

namespace reclens {

Result<std::vector<std::string>> ProjectStore::itemIds() const {
  try {
    std::vector<std::string> ids;
    SQLite::Statement q(*m_impl->db, "SELECT idx, ext_id FROM items ORDER BY idx");
    while (q.executeStep()) {
      if (q.getColumn(0).getInt64() != static_cast<std::int64_t>(ids.size()))
        return makeError(ErrorCode::Schema, "item indices are not contiguous", m_impl->path);
      ids.push_back(q.getColumn(1).getString());
    }
    return ids;
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot read the catalog", e);
  }
}

}  // namespace reclens
