#pragma once
#include <QMainWindow>

#include "engine/computedevice.h"
#include "mainwindow/projectcontroller.h"
#include "mainwindow/recentprojects.h"

class QLabel;
class QListWidget;
class QMenu;
class QSettings;
class QStackedWidget;

namespace reclens {

class AuditService;
class EmbeddingMapPage;
class FairnessPage;
class ItemsPage;
class LongTailPage;
class JobProgressBar;
class ExplanationPage;
class RecommendationsPage;
class StartPage;
class UsersPage;
class Bookmarks;
class BookmarksDock;
class LiveFeedDock;
class ItemViewPage;
class SessionRestore;
class WhatIfPage;
class PresentationMode;
class SimulationPage;

// The application window. It only assembles: menus and shortcuts, a navigation list beside a stack
// of pages, the status bar, and the wiring between the project controller and the pages.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  // `settings` (recent projects, geometry) and `device` come from main; `demoPath` is where the
  // demo project is kept.
  MainWindow(QSettings& settings, ComputeDevice device, const QString& demoPath, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Adds a page to the navigation; the first nine get Ctrl+1..Ctrl+9. Returns its index.
  int addPage(const QString& iconPath, const QString& title, const QString& toolTip, QWidget* page);
  void showPage(int index);
  int currentPage() const;
  // Index of `page` in the navigation, -1 when it is not one.
  int pageIndex(QWidget* page) const;
  int pageCount() const;

  void openProject(const QString& path);
  void openDemo();
  void showImportDialog();

  ProjectController& projects() { return m_projects; }
  StartPage* startPage() const { return m_start; }
  UsersPage* usersPage() const { return m_users; }
  ItemsPage* itemsPage() const { return m_items; }
  RecommendationsPage* recommendationsPage() const { return m_recs; }
  ExplanationPage* explanationPage() const { return m_explain; }
  AuditService* auditService() const { return m_audit; }
  LongTailPage* longTailPage() const { return m_longTail; }
  FairnessPage* fairnessPage() const { return m_fairness; }
  EmbeddingMapPage* embeddingMapPage() const { return m_embedding; }
  SimulationPage* simulationPage() const { return m_simulation; }
  // Shows the Recommendations page for dataset user row `user`.
  void showRecommendations(int user);
  // Shows the Explanation page for dataset user row `user`, with catalog row `item` selected (and
  // explained even when it is not in the user's list) unless it is -1.
  void showExplanation(int user, int item = -1);
  // Shows the Explanation page comparing catalog row `item` with `versus` for dataset user row `user`.
  void compareItems(int user, int item, int versus);
  ItemViewPage* itemViewPage() const { return m_itemView; }
  WhatIfPage* whatIfPage() const { return m_whatIf; }
  PresentationMode* presentation() const { return m_presentation; }
  // The page list beside the stack (presentation mode hides it).
  QListWidget* navigation() const { return m_nav; }
  Bookmarks& bookmarks() { return *m_bookmarks; }
  BookmarksDock* bookmarksDock() const { return m_bookmarksDock; }
  LiveFeedDock* liveFeedDock() const { return m_liveDock; }
  // Shows the Item view for catalog row `item`.
  void showItem(int item);
  // Reopens the project of the last session with its user, item and page; false when there is none.
  bool restoreSession();
  // The status bar's project and counts text.
  QString statusText() const;
  QString deviceText() const;

 Q_SIGNALS:
  void projectOpened();
  void pageChanged(int index);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void createMenus();
  void rebuildRecentMenu();
  void chooseProjectFile();
  void focusFilter();
  void toggleBookmark();
  void onProjectOpened();
  void onFailed(const QString& action, const Error& error);

  QSettings& m_settings;
  ComputeDevice m_device;
  RecentProjects m_recent;
  ProjectController m_projects;
  QListWidget* m_nav;
  QStackedWidget* m_stack;
  StartPage* m_start;
  UsersPage* m_users;
  ItemsPage* m_items;
  RecommendationsPage* m_recs;
  ExplanationPage* m_explain;
  AuditService* m_audit;
  LongTailPage* m_longTail;
  FairnessPage* m_fairness;
  EmbeddingMapPage* m_embedding;
  SimulationPage* m_simulation;
  QMenu* m_recentMenu = nullptr;
  QMenu* m_pagesMenu = nullptr;
  QLabel* m_projectLabel;
  QLabel* m_countsLabel;
  QLabel* m_deviceLabel;
  JobProgressBar* m_progress;
  Bookmarks* m_bookmarks = nullptr;
  ItemViewPage* m_itemView = nullptr;
  BookmarksDock* m_bookmarksDock = nullptr;
  LiveFeedDock* m_liveDock = nullptr;
  SessionRestore* m_session = nullptr;
  WhatIfPage* m_whatIf = nullptr;
  PresentationMode* m_presentation = nullptr;
};

}  // namespace reclens
