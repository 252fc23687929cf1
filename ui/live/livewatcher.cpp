#include "live/livewatcher.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

#include "store/projectstore.h"
#include "widgets/displayformat.h"

namespace reclens {

// The reading connection, opened on the pool's thread and kept for the next reads of the same file.
struct LiveWatcher::ReaderSlot {
  std::string path;
  std::unique_ptr<ProjectStore> store;
};

namespace {

struct ReadResult {
  std::uint64_t generation = 0;
  std::optional<LiveUpdate> update;  // none: nothing new
  AppendCursor next;
  std::optional<Error> error;
};

AppendCursor cursorOf(const DatasetSnapshot& snapshot) {
  AppendCursor c;
  c.interactions = static_cast<std::int64_t>(snapshot.interactionCount());
  c.users = static_cast<std::int64_t>(snapshot.userCount());
  c.items = static_cast<std::int64_t>(snapshot.itemCount());
  c.kinds = static_cast<std::int64_t>(snapshot.dataset().interactions.kindNames.size());
  return c;
}

}  // namespace

LiveWatcher::LiveWatcher(QObject* parent) : QObject(parent), m_reader(std::make_shared<ReaderSlot>()) {
  qRegisterMetaType<reclens::LiveUpdate>();
  m_pool.setMaxThreadCount(1);
  m_timer.setInterval(kCheckMs);
  connect(&m_timer, &QTimer::timeout, this, &LiveWatcher::check);
  m_clock.start();
}

LiveWatcher::~LiveWatcher() {
  m_pool.waitForDone();
}

void LiveWatcher::follow(std::shared_ptr<const DatasetSnapshot> snapshot) {
  ++m_generation;
  m_snapshot = std::move(snapshot);
  m_session.reset();
  m_versionStore.reset();
  m_version.reset();
  m_again = false;
  m_timer.stop();
  if (!m_snapshot) return;
  m_cursor = cursorOf(*m_snapshot);
  auto store = ProjectStore::open(m_snapshot->projectPath(), ProjectStore::Mode::ReadOnly);
  if (!store) return stop(display::text(store.error().message));
  m_versionStore = std::move(store).value();
  // The first check reads at once: rows may have landed between loading the project and now.
  m_timer.start();
}

void LiveWatcher::setSession(std::shared_ptr<const ModelSession> session) {
  m_session = std::move(session);
  if (m_session && m_snapshot && &m_session->snapshot() != m_snapshot.get()) m_version.reset();
  if (m_reading) m_again = true;
}

void LiveWatcher::setPaused(bool paused) {
  m_paused = paused;
}

void LiveWatcher::check() {
  if (m_paused || !m_versionStore) return;
  const auto version = m_versionStore->dataVersion();
  if (!version) return stop(display::text(version.error().message));
  if (m_version && *m_version == version.value()) return;
  m_version = version.value();
  if (m_reading) {
    m_again = true;
    return;
  }
  launch();
}

void LiveWatcher::launch() {
  m_reading = true;
  m_again = false;
  auto slot = m_reader;
  auto base = m_snapshot;
  auto baseSession = m_session;
  const auto cursor = m_cursor;
  const auto generation = m_generation;
  const qint64 noticed = m_clock.elapsed();
  QtConcurrent::run(&m_pool, [slot, base, baseSession, cursor, generation, noticed]() {
    ReadResult result;
    result.generation = generation;
    result.next = cursor;
    try {
      if (!slot->store || slot->path != base->projectPath()) {
        slot->store.reset();
        auto store = ProjectStore::open(base->projectPath(), ProjectStore::Mode::ReadOnly);
        if (!store) {
          result.error = store.error();
          return result;
        }
        slot->store = std::move(store).value();
        slot->path = base->projectPath();
      }
      auto rows = slot->store->appendedSince(cursor, kMaxRows);
      if (!rows) {
        result.error = rows.error();
        return result;
      }
      result.next = rows.value().next;
      const bool grew = !rows.value().interactions.user.empty() || !rows.value().users.ids.empty() ||
                        !rows.value().items.ids.empty();
      const bool staleSession = baseSession && &baseSession->snapshot() != base.get();
      if (!grew && !staleSession) return result;
      LiveUpdate update;
      update.base = base;
      update.baseSession = baseSession;
      update.firstRow = base->interactionCount();
      update.snapshot = grew ? DatasetSnapshot::extended(*base, rows.value()) : base;
      if (baseSession) update.session = baseSession->withSnapshot(update.snapshot);
      update.noticedMs = noticed;
      update.more = rows.value().interactions.user.size() >= kMaxRows;
      result.update = std::move(update);
    } catch (const std::exception& e) {
      result.error = makeError(ErrorCode::Internal, e.what());
    }
    return result;
  }).then(this, [this](const ReadResult& result) {
    m_reading = false;
    if (result.generation != m_generation) return;  // another project is followed now
    if (result.error) return stop(display::text(result.error->message));
    if (result.update) {
      // The model changed during the read: this update was made with the old one; read again.
      if (result.update->baseSession != m_session) {
        launch();
        return;
      }
      m_cursor = result.next;
      m_snapshot = result.update->snapshot;
      m_session = result.update->session;
      Q_EMIT updated(*result.update);
      if (result.update->more) m_again = true;
    } else {
      m_cursor = result.next;
    }
    if (m_again && !m_paused && m_snapshot) launch();
  });
}

void LiveWatcher::stop(const QString& message) {
  m_timer.stop();
  m_versionStore.reset();
  Q_EMIT failed(tr("Stopped following the project: %1").arg(message));
}

}  // namespace reclens
