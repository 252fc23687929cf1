#pragma once
#include <QString>
#include <QWidget>

#include "model/learningcurve.h"
#include "model/trainer.h"

class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;

namespace reclens {

// A training run's learning curve: the mean training loss per epoch on the left axis, the validation
// NDCG@K on the right axis and a dashed vertical line, labelled, at the best epoch (the one the model
// keeps).
// Fed live, one finished epoch at a time (addEpoch), or from a model's stored curve (setCurve).
class LearningCurvePlot : public QWidget {
  Q_OBJECT

 public:
  explicit LearningCurvePlot(QWidget* parent = nullptr);

  // Clears the plot for a run of at most `maxEpochs` epochs that stops after `patience` epochs
  // without a better validation NDCG@`evalK`.
  void start(int maxEpochs, int patience, int evalK);
  // Adds one finished epoch (on the GUI thread) and moves the best-epoch line.
  void addEpoch(const EpochProgress& epoch);
  // Shows a stored curve; an empty one shows "No learning curve stored with this model".
  void setCurve(const LearningCurve& curve);

  QCustomPlot* plot() const { return m_plot; }
  int pointCount() const;
  int bestEpoch() const { return m_best; }

  // Which epoch the model keeps and why, e.g. "Kept epoch 19, the best validation NDCG@20 (0.1234);
  // stopped after 5 epochs without improvement (patience 5)."; empty for an empty curve.
  static QString outcome(const LearningCurve& curve);

 Q_SIGNALS:
  // An epoch was drawn (live or stored), 1-based.
  void epochAdded(int epoch);

 private:
  void updateTexts();
  void rescale();
  void replot();

  QCustomPlot* m_plot;
  QCPGraph* m_loss;
  QCPGraph* m_ndcg;
  QCPItemStraightLine* m_bestLine;
  QCPItemText* m_bestLabel;
  int m_maxEpochs = 0;
  int m_patience = 0;
  int m_k = 0;
  int m_best = 0;
};

}  // namespace reclens
