#pragma once
#include <QWidget>

#include <cstdint>
#include <memory>
#include <optional>

#include "explain/faithfulnesscurves.h"
#include "services/faithfulnesscurvesresult.h"
#include "services/modelsession.h"

class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace reclens {

class FaithfulnessCurvesService;

// The Explanation page's faithfulness curves (docs/explanations.md, "Faithfulness curves"): for the
// shown user and the selected item, the item's score as each attribution method's most-credited
// history items are removed (deletion) or added to no history (insertion), one colour per method and
// the mean of random orders dashed grey, with each curve's normalised area in the legend. Computed on a
// FaithfulnessCurvesService off the GUI thread, only while the pane is visible, with Cancel.
class FaithfulnessCurvesPane : public QWidget {
  Q_OBJECT

 public:
  explicit FaithfulnessCurvesPane(QWidget* parent = nullptr);

  // The curves to show: catalog row `item` for dataset user row `user` under `session`, explained with
  // `options` (the page's settings; `groupField` its average user's group). Computes now when the pane
  // is visible and the target or settings changed, else once it is shown.
  void setTarget(std::shared_ptr<const ModelSession> session, std::int32_t user, std::int32_t item,
                 const AttributionOptions& options, int groupField);
  // Forgets the target and what is drawn.
  void clear();
  // Computes the curves of the current target again.
  void compute();

  // The curves drawn, if any.
  const std::optional<FaithfulnessCurves>& curves() const { return m_shown; }
  FaithfulnessCurvesService* service() const { return m_service; }
  QCustomPlot* deletionPlot() const { return m_deletion; }
  QCustomPlot* insertionPlot() const { return m_insertion; }
  QLabel* messageLabel() const { return m_message; }
  QSpinBox* randomOrdersBox() const { return m_random; }
  QSpinBox* stepsBox() const { return m_steps; }
  QPushButton* computeButton() const { return m_compute; }
  QPushButton* cancelButton() const { return m_cancel; }

 Q_SIGNALS:
  // New curves (or the reason there are none) are on screen.
  void curvesShown();

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void request();
  void showResult(const FaithfulnessCurvesResult& result);
  void draw(const FaithfulnessCurves& curves);
  void clearPlots(const QString& placeholder);
  void showMessage(const QString& text, bool error);
  void updateBusy(bool busy);
  QString itemTitle() const;

  FaithfulnessCurvesService* m_service;
  std::shared_ptr<const ModelSession> m_session;
  std::int32_t m_user = -1;
  std::int32_t m_item = -1;
  AttributionOptions m_options;
  int m_groupField = -1;
  bool m_dirty = false;  // the target changed while the pane was hidden
  std::optional<FaithfulnessCurves> m_shown;

  QLabel* m_title;
  QSpinBox* m_random;
  QSpinBox* m_steps;
  QPushButton* m_compute;
  QProgressBar* m_busy;
  QPushButton* m_cancel;
  QLabel* m_message;
  QCustomPlot* m_deletion;
  QCustomPlot* m_insertion;
};

}  // namespace reclens
