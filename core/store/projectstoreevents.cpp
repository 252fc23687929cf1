// ProjectStore::beginEvents and EventAppender: live events appended in small WAL transactions.
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "store/eventappender.h"
#include "store/projectstoreimpl.h"

namespace reclens {

namespace {

constexpr std::size_t kMaxKinds = 256;  // kinds are stored as one byte in memory (InteractionLog::kind)

using IdMap = std::unordered_map<std::string, std::int32_t>;

// ext_id -> idx of `table` (users or items), checking the indices are 0..n-1 as loadDataset wants.
IdMap loadIds(SQLite::Database& db, const char* table, const std::string& path, Status& status) {
  IdMap ids;
  ids.reserve(
      static_cast<std::size_t>(db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64()));
  SQLite::Statement q(db, std::string("SELECT idx, ext_id FROM ") + table + " ORDER BY idx");
  std::int64_t expected = 0;
  while (q.executeStep()) {
    if (q.getColumn(0).getInt64() != expected++) {
      status = makeError(ErrorCode::Schema, std::string(table) + " indices are not contiguous", path);
      return {};
    }
    ids.emplace(q.getColumn(1).getString(), static_cast<std::int32_t>(expected - 1));
  }
  return ids;
}

}  // namespace

struct EventAppender::Impl {
  ProjectStore::Impl* store = nullptr;
  EventAppendOptions options;
  std::string defaultKind;
  IdMap users;
  IdMap items;
  std::unordered_map<std::string, std::int32_t> kinds;
  std::unordered_set<std::string> queuedNewKinds;  // kinds of queued events the project lacks
  std::int64_t dataVersion = -1;                   // of the other connections' last commit we have read
  bool stale = true;                               // the maps must be re-read before the next write
  std::vector<StreamEvent> queue;
  std::chrono::steady_clock::time_point oldest{};
  EventAppendTotals totals;
  std::unique_ptr<SQLite::Statement> insertUser;
  std::unique_ptr<SQLite::Statement> insertItem;
  std::unique_ptr<SQLite::Statement> insertKind;
  std::unique_ptr<SQLite::Statement> insertInteraction;

  Status reload() {
    auto& db = *store->db;
    Status status;
    users = loadIds(db, "users", store->path, status);
    if (status.ok()) items = loadIds(db, "items", store->path, status);
    if (!status.ok()) return status;
    kinds.clear();
    SQLite::Statement q(db, "SELECT kind, name FROM interaction_kinds ORDER BY kind");
    std::int32_t expected = 0;
    while (q.executeStep()) {
      if (q.getColumn(0).getInt() != expected++)
        return makeError(ErrorCode::Schema, "interaction kinds are not contiguous", store->path);
      kinds.emplace(q.getColumn(1).getString(), expected - 1);
    }
    stale = false;
    return Status::success();
  }

  std::int64_t readDataVersion() { return store->db->execAndGet("PRAGMA data_version").getInt64(); }

  // The row of `id` in `map`, inserting it with `insert` (idx, ext_id[, first_seen]) when new.
  std::int32_t resolve(IdMap& map, SQLite::Statement& insert, const std::string& id, const std::int64_t* ts,
                       std::int64_t& created) {
    if (const auto it = map.find(id); it != map.end()) return it->second;
    const auto idx = static_cast<std::int32_t>(map.size());
    insert.bind(1, idx);
    insert.bind(2, id);
    if (ts != nullptr) insert.bind(3, *ts);
    insert.exec();
    insert.reset();
    map.emplace(id, idx);
    ++created;
    return idx;
  }

  // Writes the queue inside an open transaction, counting what it wrote and created into `add`.
  void writeQueue(EventAppendTotals& add) {
    auto& ins = *insertInteraction;
    for (const auto& e : queue) {
      const auto u = resolve(users, *insertUser, e.user, nullptr, add.usersCreated);
      const auto i = resolve(items, *insertItem, e.item, &e.ts, add.itemsCreated);
      const auto& kindName = e.kind.empty() ? defaultKind : e.kind;
      auto k = kinds.find(kindName);
      if (k == kinds.end()) {
        if (kinds.size() >= kMaxKinds) {
          throw std::length_error("the project already has " + std::to_string(kMaxKinds) +
                                  " interaction kinds; kind \"" + kindName + "\" cannot be added");
        }
        const auto idx = static_cast<std::int32_t>(kinds.size());
        insertKind->bind(1, idx);
        insertKind->bind(2, kindName);
        insertKind->exec();
        insertKind->reset();
        k = kinds.emplace(kindName, idx).first;
        ++add.kindsCreated;
      }
      ins.bind(1, u);
      ins.bind(2, i);
      ins.bind(3, e.ts);
      ins.bind(4, k->second);
      ins.bind(5, static_cast<double>(e.weight));
      ins.exec();
      ins.reset();
    }
    add.events = static_cast<std::int64_t>(queue.size());
  }
};

Result<std::unique_ptr<EventAppender>> ProjectStore::beginEvents(const EventAppendOptions& options) {
  auto impl = std::make_unique<EventAppender::Impl>();
  impl->store = m_impl.get();
  impl->options = options;
  impl->options.batchEvents = std::max<std::size_t>(1, options.batchEvents);
  auto& db = *m_impl->db;
  try {
    if (metaValue("dataset.time_unit").ok() && metaValue("dataset.time_unit").value() == "sequence") {
      return makeError(ErrorCode::InvalidArgument,
                       "keeps only the order of interactions (imported without timestamps); events with "
                       "times cannot be appended to it",
                       m_impl->path);
    }
    const auto mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal") {
      return makeError(ErrorCode::Io,
                       "cannot switch to SQLite's WAL journal mode (got \"" + mode +
                           "\"); is the file on a network or read-only file system?",
                       m_impl->path);
    }
    db.exec(options.fullSync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    impl->dataVersion = impl->readDataVersion();
    if (auto st = impl->reload(); !st) return st.error();
    if (!options.defaultKind.empty()) {
      impl->defaultKind = options.defaultKind;
    } else {
      SQLite::Statement q(db, "SELECT name FROM interaction_kinds ORDER BY kind LIMIT 1");
      impl->defaultKind = q.executeStep() ? q.getColumn(0).getString() : std::string("interaction");
    }
    impl->insertUser = std::make_unique<SQLite::Statement>(db, "INSERT INTO users(idx, ext_id) VALUES(?, ?)");
    impl->insertItem =
        std::make_unique<SQLite::Statement>(db, "INSERT INTO items(idx, ext_id, first_seen) VALUES(?, ?, ?)");
    impl->insertKind =
        std::make_unique<SQLite::Statement>(db, "INSERT INTO interaction_kinds(kind, name) VALUES(?, ?)");
    impl->insertInteraction = std::make_unique<SQLite::Statement>(
        db, "INSERT INTO interactions(user, item, ts, kind, weight) VALUES(?, ?, ?, ?, ?)");
    impl->queue.reserve(impl->options.batchEvents);
  } catch (const SQLite::Exception& e) {
    return storeError(m_impl->path, "cannot start appending events", e);
  }
  return std::unique_ptr<EventAppender>(new EventAppender(std::move(impl)));
}

EventAppender::EventAppender(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
EventAppender::~EventAppender() = default;

Status EventAppender::append(const StreamEvent& event) {
  auto& m = *m_impl;
  const auto& kind = event.kind.empty() ? m.defaultKind : event.kind;
  if (!m.kinds.count(kind) && !m.queuedNewKinds.count(kind)) {
    if (m.kinds.size() + m.queuedNewKinds.size() >= kMaxKinds) {
      return makeError(ErrorCode::InvalidArgument, "kind \"" + kind.substr(0, 64) +
                                                       "\" would be the project's " +
                                                       std::to_string(kMaxKinds + 1) + "th interaction kind");
    }
    m.queuedNewKinds.insert(kind);
  }
  if (m.queue.empty()) m.oldest = std::chrono::steady_clock::now();
  m.queue.push_back(event);
  if (m.queue.size() >= m.options.batchEvents || flushDue()) return flush();
  return Status::success();
}

Status EventAppender::flush() {
  auto& m = *m_impl;
  if (m.queue.empty()) return Status::success();
  auto& db = *m.store->db;
  EventAppendTotals add;
  try {
    // IMMEDIATE takes the write lock now, so the maps checked below cannot change before COMMIT.
    db.exec("BEGIN IMMEDIATE");
    try {
      const auto version = m.readDataVersion();
      if (version != m.dataVersion || m.stale) {
        if (auto st = m.reload(); !st) {
          db.exec("ROLLBACK");
          return st;
        }
        m.dataVersion = version;
      }
      m.writeQueue(add);
      db.exec("COMMIT");
    } catch (...) {
      m.stale = true;  // the maps may hold rows the rollback removed
      try {
        db.exec("ROLLBACK");
      } catch (const SQLite::Exception&) {
        // SQLite may have rolled back already (e.g. after SQLITE_FULL); the transaction is gone either way
      }
      throw;
    }
  } catch (const SQLite::Exception& e) {
    return storeError(m.store->path, "cannot append " + std::to_string(m.queue.size()) + " events", e);
  } catch (const std::length_error& e) {
    return makeError(ErrorCode::InvalidArgument, e.what(), m.store->path);
  }
  m.totals.events += add.events;
  m.totals.usersCreated += add.usersCreated;
  m.totals.itemsCreated += add.itemsCreated;
  m.totals.kindsCreated += add.kindsCreated;
  ++m.totals.transactions;
  m.queue.clear();
  m.queuedNewKinds.clear();
  return Status::success();
}

bool EventAppender::flushDue() const {
  return !m_impl->queue.empty() && std::chrono::steady_clock::now() >= flushDeadline();
}

std::chrono::steady_clock::time_point EventAppender::flushDeadline() const {
  if (m_impl->queue.empty()) return std::chrono::steady_clock::time_point::max();
  return m_impl->oldest + m_impl->options.batchInterval;
}

std::size_t EventAppender::pending() const {
  return m_impl->queue.size();
}

const EventAppendTotals& EventAppender::totals() const {
  return m_impl->totals;
}

const std::string& EventAppender::defaultKind() const {
  return m_impl->defaultKind;
}

}  // namespace reclens
