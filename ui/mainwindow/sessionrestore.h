#pragma once
#include <QObject>
#include <QString>

class QSettings;

namespace reclens {

class MainWindow;

// Keeps the working session in the QSettings given by main: the open project, the selected user and
// item, the current page and the sizes of the named splitters, each saved as it changes. restore()
// reopens the project and, once it has loaded, brings the user, item and page back. (Window geometry
// and dock state are saved by the main window itself.)
class SessionRestore : public QObject {
  Q_OBJECT

 public:
  // Follows `window`'s pages; restores the sizes of its named splitters as each is first shown.
  SessionRestore(QSettings& settings, MainWindow& window);

  // Reopens the last project when its file still exists; false when there is none to reopen.
  bool restore();
  // The project that restore() would reopen ("" when none).
  QString savedProject() const;
  // Saves the sizes of the window's named splitters (they are also saved whenever one is dragged).
  void saveLayout();

 protected:
  // Restores a named splitter's sizes when it is first shown, once it has its real width.
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void onProjectOpened();
  void saveUser(int user);
  void saveItem(int item);

  QSettings& m_settings;
  MainWindow& m_window;
  bool m_pending = false;  // restore() opened a project whose user, item and page are still to apply
  QString m_pendingProject;
  QString m_pendingUser;
  QString m_pendingItem;
  int m_pendingPage = -1;
};

}  // namespace reclens
