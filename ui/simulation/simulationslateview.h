#pragma once
#include <QWidget>

#include <cstdint>
#include <memory>

#include "services/datasetsnapshot.h"
#include "sim/simulation.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStringListModel;
class QTableWidget;

namespace reclens {

// "Why did round t show this?": the slate one user was shown in one round under one policy (the run's
// first seed), in slate order, with the items the user took marked; and buttons that open the user on
// the Recommendations page or explain the selected item on the Explanation page.
class SimulationSlateView : public QWidget {
  Q_OBJECT

 public:
  explicit SimulationSlateView(QWidget* parent = nullptr);

  // The run (null: none) and the project whose rows it names (null: none).
  void setData(std::shared_ptr<const sim::SimResult> result, std::shared_ptr<const DatasetSnapshot> snapshot);
  // Shows round `round` (1-based) of policy `policy` for the chosen user (or the round's first user).
  void showRound(int policy, int round);
  // Chooses the user with external id `id`; false (with a message) when they were not shown a slate.
  bool showUser(const QString& id);

  // The user row shown, -1 when none.
  int currentUser() const { return m_user; }
  // The slate shown: catalog rows in slate order and which were taken.
  const sim::ShownSlate* currentSlate() const { return m_slate; }
  QComboBox* policyBox() const { return m_policy; }
  QSpinBox* roundBox() const { return m_round; }
  QLineEdit* userEdit() const { return m_userEdit; }
  QTableWidget* table() const { return m_table; }
  QLabel* statusLabel() const { return m_status; }
  QPushButton* recommendationsButton() const { return m_openRecs; }
  QPushButton* explainButton() const { return m_explain; }

 Q_SIGNALS:
  // Open the user (dataset row) on the Recommendations page.
  void recommendationsRequested(int user);
  // Explain catalog row `item` (-1: the user's list) for the user on the Explanation page.
  void explanationRequested(int user, int item);

 private:
  const std::vector<sim::ShownSlate>* roundSlates() const;
  void refreshUsers();
  void refresh();
  void updateButtons();

  std::shared_ptr<const sim::SimResult> m_result;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  QComboBox* m_policy;
  QSpinBox* m_round;
  QLineEdit* m_userEdit;
  QStringListModel* m_userIds;
  QTableWidget* m_table;
  QLabel* m_status;
  QPushButton* m_openRecs;
  QPushButton* m_explain;
  int m_user = -1;
  const sim::ShownSlate* m_slate = nullptr;
};

}  // namespace reclens
