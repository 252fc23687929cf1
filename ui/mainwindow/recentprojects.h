#pragma once
#include <QObject>
#include <QStringList>

class QSettings;

namespace reclens {

// The most recently opened project files, newest first, kept in the QSettings given by main.
class RecentProjects : public QObject {
  Q_OBJECT

 public:
  static constexpr int kMaxEntries = 10;

  explicit RecentProjects(QSettings& settings, QObject* parent = nullptr);

  QStringList paths() const;
  // Moves `path` (made absolute) to the front, dropping the oldest beyond kMaxEntries.
  void add(const QString& path);
  void remove(const QString& path);
  void clear();

 Q_SIGNALS:
  void changed();

 private:
  void store(const QStringList& paths);

  QSettings& m_settings;
};

}  // namespace reclens
