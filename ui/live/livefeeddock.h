#pragma once
#include <QDockWidget>

#include <cstdint>
#include <deque>
#include <utility>

#include "live/liveupdate.h"

class QLabel;
class QTableView;
class QTimer;
class QToolButton;

namespace reclens {

class LiveFeedModel;
class LiveWatcher;
class MainWindow;

// The "Live events" dock, and what makes the window follow events appended to the open project
// (reclens-cli stream): a LiveWatcher notices each commit, and every update grows the Users and Items
// tables, swaps the grown snapshot and model into the Recommendations page (which recomputes the
// shown user's list, and so the Explanation page, when that user got events) and lists the newest
// events here, with the rate of events per second. Pause stops reading; resuming catches up.
class LiveFeedDock : public QDockWidget {
  Q_OBJECT

 public:
  explicit LiveFeedDock(MainWindow& window);
  ~LiveFeedDock() override;

  LiveWatcher* watcher() const { return m_watcher; }
  LiveFeedModel* model() const { return m_model; }
  QTableView* view() const { return m_view; }
  QToolButton* pauseButton() const { return m_pause; }
  QLabel* rateLabel() const { return m_rate; }
  QLabel* statusLabel() const { return m_status; }
  // Events per second over the last kRateWindowMs, and all events seen since the project was opened.
  double eventsPerSecond() const;
  std::int64_t eventsSeen() const { return m_seen; }

  static constexpr int kRateWindowMs = 2000;

 Q_SIGNALS:
  // An update was applied to the pages.
  void applied(const reclens::LiveUpdate& update);

 private:
  void projectOpened();
  void pagesFollowModel(const std::shared_ptr<const ModelSession>& session);
  void apply(const LiveUpdate& update);
  void updateRate();
  void showUserOf(const QModelIndex& index);

  MainWindow& m_window;
  // The snapshot the pages that follow the model were given (at opening, or by pagesFollowModel).
  std::shared_ptr<const DatasetSnapshot> m_opened;
  LiveWatcher* m_watcher;
  LiveFeedModel* m_model;
  QTableView* m_view;
  QToolButton* m_pause;
  QLabel* m_rate;
  QLabel* m_status;
  QTimer* m_rateTimer;
  std::deque<std::pair<qint64, std::int64_t>> m_recent;  // (ms, events) of the updates in the window
  std::int64_t m_seen = 0;
};

}  // namespace reclens
