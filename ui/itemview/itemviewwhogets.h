#pragma once
#include <QWidget>

#include <cstdint>
#include <memory>

#include "engine/reverselookup.h"
#include "services/backgroundjob.h"
#include "services/modelsession.h"

class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace reclens {

class ItemViewListModel;
class JobProgressBar;

// The Item view's "who gets it" panel: on request, scores every user with the loaded model (off the GUI
// thread, with progress and Cancel) and lists the users whose top-K holds the item, by rank.
class ItemWhoGetsPanel : public QWidget {
  Q_OBJECT

 public:
  // Users listed at most; the summary still counts them all.
  static constexpr int kMaxRows = 5000;

  explicit ItemWhoGetsPanel(QWidget* parent = nullptr);
  ~ItemWhoGetsPanel() override;

  // The model to score with; null when none is loaded. Clears the list.
  void setSession(std::shared_ptr<const ModelSession> session);
  // The item to look up (catalog row, -1 for none). Clears the list.
  void setItem(std::int32_t item);
  // Starts the look-up; false when there is no model or item, or one is running.
  bool run();

  BackgroundJob& job() { return m_job; }
  QPushButton* findButton() const { return m_find; }
  QSpinBox* kBox() const { return m_k; }
  QTableView* view() const { return m_view; }
  ItemViewListModel* model() const { return m_model; }
  QLabel* summary() const { return m_summary; }
  // The last finished look-up, null before the first or after a change of item or model.
  const std::shared_ptr<const ReverseLookupResult>& result() const { return m_result; }

 Q_SIGNALS:
  // A look-up ended (with users, an error or cancelled) and its outcome is on screen.
  void lookupFinished();
  // The user asked to see dataset user row `user` (double-click).
  void userRequested(int user);

 private:
  void show(const std::shared_ptr<const ReverseLookupResult>& result);
  void updateState();

  BackgroundJob m_job;
  std::shared_ptr<const ModelSession> m_session;
  std::int32_t m_item = -1;
  std::shared_ptr<const ReverseLookupResult> m_result;
  QString m_error;  // why the last look-up ended without a result
  QPushButton* m_find;
  QSpinBox* m_k;
  QLabel* m_summary;
  JobProgressBar* m_progress;
  ItemViewListModel* m_model;
  QTableView* m_view;
};

}  // namespace reclens
