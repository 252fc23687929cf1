#pragma once
#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

#include "services/explanationresult.h"
#include "services/modelsession.h"

class QLabel;
class QListWidget;
class QTabWidget;

namespace reclens {

class AttributionHeatmap;
class EgoGraphPane;
class EgoGraphView;
class ExplanationControls;
class ExplanationService;
class FaithfulnessCurvesPane;

// The Explanation page: why the selected user gets their top-K. A feature-importance heatmap (rows
// = recommended items, columns = user fields, item parts and the strongest history items) with a
// method and baseline selector, the completeness check and a detail panel for the clicked cell; the
// reason line of every row; a warning in words when the explanations collapse onto one story; and the
// ego graph of the selected row, or in a tab beside it the row's faithfulness curves. All computation
// runs off the GUI thread (ExplanationService, FaithfulnessCurvesService), only while the page is
// visible, with Cancel.
class ExplanationPage : public QWidget {
  Q_OBJECT

 public:
  explicit ExplanationPage(QWidget* parent = nullptr);
  ~ExplanationPage() override;

  // Explains the first rows() of `items` (a top-K list, best first) for dataset user row `user`
  // under `session`, once the page is visible.
  void showList(std::shared_ptr<const ModelSession> session, std::int32_t user,
                std::vector<std::int32_t> items);
  // Explains catalog row `item` for user row `user` too (as an extra row when the list lacks it)
  // and selects it, now if that user is shown, else when their list arrives.
  void focusItem(std::int32_t user, std::int32_t item);
  // Explains catalog row `item` against catalog row `versus` for user row `user`: "why is it above
  // (or below) that one"; every row of the list is then compared with `versus` until another user is
  // shown or the Compare with box changes.
  void compareItems(std::int32_t user, std::int32_t item, std::int32_t versus);
  // Forgets the list (a new project was opened).
  void clear();

  std::int32_t currentUser() const { return m_user; }
  // Catalog rows explained, one per heatmap row.
  const std::vector<std::int32_t>& explainedItems() const { return m_rows; }
  // Catalog row of the heatmap row selected (the one the graph shows), -1 when none.
  std::int32_t selectedItem() const;

  ExplanationControls* controls() const { return m_controls; }
  AttributionHeatmap* heatmap() const { return m_heatmap; }
  EgoGraphPane* graphPane() const { return m_graph; }
  // The deletion and insertion curves of the selected row (a tab beside the graph).
  FaithfulnessCurvesPane* curvesPane() const { return m_curves; }
  // Brings the curves' tab to the front (Ctrl+Shift+K); they are computed once shown.
  void showCurves();
  EgoGraphView* graphView() const;
  ExplanationService* service() const { return m_service; }
  QLabel* completenessLabel() const { return m_completeness; }
  QLabel* detailLabel() const { return m_detail; }
  QListWidget* reasonList() const { return m_reasons; }
  QLabel* messageLabel() const { return m_message; }
  // The collapse warning (hidden when the explanations do not collapse).
  QLabel* collapseLabel() const { return m_collapse; }
  // The common and personal parts of the explained items' scores, one per heatmap row (empty when
  // the average user could not be computed).
  const std::vector<ScoreSplit>& scoreSplit() const { return m_split; }
  // The collapse diagnostic of the list shown.
  const CollapseDiagnostic& collapse() const { return m_diagnostic; }

 Q_SIGNALS:
  // A new explanation (or its error) is on screen.
  void explanationShown();
  // A new ego graph (or its error) is on screen.
  void graphShown();
  // A user node of the graph was clicked: the window should explain that user (dataset user row).
  void userRequested(int user);
  // The collapse warning's link to the personal parts was followed: the window should show the
  // recommendations ordered by their personal part.
  void personalViewRequested();

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  QWidget* buildHeatmapPane();
  void requestExplanation();
  void requestGraph();
  void showExplanation(const ExplanationResult& result);
  void showGraph(const GraphResult& result);
  void updateDetail();
  void updateBusy();
  void clearExplanation();
  void showMessage(const QString& text, bool error);
  void updateCurves();
  QString rowLabel(std::size_t row) const;

  ExplanationService* m_service;
  std::shared_ptr<const ModelSession> m_session;
  std::int32_t m_user = -1;
  std::vector<std::int32_t> m_list;  // the top-K list as received
  std::vector<std::int32_t> m_rows;  // catalog rows explained (the heatmap's rows once shown)
  std::int32_t m_focusUser = -1;
  std::int32_t m_focusItem = -1;
  std::int32_t m_graphItem = -1;   // target of the graph shown or requested
  std::int32_t m_versusUser = -1;  // user for whom an item to compare with was offered
  bool m_dirty = false;            // the request changed while the page was hidden
  std::vector<ScoreSplit> m_split;
  CollapseDiagnostic m_diagnostic;

  ExplanationControls* m_controls;
  QLabel* m_message;
  QLabel* m_collapse;
  QLabel* m_completeness;
  QLabel* m_timing;
  AttributionHeatmap* m_heatmap;
  QLabel* m_detail;
  QListWidget* m_reasons;
  QTabWidget* m_lower;
  EgoGraphPane* m_graph;
  FaithfulnessCurvesPane* m_curves;
};

}  // namespace reclens
