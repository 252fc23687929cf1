#include "dashboards/popularityplot.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>

#include <qcustomplot.h>

#include "engine/userprofilebuilder.h"
#include "plots/plotstyle.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
// The translation context of this file's strings.
class PopularityPlot {
  Q_DECLARE_TR_FUNCTIONS(PopularityPlot)
};
}  // namespace

void drawPopularityDistribution(QCustomPlot* plot, const std::vector<std::int64_t>& train,
                                const std::vector<std::int64_t>& exposure) {
  std::vector<std::size_t> order(train.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&train](std::size_t a, std::size_t b) { return train[a] > train[b]; });
  QVector<double> rank, count, exposedRank, exposed;
  std::size_t unseen = 0;
  for (std::size_t n = 0; n < order.size(); ++n) {
    const auto item = order[n];
    if (train[item] > 0) {
      rank.push_back(static_cast<double>(n + 1));
      count.push_back(static_cast<double>(train[item]));
    } else {
      ++unseen;
    }
    if (item < exposure.size() && exposure[item] > 0) {
      exposedRank.push_back(static_cast<double>(n + 1));
      exposed.push_back(static_cast<double>(exposure[item]));
    }
  }
  plot->clearPlottables();
  plot->clearItems();
  auto* exposureGraph = plot->addGraph();
  exposureGraph->setName(PopularityPlot::tr("Recommended in this many lists"));
  exposureGraph->setLineStyle(QCPGraph::lsNone);
  QColor dot = plotstyle::series(1);
  dot.setAlpha(110);
  exposureGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, dot, dot, 3));
  exposureGraph->setData(exposedRank, exposed, true);
  auto* trainGraph = plot->addGraph();
  trainGraph->setName(PopularityPlot::tr("Train interactions"));
  trainGraph->setPen(QPen(plotstyle::series(0), 2));
  trainGraph->setData(rank, count, true);
  plotstyle::logAxis(plot->xAxis);
  plotstyle::logAxis(plot->yAxis);
  plot->xAxis->setLabel(PopularityPlot::tr("Item rank by train popularity"));
  plot->yAxis->setLabel(PopularityPlot::tr("Count"));
  plot->rescaleAxes();
  plot->xAxis->setRangeLower(0.8);
  plot->yAxis->setRangeLower(0.8);
  // The short head ends where 80% of the train interactions are reached.
  const auto head = shortHeadItems(train);
  const auto headSize = std::count(head.begin(), head.end(), true);
  if (headSize > 0) {
    // A vertical curve rather than an item, so that it has a legend entry.
    auto* line = new QCPCurve(plot->xAxis, plot->yAxis);
    line->setName(PopularityPlot::tr("End of the short head: %1 items hold 80% of train")
                      .arg(display::count(headSize)));
    line->setPen(QPen(QColor(0x70, 0x70, 0x70), 1, Qt::DashLine));
    line->setData({double(headSize) + 0.5, double(headSize) + 0.5},
                  {plot->yAxis->range().lower, plot->yAxis->range().upper});
  }
  if (unseen > 0) {
    auto* note = new QCPItemText(plot);
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setCoords(0.98, 0.02);
    note->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    note->setColor(QColor(0x70, 0x70, 0x70));
    note->setText(PopularityPlot::tr("%Ln item(s) without train interactions (off the log scale)", nullptr,
                                     static_cast<int>(unseen)));
  }
  plot->legend->setVisible(true);
  plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
}

}  // namespace reclens
