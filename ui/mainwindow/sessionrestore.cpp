#include "mainwindow/sessionrestore.h"

#include <QEvent>
#include <QFileInfo>
#include <QSettings>
#include <QSplitter>

#include <algorithm>

#include "itemview/itemviewpage.h"
#include "mainwindow/mainwindow.h"
#include "recommendations/recommendationspage.h"
#include "tables/userspage.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
const QString kProjectKey = QStringLiteral("session/project");
const QString kUserKey = QStringLiteral("session/user");
const QString kItemKey = QStringLiteral("session/item");
const QString kPageKey = QStringLiteral("session/page");
const QString kSplitterKey = QStringLiteral("session/splitters/%1");

// Row of `id` in `ids`, -1 when absent.
int rowOf(const std::vector<std::string>& ids, const QString& id) {
  if (id.isEmpty()) return -1;
  const auto it = std::find(ids.begin(), ids.end(), id.toStdString());
  return it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
}
}  // namespace

SessionRestore::SessionRestore(QSettings& settings, MainWindow& window)
    : QObject(&window), m_settings(settings), m_window(window) {
  for (auto* splitter : window.findChildren<QSplitter*>()) {
    if (splitter->objectName().isEmpty()) continue;
    const QString key = kSplitterKey.arg(splitter->objectName());
    if (m_settings.contains(key)) splitter->installEventFilter(this);
    connect(splitter, &QSplitter::splitterMoved, this,
            [this, splitter, key] { m_settings.setValue(key, splitter->saveState()); });
  }
  connect(&window, &MainWindow::projectOpened, this, &SessionRestore::onProjectOpened);
  connect(&window, &MainWindow::pageChanged, this, [this](int page) {
    if (m_window.projects().snapshot()) m_settings.setValue(kPageKey, page);
  });
  connect(window.usersPage(), &UsersPage::currentUserChanged, this, &SessionRestore::saveUser);
  connect(window.recommendationsPage(), &RecommendationsPage::resultShown, this,
          [this](const RecomputeResult& result) { saveUser(result.request.user); });
  connect(window.itemViewPage(), &ItemViewPage::itemShown, this, &SessionRestore::saveItem);
}

bool SessionRestore::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Show) {
    if (auto* splitter = qobject_cast<QSplitter*>(watched)) {
      splitter->removeEventFilter(this);
      splitter->restoreState(m_settings.value(kSplitterKey.arg(splitter->objectName())).toByteArray());
    }
  }
  return QObject::eventFilter(watched, event);
}

void SessionRestore::saveLayout() {
  for (auto* splitter : m_window.findChildren<QSplitter*>()) {
    if (!splitter->objectName().isEmpty())
      m_settings.setValue(kSplitterKey.arg(splitter->objectName()), splitter->saveState());
  }
}

QString SessionRestore::savedProject() const {
  const QString path = m_settings.value(kProjectKey).toString();
  return !path.isEmpty() && QFileInfo::exists(path) ? path : QString();
}

bool SessionRestore::restore() {
  const QString path = savedProject();
  if (path.isEmpty()) return false;
  m_pending = true;
  m_pendingProject = QFileInfo(path).absoluteFilePath();
  m_pendingUser = m_settings.value(kUserKey).toString();
  m_pendingItem = m_settings.value(kItemKey).toString();
  m_pendingPage = m_settings.value(kPageKey, -1).toInt();
  m_window.openProject(path);
  return true;
}

void SessionRestore::onProjectOpened() {
  const auto& snapshot = m_window.projects().snapshot();
  const QString path = QFileInfo(display::text(snapshot->projectPath())).absoluteFilePath();
  if (m_pending && path != m_pendingProject) m_pending = false;  // another project was opened meanwhile
  if (!m_pending) {
    // A project opened by hand starts a new session: nothing of the previous one applies to it.
    m_settings.setValue(kProjectKey, path);
    m_settings.remove(kUserKey);
    m_settings.remove(kItemKey);
    return;
  }
  m_pending = false;
  if (const int user = rowOf(snapshot->dataset().users.ids, m_pendingUser); user >= 0) {
    m_window.usersPage()->selectUser(user);
    m_window.recommendationsPage()->showUser(user);
  }
  if (const int item = rowOf(snapshot->dataset().items.ids, m_pendingItem); item >= 0)
    m_window.itemViewPage()->showItem(item);
  if (m_pendingPage >= 0 && m_pendingPage < m_window.pageCount()) m_window.showPage(m_pendingPage);
}

void SessionRestore::saveUser(int user) {
  const auto& snapshot = m_window.projects().snapshot();
  if (!snapshot || m_pending || user < 0 || static_cast<std::size_t>(user) >= snapshot->userCount()) return;
  m_settings.setValue(kUserKey, display::text(snapshot->dataset().users.ids[static_cast<std::size_t>(user)]));
}

void SessionRestore::saveItem(int item) {
  const auto& snapshot = m_window.projects().snapshot();
  if (!snapshot || m_pending || item < 0 || static_cast<std::size_t>(item) >= snapshot->itemCount()) return;
  m_settings.setValue(kItemKey, display::text(snapshot->dataset().items.ids[static_cast<std::size_t>(item)]));
}

}  // namespace reclens
