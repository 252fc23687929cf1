#pragma once
#include <QString>
#include <QWidget>

#include <string>
#include <vector>

#include "store/projectstore.h"

class QComboBox;
class QPushButton;

namespace reclens {

// The saved what-if scenarios of the current user in the project file: pick one to load, save the
// current edits under a name, delete, and pick one to compare the current list against. Each
// operation opens the project file briefly on the GUI thread (small single-row transactions).
class WhatIfScenarioBar : public QWidget {
  Q_OBJECT

 public:
  explicit WhatIfScenarioBar(QWidget* parent = nullptr);

  // The project file and the user (external id) whose scenarios are listed; reloads the list.
  void setProject(const std::string& path);
  void setUser(const std::string& userRef);
  // Saves `specJson` as `name` for the current user (replacing one of that name); false on error,
  // which failed() reports.
  bool save(const QString& name, const std::string& specJson);
  // The saved scenarios listed (of the current user), by name.
  const std::vector<ProjectStore::ScenarioRecord>& scenarios() const { return m_records; }
  // Selects the scenario called `name` in the load box; false when there is none.
  bool selectScenario(const QString& name);

  QComboBox* scenarioBox() const { return m_box; }
  QComboBox* compareBox() const { return m_compare; }
  QPushButton* saveButton() const { return m_save; }
  QPushButton* loadButton() const { return m_load; }
  QPushButton* deleteButton() const { return m_delete; }

 Q_SIGNALS:
  // Save was clicked and a name given: the page answers with save(name, its spec).
  void saveRequested(const QString& name);
  // Load was clicked: apply this scenario.
  void loadRequested(const QString& name, const std::string& specJson);
  // The comparison scenario changed: `specJson` empty for "the unedited history".
  void compareChanged(const QString& name, const std::string& specJson);
  void failed(const QString& message);

 private:
  void reload(const QString& select);
  void askName();
  void loadSelected();
  void deleteSelected();
  const ProjectStore::ScenarioRecord* record(int boxIndex) const;

  std::string m_path;
  std::string m_user;
  std::vector<ProjectStore::ScenarioRecord> m_records;
  QComboBox* m_box;
  QPushButton* m_load;
  QPushButton* m_save;
  QPushButton* m_delete;
  QComboBox* m_compare;
};

}  // namespace reclens
