#include "dashboards/groupmeansplot.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <numeric>

#include <qcustomplot.h>

#include "dashboards/auditmetrics.h"
#include "plots/plotstyle.h"
#include "services/datasetsnapshot.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
// The translation context of this file's strings.
class GroupMeansPlot {
  Q_DECLARE_TR_FUNCTIONS(GroupMeansPlot)
};
}  // namespace

std::vector<std::string> drawGroupMeans(QCustomPlot* plot, const std::string& attribute,
                                        const MetricFairness& metric, int k, std::optional<double> overall) {
  plot->clearPlottables();
  plot->clearItems();
  QVector<double> keys, means, minus, plus;
  QVector<QString> labels;
  double top = 0.0;
  std::vector<std::string> names;
  for (const auto& group : metric.groups) names.push_back(group.group);
  const auto ranks = DatasetSnapshot::naturalRanks(names);
  std::vector<std::size_t> order(names.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&ranks](std::size_t a, std::size_t b) { return ranks[a] < ranks[b]; });
  std::vector<std::string> plotted;
  for (const auto g : order) {
    const auto& group = metric.groups[g];
    plotted.push_back(group.group);
    keys.push_back(double(keys.size() + 1));
    means.push_back(group.mean);
    minus.push_back(group.mean - group.ciLow);
    plus.push_back(group.ciHigh - group.mean);
    labels.push_back(
        GroupMeansPlot::tr("%1\n%2 users")
            .arg(group.group.empty() ? GroupMeansPlot::tr("(missing)") : display::text(group.group),
                 display::count(static_cast<qint64>(group.users))));
    top = std::max(top, group.ciHigh);
  }
  auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
  bars->setName(auditmetrics::title(metric.metric, k));
  bars->setWidth(0.6);
  bars->setPen(Qt::NoPen);
  bars->setBrush(plotstyle::series(0));
  bars->setSelectable(QCP::stSingleData);
  bars->selectionDecorator()->setBrush(plotstyle::series(1));
  bars->selectionDecorator()->setPen(QPen(QColor(0x30, 0x30, 0x30), 1.5));
  bars->setData(keys, means, true);
  auto* errors = new QCPErrorBars(plot->xAxis, plot->yAxis);
  errors->setName(GroupMeansPlot::tr("95% bootstrap interval"));
  errors->setDataPlottable(bars);
  errors->setData(minus, plus);
  errors->setPen(QPen(QColor(0x30, 0x30, 0x30), 1.5));
  errors->setWhiskerWidth(10);
  errors->setSelectable(QCP::stNone);
  if (overall) {
    // The mean over every evaluated user, as a dashed line with a legend entry.
    auto* line = new QCPCurve(plot->xAxis, plot->yAxis);
    line->setName(GroupMeansPlot::tr("All users %1").arg(QLocale().toString(*overall, 'f', 3)));
    line->setPen(QPen(QColor(0x70, 0x70, 0x70), 1, Qt::DashLine));
    line->setData({0.0, double(keys.size()) + 1.0}, {*overall, *overall});
    line->setSelectable(QCP::stNone);
    top = std::max(top, *overall);
  }
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  ticker->setTicks(keys, labels);
  plot->xAxis->setTicker(ticker);
  plot->xAxis->setTickLabelRotation(keys.size() > 8 ? 40 : 0);
  plot->xAxis->grid()->setVisible(false);
  plot->xAxis->setRange(0.4, double(keys.size()) + 0.6);
  plot->xAxis->setLabel(display::text(attribute));
  plot->yAxis->setLabel(auditmetrics::title(metric.metric, k));
  plot->yAxis->setRange(0.0, std::max(top, 1e-3) * 1.15);
  plotstyle::apply(plot, GroupMeansPlot::tr("%1 by %2 (gap %3, p = %4)")
                             .arg(auditmetrics::title(metric.metric, k), display::text(attribute),
                                  QLocale().toString(metric.maxMinGap, 'f', 3),
                                  QLocale().toString(metric.pValue, 'f', 3)));
  plotstyle::setPlaceholder(plot, {});
  plot->legend->setVisible(true);
  plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  return plotted;
}

}  // namespace reclens
