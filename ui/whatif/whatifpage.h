#pragma once
#include <QWidget>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/recommendation.h"
#include "engine/whatifreplay.h"
#include "services/datasetsnapshot.h"
#include "services/modelsession.h"
#include "services/whatifresult.h"
#include "whatif/whatifstate.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;
class QTableView;
class QToolButton;

namespace reclens {

class AttributionHeatmap;
class EgoGraphPane;
class HistoryTimeline;
class ReplayController;
class WhatIfCatalogPanel;
class WhatIfEditor;
class WhatIfHistoryModel;
class WhatIfListModel;
class WhatIfMixPlot;
class WhatIfScenarioBar;
class WhatIfSearchBox;
class WhatIfService;

// The What-if editor: the selected user's history as a timeline and a table (toggle, re-weight, add
// from the catalog, change a user attribute), catalog delisting with its effect on a user sample,
// and a replay slider over the history's times. Every edit is undoable and recomputed off the GUI
// thread by a WhatIfService (debounced, latest wins): the new top-K with rank changes and overlap
// against the baseline (the unedited list or a saved scenario's), the interest mix, the attribution
// heatmap of the top rows and the ego graph of the selected row. Scenarios are saved in the project.
class WhatIfPage : public QWidget {
  Q_OBJECT

 public:
  // Rows of the list explained in the heatmap.
  static constexpr int kExplainRows = 10;

  explicit WhatIfPage(QWidget* parent = nullptr);
  ~WhatIfPage() override;

  // A project was opened: forgets the user and the model.
  void setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot);
  // The model to ask (from the Recommendations page); recomputes the current user.
  void setSession(std::shared_ptr<const ModelSession> session);
  // Edits dataset user row `user` from an unedited history.
  void showUser(int user);
  int currentUser() const { return m_user; }
  // The history item with the largest weight (the first of equals), -1 without a history.
  std::int32_t heaviestHistoryItem() const;
  // Saves the current edits under `name` / applies the saved scenario `name` (undoable); false on error.
  bool saveScenario(const QString& name);
  bool loadScenario(const QString& name);
  // The result on screen, if any.
  const std::optional<WhatIfOutcome>& outcome() const { return m_outcome; }

  WhatIfEditor* editor() const { return m_editor; }
  WhatIfService* service() const { return m_service; }
  WhatIfHistoryModel* historyModel() const { return m_historyModel; }
  QTableView* historyView() const { return m_historyView; }
  WhatIfListModel* listModel() const { return m_listModel; }
  QTableView* listView() const { return m_listView; }
  AttributionHeatmap* heatmap() const { return m_heatmap; }
  EgoGraphPane* graphPane() const { return m_graph; }
  HistoryTimeline* timeline() const { return m_timeline; }
  ReplayController* replay() const { return m_replay; }
  WhatIfCatalogPanel* catalogPanel() const { return m_catalog; }
  WhatIfSearchBox* searchBox() const { return m_search; }
  WhatIfScenarioBar* scenarioBar() const { return m_scenarios; }
  WhatIfMixPlot* mixPlot() const { return m_mix; }
  QTabWidget* editTabs() const { return m_tabs; }
  QToolButton* undoButton() const { return m_undoButton; }
  QToolButton* redoButton() const { return m_redoButton; }
  QToolButton* resetButton() const { return m_resetButton; }
  QToolButton* delistButton() const { return m_delistButton; }
  QComboBox* methodBox() const { return m_method; }
  QSpinBox* kBox() const { return m_k; }
  QLabel* summaryLabel() const { return m_summary; }
  QLabel* messageLabel() const { return m_message; }
  QLineEdit* userEdit() const { return m_userEdit; }

 Q_SIGNALS:
  // A new list (or its error) is on screen.
  void resultShown();
  // A new ego graph (or its error) is on screen.
  void graphShown();
  // A new catalog impact is on screen.
  void impactShown();

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  // whatifpage.cpp: layout
  QWidget* buildHeader();
  QWidget* buildEditor();
  QWidget* buildResults();
  void userEntered();
  void rebuildAttributes();
  void syncAttributes();
  // whatifpagecompute.cpp: requests and results
  void onStateChanged();
  void requestCompute();
  void requestGraph();
  void requestImpact();
  WhatIfRequest currentRequest() const;
  std::vector<std::int32_t> delistedRows(const WhatIfState& state) const;
  void showOutcome(const WhatIfOutcome& outcome);
  void showGraphOutcome(const WhatIfGraphOutcome& outcome);
  void showMessage(const QString& text, bool error);
  void delistSelected();
  QString itemTitle(std::int32_t item) const;
  // whatifpagescenarios.cpp
  std::string currentSpec() const;
  void compareWith(const QString& name, const std::string& specJson);

  WhatIfService* m_service;
  WhatIfEditor* m_editor;
  WhatIfHistoryModel* m_historyModel;
  WhatIfListModel* m_listModel;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::shared_ptr<const ModelSession> m_session;
  std::int32_t m_user = -1;
  std::vector<HistoryEvent> m_events;
  std::shared_ptr<const std::vector<Recommendation>> m_baseline;  // unedited list of (session, user, k)
  std::optional<std::vector<WhatIfEdit>> m_compareEdits;          // the compared scenario, when one is
  std::vector<std::int32_t> m_compareDelisted;
  QString m_compareName;
  std::vector<std::int32_t> m_delisted;  // catalog rows the state delists (items and brands' items)
  std::optional<WhatIfOutcome> m_outcome;
  std::int32_t m_graphItem = -1;
  bool m_dirty = false;  // a request is due once the page is visible

  QLineEdit* m_userEdit;
  QLabel* m_modelLabel;
  QSpinBox* m_k;
  QComboBox* m_method;
  QToolButton* m_undoButton;
  QToolButton* m_redoButton;
  QToolButton* m_resetButton;
  QLabel* m_timing;
  WhatIfScenarioBar* m_scenarios;
  HistoryTimeline* m_timeline;
  ReplayController* m_replay;
  QTabWidget* m_tabs;
  QTableView* m_historyView;
  WhatIfSearchBox* m_search;
  QWidget* m_attributes;
  QFormLayout* m_attributeForm;
  std::vector<QComboBox*> m_fieldBoxes;
  WhatIfCatalogPanel* m_catalog;
  QLabel* m_summary;
  QLabel* m_message;
  QTableView* m_listView;
  QToolButton* m_delistButton;
  WhatIfMixPlot* m_mix;
  AttributionHeatmap* m_heatmap;
  QLabel* m_heatmapNote;
  EgoGraphPane* m_graph;
};

}  // namespace reclens
