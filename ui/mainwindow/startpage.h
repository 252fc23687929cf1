#pragma once
#include <QWidget>

class QListWidget;
class QListWidgetItem;

namespace reclens {

class RecentProjects;

// The first page: recent projects and the ways to get a project (import CSV, demo, open a file).
class StartPage : public QWidget {
  Q_OBJECT

 public:
  explicit StartPage(RecentProjects& recent, QWidget* parent = nullptr);

  QListWidget* recentList() const { return m_list; }

 Q_SIGNALS:
  void openRecentRequested(const QString& path);
  void openFileRequested();
  void importRequested();
  void demoRequested();

 private:
  void refresh();
  void activate(QListWidgetItem* item);

  RecentProjects& m_recent;
  QListWidget* m_list;
};

}  // namespace reclens
