#include "plots/learningcurveplot.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>

#include "plots/plotexport.h"
#include "plots/plotstyle.h"

namespace reclens {

LearningCurvePlot::LearningCurvePlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  plotstyle::apply(m_plot, tr("Learning curve"));
  m_plot->yAxis2->setVisible(true);
  m_plot->xAxis->setLabel(tr("Epoch"));
  m_plot->yAxis->setLabel(tr("Training loss"));
  m_loss = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
  m_loss->setName(tr("training loss (left)"));
  m_loss->setPen(QPen(plotstyle::series(0), 2));
  m_loss->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
  m_ndcg = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
  m_ndcg->setPen(QPen(plotstyle::series(1), 2));
  m_ndcg->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 5));
  m_bestLine = new QCPItemStraightLine(m_plot);
  m_bestLine->setPen(QPen(plotstyle::series(4), 1.5, Qt::DashLine));
  m_bestLine->setVisible(false);
  m_bestLabel = new QCPItemText(m_plot);
  m_bestLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);
  m_bestLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
  m_bestLabel->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
  m_bestLabel->setPadding(QMargins(4, 2, 4, 2));
  m_bestLabel->setBrush(QColor(255, 255, 255, 210));  // readable over the points it may cover
  m_bestLabel->setColor(plotstyle::series(4).darker(140));
  m_bestLabel->setVisible(false);
  auto ticker = QSharedPointer<QCPAxisTickerFixed>(new QCPAxisTickerFixed);
  ticker->setTickStep(1.0);
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  m_plot->xAxis->setTicker(ticker);
  m_plot->legend->setVisible(true);
  plotstyle::legendBelow(m_plot);
  m_plot->setMinimumSize(360, 220);
  plotexport::installPlotMenu(m_plot, QStringLiteral("learning-curve"));
  start(0, 0, 0);
}

void LearningCurvePlot::start(int maxEpochs, int patience, int evalK) {
  m_maxEpochs = maxEpochs;
  m_patience = patience;
  m_k = evalK;
  m_best = 0;
  m_loss->data()->clear();
  m_ndcg->data()->clear();
  m_bestLine->setVisible(false);
  m_bestLabel->setVisible(false);
  updateTexts();
  rescale();
}

void LearningCurvePlot::addEpoch(const EpochProgress& epoch) {
  m_loss->addData(epoch.epoch, epoch.loss);
  m_ndcg->addData(epoch.epoch, epoch.validationNdcg);
  m_best = epoch.bestEpoch;
  m_bestLine->point1->setCoords(m_best, 0.0);
  m_bestLine->point2->setCoords(m_best, 1.0);
  m_bestLine->setVisible(m_best > 0);
  m_bestLabel->position->setCoords(m_best, 0.03);
  // On the side of the line with more room, so the label stays inside the plot.
  m_bestLabel->setPositionAlignment(Qt::AlignTop |
                                    (2 * m_best > pointCount() ? Qt::AlignRight : Qt::AlignLeft));
  m_bestLabel->setText(tr("best: epoch %1").arg(m_best));
  m_bestLabel->setVisible(m_best > 0);
  rescale();
  Q_EMIT epochAdded(epoch.epoch);
}

void LearningCurvePlot::setCurve(const LearningCurve& curve) {
  start(curve.maxEpochs, curve.patience, curve.evalK);
  for (std::size_t e = 0; e < curve.loss.size(); ++e) {
    const int number = static_cast<int>(e) + 1;
    EpochProgress p;
    p.epoch = number;
    p.epochs = curve.maxEpochs;
    p.loss = curve.loss[e];
    p.validationNdcg = curve.validationNdcg[e];
    // The stored best is the final one; while drawing, the line waits for it.
    p.bestEpoch = std::min(number, curve.bestEpoch);
    addEpoch(p);
  }
  plotstyle::setPlaceholder(m_plot,
                            curve.empty() ? tr("No learning curve stored with this model") : QString());
  replot();
}

void LearningCurvePlot::replot() {
  // Epochs can arrive right after the dialog is shown, before its layout has sized the plot; a queued
  // replot runs once that is done (and several epochs in one pass draw once).
  if (m_plot->isVisible()) {
    m_plot->replot(QCustomPlot::rpQueuedReplot);
  } else {
    plotstyle::replotShown(m_plot);
  }
}

int LearningCurvePlot::pointCount() const {
  return m_loss->dataCount();
}

void LearningCurvePlot::updateTexts() {
  const QString ndcg = m_k > 0 ? tr("validation NDCG@%1").arg(m_k) : tr("validation NDCG");
  m_ndcg->setName(tr("%1 (right)").arg(ndcg));
  m_plot->yAxis2->setLabel(ndcg);
  m_plot->setToolTip(
      tr("<p>After every epoch the model is scored on the validation part (each user's next-to-last "
         "item): %1. The dashed line marks the best epoch so far; the saved model keeps that "
         "epoch's weights.</p><p>Early stopping: training ends once %2 epochs in a row bring no "
         "better validation NDCG (the patience), or after %3 epochs.</p>")
          .arg(ndcg)
          .arg(m_patience)
          .arg(m_maxEpochs));
}

void LearningCurvePlot::rescale() {
  const int n = pointCount();
  m_plot->xAxis->setRange(0.5, std::max({n, 1}) + 0.5);
  if (n > 0) {
    bool found = false;
    auto range = m_loss->data()->valueRange(found);
    const double pad = std::max(1e-3, 0.08 * range.size());
    m_plot->yAxis->setRange(std::max(0.0, range.lower - pad), range.upper + pad);
    range = m_ndcg->data()->valueRange(found);
    const double pad2 = std::max(1e-3, 0.08 * range.size());
    m_plot->yAxis2->setRange(std::max(0.0, range.lower - pad2), std::min(1.0, range.upper + pad2));
  } else {
    m_plot->yAxis->setRange(0.0, 1.0);
    m_plot->yAxis2->setRange(0.0, 1.0);
  }
  plotstyle::setPlaceholder(m_plot, n == 0 ? tr("Waiting for the first epoch…") : QString());
  replot();
}

QString LearningCurvePlot::outcome(const LearningCurve& curve) {
  if (curve.empty()) return {};
  const QString best =
      tr("Kept epoch %1 of %2, the best validation NDCG@%3 (%4).")
          .arg(curve.bestEpoch)
          .arg(curve.epochsRun)
          .arg(curve.evalK)
          .arg(curve.validationNdcg[static_cast<std::size_t>(curve.bestEpoch - 1)], 0, 'f', 4);
  const int after = curve.epochsAfterBest();
  const QString why =
      curve.stoppedEarly()
          ? tr("Stopped after %1 epochs without improvement (patience %2).").arg(after).arg(curve.patience)
      : after == 0 ? tr("Ran all %1 epochs; the validation NDCG was still improving.").arg(curve.maxEpochs)
                   : tr("Ran all %1 epochs; the ones after it brought no improvement.").arg(curve.maxEpochs);
  return best + QLatin1Char(' ') + why;
}

}  // namespace reclens
