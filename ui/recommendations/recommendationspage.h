#pragma once
#include <QPointer>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "engine/computedevice.h"
#include "model/trainer.h"
#include "recommendations/modeltrustprompt.h"
#include "services/backgroundjob.h"
#include "services/datasetsnapshot.h"
#include "services/modelsession.h"
#include "services/recomputeresult.h"
#include "store/projectstore.h"

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QStackedWidget;
class QTableView;

namespace reclens {

class ExplanationService;
class RecommendationModel;
class ReRankControls;
class RecomputeService;
class ModelInfoDialog;
class TrainProgressDialog;

// The Recommendations page: pick a registered model (loaded off the GUI thread), a user and K, move
// the re-ranking knobs, and read the top-K with popularity badges beside the user's history. Every
// change is recomputed by a RecomputeService. Without a model it offers to train one.
class RecommendationsPage : public QWidget {
  Q_OBJECT

 public:
  RecommendationsPage(ComputeDevice device, QWidget* parent = nullptr);
  ~RecommendationsPage() override;

  // Shows `snapshot`'s project: lists its models and loads the newest.
  void setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot);
  // Shows recommendations for dataset user row `user` (once a model is loaded).
  void showUser(int user);
  // Follows live events (recommendationspagelive.cpp): `grown` is the open project with rows
  // appended and `session` the model shown over it (null: none loaded). The user, K and knobs stay;
  // the list is recomputed, its new rows marked, when `userChanged` (the shown user got events).
  void followLive(std::shared_ptr<const DatasetSnapshot> grown, std::shared_ptr<const ModelSession> session,
                  bool userChanged);
  // Trains a model with `config` beside the project, registers and loads it, drawing its learning curve
  // in a progress dialog (recommendationspagetrain.cpp). With `keepOutcome` the dialog stays open
  // afterwards saying which epoch the model keeps and why. False while busy.
  bool trainModel(const TrainConfig& config, const std::string& name = {}, bool keepOutcome = false);
  // Opens the train dialog, then trains what it asks for.
  void chooseAndTrain();
  // Opens the information on the chosen model (file, kind, learning curve); null without a model.
  ModelInfoDialog* showModelInfo();
  // Orders the table by the personal part of the scores, largest first (rank order is one header
  // click away).
  void sortByPersonalPart();

  // Answers the question asked before a model outside the project's folder or with a changed hash
  // is loaded (ModelTrustPrompt); the default is a modal dialog.
  void setModelConfirmation(ModelConfirmation confirm) { m_confirmModel = std::move(confirm); }

  bool hasModels() const { return !m_records.empty(); }
  int currentUser() const { return m_user; }
  const std::shared_ptr<const ModelSession>& session() const { return m_session; }
  BackgroundJob& job() { return m_job; }
  RecommendationModel* recommendations() const { return m_model; }
  // What the table shows: the recommendations in the order of the column clicked.
  QSortFilterProxyModel* sortedRecommendations() const { return m_sorted; }
  QComboBox* modelBox() const { return m_modelBox; }
  QLineEdit* userEdit() const { return m_userEdit; }
  QSpinBox* kBox() const { return m_k; }
  ReRankControls* knobs() const { return m_knobs; }
  QTableView* table() const { return m_table; }
  // "Why is “A” above “B”?": enabled while exactly two rows are selected (context menu, Ctrl+Shift+W).
  QAction* compareAction() const { return m_compare; }
  QListWidget* historyList() const { return m_history; }
  QLabel* timingLabel() const { return m_timing; }
  QLabel* messageLabel() const { return m_message; }
  QPushButton* trainButton() const { return m_train; }
  QPushButton* modelInfoButton() const { return m_info; }
  // The dialog of the training run (running, or finished and kept open); null when none is shown.
  TrainProgressDialog* trainProgress() const;

 Q_SIGNALS:
  // A model was loaded and is ready to score.
  void modelLoaded();
  // The model could not be loaded (or trained); `message` names the file and the cause.
  void modelFailed(const QString& message);
  // A new list (or an error) is on screen.
  void resultShown(const reclens::RecomputeResult& result);
  // Two rows were selected and the user asked why the first (catalog row `item`, ranked higher) is above
  // the second (`versus`), for dataset user row `user`.
  void comparisonRequested(int user, int item, int versus);

 private:
  QWidget* buildControls();
  QWidget* buildEmptyState();
  void reloadModels(const QString& select);
  void loadSelectedModel();
  // Loads `record` when it is trusted or hashes to `confirmedSha256`; otherwise asks, then retries.
  void loadModel(const ProjectStore::ModelRecord& record, const std::string& confirmedSha256);
  void askToLoad(const ProjectStore::ModelRecord& record, const ModelTrust& trust);
  void userEntered();
  void requestRecompute();
  void showResult(const RecomputeResult& result);
  // Asks for the reason line of each row of the list shown, made for dataset user row `user`.
  void requestReasons(std::int32_t user);
  void showMessage(const QString& text, bool error);
  // True when `session` is the model shown (over this or an earlier snapshot of the open project).
  bool showsModelOf(const std::shared_ptr<const ModelSession>& session) const;
  void updateEmptyState();
  // The table's "why is one above the other" action (recommendationspagecompare.cpp).
  void buildCompareAction();
  void updateCompareAction();
  // Catalog rows of the two selected rows, higher-ranked first; {-1, -1} unless exactly two are selected.
  std::pair<std::int32_t, std::int32_t> selectedPair() const;

  ComputeDevice m_device;
  BackgroundJob m_job;
  RecomputeService* m_service;
  // The "Why" column and the common and personal parts: Integrated Gradients of each list against the average
  // user, off the GUI thread
  ExplanationService* m_reasons;
  RecommendationModel* m_model;
  QSortFilterProxyModel* m_sorted;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::shared_ptr<const ModelSession> m_session;
  std::vector<ProjectStore::ModelRecord> m_records;
  int m_user = -1;
  std::uint64_t m_project = 0;  // bumped by setSnapshot: results for an earlier project are dropped
  bool m_highlightNext = false;
  ModelConfirmation m_confirmModel;
  QPointer<TrainProgressDialog> m_trainProgress;
  QAction* m_compare = nullptr;

  QStackedWidget* m_stack;
  QLabel* m_emptyText;
  QPushButton* m_train;
  QPushButton* m_info;
  QComboBox* m_modelBox;
  QLineEdit* m_userEdit;
  QSpinBox* m_k;
  ReRankControls* m_knobs;
  QLabel* m_message;
  QLabel* m_timing;
  QTableView* m_table;
  QListWidget* m_history;
  QLabel* m_historyTitle;
};

}  // namespace reclens
