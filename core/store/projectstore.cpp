#include "store/projectstore.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "store/projectstoreimpl.h"
#include "store/schema.h"

namespace reclens {

namespace {

// SQLite refuses to open some non-database files only at the first query, so look at the
// header ourselves to give a precise message.
Status checkHeader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, "cannot open the file for reading", path);
  char header[16] = {};
  in.read(header, sizeof header);
  const auto got = in.gcount();
  if (got == 0) return Status::success();  // an empty file becomes a new project
  static const char kMagic[] = "SQLite format 3";
  if (got < 16 || std::string(header, 15) != kMagic) {
    return makeError(ErrorCode::NotAProject, "is not a RecLens project (it is not an SQLite database)", path);
  }
  return Status::success();
}

int pragmaInt(SQLite::Database& db, const char* pragma) {
  return db.execAndGet(std::string("PRAGMA ") + pragma).getInt();
}

}  // namespace

struct DatasetWriter::Impl {
  ProjectStore::Impl* store = nullptr;
  std::unique_ptr<SQLite::Transaction> tx;
  std::unique_ptr<SQLite::Statement> insertInteraction;
  std::vector<std::pair<std::string, std::string>> meta;
  std::vector<std::pair<std::string, std::string>> planted;
  std::int64_t count = 0;
  std::int32_t maxUser = -1;
  std::int32_t maxItem = -1;
  int maxKind = -1;
  bool committed = false;
};

ProjectStore::ProjectStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ProjectStore::~ProjectStore() = default;

const std::string& ProjectStore::path() const {
  return m_impl->path;
}
int ProjectStore::schemaVersion() const {
  return m_impl->version;
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::open(const std::string& path, Mode mode) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!exists && mode != Mode::Create) {
    return makeError(ErrorCode::Io, "no such project file", path);
  }
  if (exists) {
    if (fs::is_directory(path, ec)) return makeError(ErrorCode::Io, "is a folder, not a project file", path);
    if (auto st = checkHeader(path); !st) return st.error();
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  try {
    const int flags =
        mode == Mode::ReadOnly ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    impl->db = std::make_unique<SQLite::Database>(path, flags, 5000);
    auto& db = *impl->db;
    const int appId = pragmaInt(db, "application_id");
    const int version = pragmaInt(db, "user_version");
    const int tables = db.execAndGet("SELECT count(*) FROM sqlite_master").getInt();
    if (tables > 0 && appId != kApplicationId) {
      return makeError(ErrorCode::NotAProject,
                       "is an SQLite database but not a RecLens project (application id does not match)",
                       path);
    }
    if (version > kSchemaVersion) {
      return makeError(ErrorCode::NewerVersion,
                       "was written by a newer RecLens (project schema " + std::to_string(version) +
                           "); this version reads schema " + std::to_string(kSchemaVersion) +
                           " and older. Please update RecLens to open it.",
                       path);
    }
    if (mode != Mode::ReadOnly) {
      db.exec("PRAGMA foreign_keys = ON");
      if (version < kSchemaVersion) {
        SQLite::Transaction tx(db);
        schema::migrate(db, version);
        tx.commit();
      }
    } else if (version < kSchemaVersion) {
      if (tables == 0)
        return makeError(ErrorCode::NotAProject, "is an empty file, not a RecLens project", path);
      return makeError(ErrorCode::Schema,
                       "uses an older project schema (" + std::to_string(version) +
                           "); open it read-write once to upgrade it",
                       path);
    }
    impl->version = kSchemaVersion;
  } catch (const SQLite::Exception& e) {
    // checkHeader() saw SQLite's header, so a file SQLite then refuses (SQLITE_NOTADB, SQLITE_CORRUPT)
    // is a damaged project, which storeError() says.
    return storeError(path, "cannot open the project", e);
  }
  return std::unique_ptr<ProjectStore>(new ProjectStore(std::move(impl)));
}

Result<ProjectStore::Counts> ProjectStore::counts() const {
  try {
    auto& db = *m_impl->db;
    Counts c;
    c.items = db.execAndGet("SELECT count(*) FROM items").getInt64();
    c.users = db.execAndGet("SELECT count(*) FROM users").getInt64();
    c.interactions = db.execAndGet("SELECT count(*) FROM interactions").getInt64();
    return c;
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot count the dataset rows", e);
  }
}

bool ProjectStore::hasDataset() const {
  auto c = counts();
  return c.ok() && c.value().interactions > 0;
}

Result<std::string> ProjectStore::metaValue(const std::string& key) const {
  try {
    SQLite::Statement q(*m_impl->db, "SELECT value FROM meta WHERE key = ?");
    q.bind(1, key);
    if (q.executeStep()) return q.getColumn(0).getString();
    return std::string();
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot read project metadata '" + key + "'", e);
  }
}

Status ProjectStore::setMetaValue(const std::string& key, const std::string& value) {
  try {
    SQLite::Statement q(*m_impl->db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
    q.bind(1, key);
    q.bind(2, value);
    q.exec();
    return Status::success();
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot write project metadata '" + key + "'", e);
  }
}

Result<std::vector<std::pair<std::string, std::string>>> ProjectStore::plantedTruth() const {
  try {
    std::vector<std::pair<std::string, std::string>> out;
    SQLite::Statement q(*m_impl->db, "SELECT key, value FROM planted_truth ORDER BY key");
    while (q.executeStep()) out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
    return out;
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot read the planted ground truth", e);
  }
}

Result<std::unique_ptr<DatasetWriter>> ProjectStore::beginDataset() {
  try {
    auto impl = std::make_unique<DatasetWriter::Impl>();
    impl->store = m_impl.get();
    auto& db = *m_impl->db;
    // A large page cache keeps a big import from spilling pages mid-transaction.
    db.exec("PRAGMA cache_size = -262144");
    impl->tx = std::make_unique<SQLite::Transaction>(db);
    schema::resetDatasetTables(db);
    impl->insertInteraction = std::make_unique<SQLite::Statement>(
        db, "INSERT INTO interactions(user, item, ts, kind, weight) VALUES(?, ?, ?, ?, ?)");
    return std::unique_ptr<DatasetWriter>(new DatasetWriter(std::move(impl)));
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot start writing the dataset", e);
  }
}

Status ProjectStore::writeDataset(const Dataset& dataset, const TaskControl& control) {
  auto writer = beginDataset();
  if (!writer) return writer.error();
  const auto& log = dataset.interactions;
  constexpr std::size_t kChunk = 1 << 16;
  for (std::size_t b = 0; b < log.size(); b += kChunk) {
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "writing the dataset was cancelled");
    if (auto st = writer.value()->addInteractions(log, b, std::min(log.size(), b + kChunk)); !st) return st;
    control.report(0.9 * static_cast<double>(b) / static_cast<double>(std::max<std::size_t>(1, log.size())),
                   "writing interactions");
  }
  return writer.value()->commit(dataset.info, dataset.items, dataset.users, log.kindNames, control);
}

Result<Dataset> ProjectStore::loadDataset(const TaskControl& control) const {
  Dataset d;
  auto& db = *m_impl->db;
  try {
    const ReadTransaction snapshot(db);
    d.info.name = metaValue("dataset.name").ok() ? metaValue("dataset.name").value() : "";
    d.info.source = metaValue("dataset.source").ok() ? metaValue("dataset.source").value() : "";
    auto unit = metaValue("dataset.time_unit");
    d.info.timeUnit = timeUnitFromName(unit.ok() ? unit.value() : "");

    control.report(0.0, "reading catalog");
    const auto nItems = static_cast<std::size_t>(db.execAndGet("SELECT count(*) FROM items").getInt64());
    d.items.ids.reserve(nItems);
    {
      SQLite::Statement q(db, "SELECT idx, ext_id, title, price, first_seen FROM items ORDER BY idx");
      while (q.executeStep()) {
        if (q.getColumn(0).getInt64() != static_cast<std::int64_t>(d.items.ids.size())) {
          return makeError(ErrorCode::Schema, "item indices are not contiguous", m_impl->path);
        }
        d.items.ids.push_back(q.getColumn(1).getString());
        d.items.titles.push_back(q.getColumn(2).getString());
        d.items.prices.push_back(q.getColumn(3).isNull() ? std::nan("") : q.getColumn(3).getDouble());
        d.items.firstSeen.push_back(q.getColumn(4).isNull() ? kNoTime : q.getColumn(4).getInt64());
      }
    }
    {
      SQLite::Statement q(db, "SELECT field, name FROM item_fields ORDER BY field");
      while (q.executeStep()) d.items.fields.emplace_back(q.getColumn(1).getString());
      for (auto& f : d.items.fields) f.resize(d.items.size());
      SQLite::Statement v(db, "SELECT item, field, value FROM item_values");
      while (v.executeStep()) {
        const auto field = static_cast<std::size_t>(v.getColumn(1).getInt());
        if (field >= d.items.fields.size())
          return makeError(ErrorCode::Schema, "unknown item field", m_impl->path);
        d.items.fields[field].set(static_cast<std::size_t>(v.getColumn(0).getInt64()),
                                  v.getColumn(2).getString());
      }
      for (auto& f : d.items.fields) f.resize(d.items.size());
      const auto sets = metaValue("dataset.item_set_fields");
      markSetValuedFields(d.items.fields, sets.ok() ? sets.value() : std::string());
    }
    control.report(0.1, "reading users");
    {
      SQLite::Statement q(db, "SELECT idx, ext_id FROM users ORDER BY idx");
      while (q.executeStep()) {
        if (q.getColumn(0).getInt64() != static_cast<std::int64_t>(d.users.ids.size())) {
          return makeError(ErrorCode::Schema, "user indices are not contiguous", m_impl->path);
        }
        d.users.ids.push_back(q.getColumn(1).getString());
      }
      SQLite::Statement f(db, "SELECT field, name FROM user_fields ORDER BY field");
      while (f.executeStep()) d.users.fields.emplace_back(f.getColumn(1).getString());
      for (auto& fld : d.users.fields) fld.resize(d.users.size());
      SQLite::Statement v(db, "SELECT user, field, value FROM user_values");
      while (v.executeStep()) {
        const auto field = static_cast<std::size_t>(v.getColumn(1).getInt());
        if (field >= d.users.fields.size())
          return makeError(ErrorCode::Schema, "unknown user field", m_impl->path);
        d.users.fields[field].set(static_cast<std::size_t>(v.getColumn(0).getInt64()),
                                  v.getColumn(2).getString());
      }
      for (auto& fld : d.users.fields) fld.resize(d.users.size());
      const auto sets = metaValue("dataset.user_set_fields");
      markSetValuedFields(d.users.fields, sets.ok() ? sets.value() : std::string());
    }
    {
      SQLite::Statement q(db, "SELECT kind, name FROM interaction_kinds ORDER BY kind");
      while (q.executeStep()) d.interactions.kindNames.push_back(q.getColumn(1).getString());
    }
    control.report(0.2, "reading interactions");
    const auto nInter =
        static_cast<std::size_t>(db.execAndGet("SELECT count(*) FROM interactions").getInt64());
    d.interactions.reserve(nInter);
    SQLite::Statement q(db, "SELECT user, item, ts, kind, weight FROM interactions");
    std::size_t n = 0;
    while (q.executeStep()) {
      const auto u = q.getColumn(0).getInt();
      const auto i = q.getColumn(1).getInt();
      if (u < 0 || static_cast<std::size_t>(u) >= d.users.size() || i < 0 ||
          static_cast<std::size_t>(i) >= d.items.size()) {
        return makeError(ErrorCode::Schema, "an interaction refers to a missing user or item", m_impl->path);
      }
      d.interactions.append(u, i, q.getColumn(2).getInt64(), static_cast<float>(q.getColumn(4).getDouble()),
                            static_cast<std::uint8_t>(q.getColumn(3).getInt()));
      if ((++n & 0xFFFFF) == 0) {
        if (control.cancelled()) return makeError(ErrorCode::Cancelled, "loading the project was cancelled");
        control.report(
            0.2 + 0.8 * static_cast<double>(n) / static_cast<double>(std::max<std::size_t>(1, nInter)),
            "reading interactions");
      }
    }
    control.report(1.0, "done");
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot read the dataset", e);
  }
  return d;
}

DatasetWriter::DatasetWriter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
DatasetWriter::~DatasetWriter() = default;  // the Transaction member rolls back if not committed

Status DatasetWriter::addInteraction(std::int32_t user, std::int32_t item, std::int64_t ts, float weight,
                                     std::uint8_t kind) {
  auto& s = *m_impl->insertInteraction;
  try {
    s.bind(1, user);
    s.bind(2, item);
    s.bind(3, static_cast<std::int64_t>(ts));
    s.bind(4, static_cast<int>(kind));
    s.bind(5, static_cast<double>(weight));
    s.exec();
    s.reset();
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->store->path, "cannot write an interaction", e);
  }
  ++m_impl->count;
  m_impl->maxUser = std::max(m_impl->maxUser, user);
  m_impl->maxItem = std::max(m_impl->maxItem, item);
  m_impl->maxKind = std::max(m_impl->maxKind, static_cast<int>(kind));
  if (user < 0 || item < 0) return makeError(ErrorCode::Internal, "negative user or item index");
  return Status::success();
}

Status DatasetWriter::addInteractions(const InteractionLog& log, std::size_t begin, std::size_t end) {
  for (std::size_t r = begin; r < end; ++r) {
    if (auto st = addInteraction(log.user[r], log.item[r], log.ts[r], log.weight[r], log.kind[r]); !st)
      return st;
  }
  return Status::success();
}

std::int64_t DatasetWriter::interactionCount() const {
  return m_impl->count;
}

void DatasetWriter::setMeta(const std::string& key, const std::string& value) {
  m_impl->meta.emplace_back(key, value);
}

void DatasetWriter::setPlantedTruth(const std::string& key, const std::string& json) {
  m_impl->planted.emplace_back(key, json);
}

Status DatasetWriter::commit(const DatasetInfo& info, const Catalog& items, const UserTable& users,
                             const std::vector<std::string>& kindNames, const TaskControl& control) {
  const auto& path = m_impl->store->path;
  if (m_impl->committed) return makeError(ErrorCode::Internal, "dataset already committed", path);
  if (m_impl->maxUser >= static_cast<std::int64_t>(users.size()) ||
      m_impl->maxItem >= static_cast<std::int64_t>(items.size()) ||
      m_impl->maxKind >= static_cast<int>(kindNames.size())) {
    return makeError(ErrorCode::Internal,
                     "an interaction refers to a user, item or kind that was not written", path);
  }
  auto& db = *m_impl->store->db;
  try {
    control.report(0.92, "writing catalog");
    {
      SQLite::Statement q(db,
                          "INSERT INTO items(idx, ext_id, title, price, first_seen) VALUES(?, ?, ?, ?, ?)");
      for (std::size_t r = 0; r < items.size(); ++r) {
        q.bind(1, static_cast<std::int64_t>(r));
        q.bind(2, items.ids[r]);
        q.bind(3, r < items.titles.size() ? items.titles[r] : std::string());
        if (r < items.prices.size() && !std::isnan(items.prices[r]))
          q.bind(4, items.prices[r]);
        else
          q.bind(4);
        if (r < items.firstSeen.size() && items.firstSeen[r] != kNoTime)
          q.bind(5, static_cast<std::int64_t>(items.firstSeen[r]));
        else
          q.bind(5);
        q.exec();
        q.reset();
      }
      SQLite::Statement f(db, "INSERT INTO item_fields(field, name) VALUES(?, ?)");
      SQLite::Statement v(db, "INSERT INTO item_values(item, field, value) VALUES(?, ?, ?)");
      for (std::size_t k = 0; k < items.fields.size(); ++k) {
        f.bind(1, static_cast<int>(k));
        f.bind(2, items.fields[k].name());
        f.exec();
        f.reset();
        const auto& field = items.fields[k];
        for (std::size_t r = 0; r < field.size() && r < items.size(); ++r) {
          if (field.codeAt(r) == CategoricalField::kMissing) continue;
          v.bind(1, static_cast<std::int64_t>(r));
          v.bind(2, static_cast<int>(k));
          v.bind(3, field.valueAt(r));
          v.exec();
          v.reset();
        }
      }
    }
    control.report(0.96, "writing users");
    {
      SQLite::Statement q(db, "INSERT INTO users(idx, ext_id) VALUES(?, ?)");
      for (std::size_t r = 0; r < users.size(); ++r) {
        q.bind(1, static_cast<std::int64_t>(r));
        q.bind(2, users.ids[r]);
        q.exec();
        q.reset();
      }
      SQLite::Statement f(db, "INSERT INTO user_fields(field, name) VALUES(?, ?)");
      SQLite::Statement v(db, "INSERT INTO user_values(user, field, value) VALUES(?, ?, ?)");
      for (std::size_t k = 0; k < users.fields.size(); ++k) {
        f.bind(1, static_cast<int>(k));
        f.bind(2, users.fields[k].name());
        f.exec();
        f.reset();
        const auto& field = users.fields[k];
        for (std::size_t r = 0; r < field.size() && r < users.size(); ++r) {
          if (field.codeAt(r) == CategoricalField::kMissing) continue;
          v.bind(1, static_cast<std::int64_t>(r));
          v.bind(2, static_cast<int>(k));
          v.bind(3, field.valueAt(r));
          v.exec();
          v.reset();
        }
      }
    }
    {
      SQLite::Statement q(db, "INSERT INTO interaction_kinds(kind, name) VALUES(?, ?)");
      for (std::size_t k = 0; k < kindNames.size(); ++k) {
        q.bind(1, static_cast<int>(k));
        q.bind(2, kindNames[k]);
        q.exec();
        q.reset();
      }
    }
    {
      SQLite::Statement q(db, "INSERT OR REPLACE INTO planted_truth(key, value) VALUES(?, ?)");
      for (const auto& [k, val] : m_impl->planted) {
        q.bind(1, k);
        q.bind(2, val);
        q.exec();
        q.reset();
      }
    }
    {
      auto meta = m_impl->meta;
      meta.emplace_back("dataset.name", info.name);
      meta.emplace_back("dataset.source", info.source);
      meta.emplace_back("dataset.time_unit", timeUnitName(info.timeUnit));
      meta.emplace_back("dataset.item_set_fields", setValuedFieldNames(items.fields));
      meta.emplace_back("dataset.user_set_fields", setValuedFieldNames(users.fields));
      SQLite::Statement q(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
      for (const auto& [k, val] : meta) {
        q.bind(1, k);
        q.bind(2, val);
        q.exec();
        q.reset();
      }
    }
    control.report(0.98, "building indexes");
    schema::createDatasetIndexes(db);
    if (control.cancelled())
      return makeError(ErrorCode::Cancelled, "writing the dataset was cancelled", path);
    m_impl->insertInteraction.reset();
    m_impl->tx->commit();
    m_impl->committed = true;
  } catch (const SQLite::Exception& e) {
    return storeError(path, "cannot write the dataset (nothing was changed)", e);
  }
  control.report(1.0, "done");
  return Status::success();
}

}  // namespace reclens
