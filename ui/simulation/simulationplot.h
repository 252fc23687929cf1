#pragma once
#include <QWidget>

#include <memory>

#include "simulation/simulationlabels.h"

class QComboBox;
class QCustomPlot;
class QMouseEvent;
class QStandardItemModel;
class QToolButton;

namespace reclens {

// A metric of a simulation against the round: a chooser of the series (every metric and the group gaps
// per user attribute), and one line per policy (the mean over the seeds finished so far) inside a
// shaded band (their 95% interval). Clicking near a point asks for that round and policy. Exports the
// plot as PNG or SVG and its numbers as CSV.
class SimulationPlot : public QWidget {
  Q_OBJECT

 public:
  explicit SimulationPlot(QWidget* parent = nullptr);

  // Draws `result` (live or finished, kept and read again at each redraw); keeps the chosen series when
  // it still exists.
  void showResult(std::shared_ptr<const sim::SimResult> result);
  // Marks round `round` (1-based; 0 removes the mark).
  void markRound(int round);
  void clear(const QString& placeholder);

  QComboBox* seriesBox() const { return m_series; }
  QCustomPlot* plot() const { return m_plot; }
  simlabels::Series series() const;
  // The plotted numbers: round, policy, mean, low, high, seeds; one row per point.
  std::unique_ptr<QStandardItemModel> curveTable() const;

 Q_SIGNALS:
  // A point was clicked: policy index in the result, round 1-based.
  void pointClicked(int policy, int round);

 private:
  void rebuildChooser();
  void draw();
  void onMousePress(QMouseEvent* event);
  void exportCsv();

  QComboBox* m_series;
  QToolButton* m_export;
  QCustomPlot* m_plot;
  std::shared_ptr<const sim::SimResult> m_result;
  int m_markedRound = 0;
};

}  // namespace reclens
