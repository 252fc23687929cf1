#include "mainwindow/recentprojects.h"

#include <QFileInfo>
#include <QSettings>

namespace reclens {

namespace {
const QString kKey = QStringLiteral("recentProjects");
}

RecentProjects::RecentProjects(QSettings& settings, QObject* parent)
    : QObject(parent), m_settings(settings) {}

QStringList RecentProjects::paths() const {
  return m_settings.value(kKey).toStringList();
}

void RecentProjects::add(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QStringList list = paths();
  list.removeAll(absolute);
  list.prepend(absolute);
  while (list.size() > kMaxEntries) list.removeLast();
  store(list);
}

void RecentProjects::remove(const QString& path) {
  QStringList list = paths();
  if (list.removeAll(path) > 0) store(list);
}

void RecentProjects::clear() {
  store({});
}

void RecentProjects::store(const QStringList& list) {
  m_settings.setValue(kKey, list);
  Q_EMIT changed();
}

}  // namespace reclens
