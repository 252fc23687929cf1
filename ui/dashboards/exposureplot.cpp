#include "dashboards/exposureplot.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>

#include <qcustomplot.h>

#include "plots/plotstyle.h"
#include "tables/itemtablemodel.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
// The translation context of this file's strings.
class ExposurePlot {
  Q_DECLARE_TR_FUNCTIONS(ExposurePlot)
};
// Tiers read as on the Items page; missing values of other groupings as "(none)".
QString groupLabel(const std::string& grouping, const std::string& group) {
  if (grouping == "tier") {
    if (group == "head") return ItemTableModel::tierName(PopularityTier::Head);
    if (group == "mid") return ItemTableModel::tierName(PopularityTier::Mid);
    if (group == "tail") return ItemTableModel::tierName(PopularityTier::Tail);
  }
  return group.empty() ? ExposurePlot::tr("(none)") : display::text(group);
}
}  // namespace

QString itemGroupingTitle(const std::string& name) {
  if (name == "tier") return ExposurePlot::tr("Popularity tier");
  if (name == "category") return ExposurePlot::tr("Category");
  if (name == "brand") return ExposurePlot::tr("Brand");
  return display::text(name);
}

void drawExposureShares(QCustomPlot* plot, const ItemGrouping& grouping, int maxGroups) {
  plot->clearPlottables();
  plot->clearItems();
  // Tiers keep their natural order; other groupings show the largest groups first.
  std::vector<std::size_t> order(grouping.groups.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (grouping.name != "tier") {
    std::stable_sort(order.begin(), order.end(), [&grouping](std::size_t a, std::size_t b) {
      return grouping.groups[a].catalogShare > grouping.groups[b].catalogShare;
    });
  }
  const auto shown = std::min(order.size(), static_cast<std::size_t>(std::max(1, maxGroups)));
  QVector<double> ticks;
  QVector<QString> labels;
  QVector<double> catalog, interactions, exposure;
  for (std::size_t n = 0; n < shown; ++n) {
    const auto& group = grouping.groups[order[n]];
    ticks.push_back(static_cast<double>(n + 1));
    labels.push_back(groupLabel(grouping.name, group.group));
    catalog.push_back(100.0 * group.catalogShare);
    interactions.push_back(100.0 * group.interactionShare);
    exposure.push_back(100.0 * group.exposureShare);
  }
  if (shown < order.size()) {
    double c = 0.0, i = 0.0, e = 0.0;
    for (std::size_t n = shown; n < order.size(); ++n) {
      const auto& group = grouping.groups[order[n]];
      c += group.catalogShare;
      i += group.interactionShare;
      e += group.exposureShare;
    }
    ticks.push_back(static_cast<double>(shown + 1));
    labels.push_back(ExposurePlot::tr("%n other(s)", nullptr, static_cast<int>(order.size() - shown)));
    catalog.push_back(100.0 * c);
    interactions.push_back(100.0 * i);
    exposure.push_back(100.0 * e);
  }
  auto* bars = new QCPBarsGroup(plot);
  bars->setSpacingType(QCPBarsGroup::stAbsolute);
  bars->setSpacing(1);
  const struct {
    QString name;
    const QVector<double>* values;
    QColor colour;
  } series[] = {{ExposurePlot::tr("Share of catalog"), &catalog, QColor(0xba, 0xb0, 0xac)},
                {ExposurePlot::tr("Share of train interactions"), &interactions, plotstyle::series(0)},
                {ExposurePlot::tr("Share of exposure"), &exposure, plotstyle::series(1)}};
  for (const auto& s : series) {
    auto* b = new QCPBars(plot->xAxis, plot->yAxis);
    b->setName(s.name);
    b->setWidth(0.26);
    b->setBarsGroup(bars);
    b->setPen(Qt::NoPen);
    b->setBrush(s.colour);
    b->setData(ticks, *s.values, true);
  }
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  ticker->setTicks(ticks, labels);
  plot->xAxis->setTicker(ticker);
  plot->xAxis->setTickLabelRotation(labels.size() > 6 ? 35 : 0);
  plot->xAxis->setRange(0.4, static_cast<double>(ticks.size()) + 0.6);
  plot->xAxis->grid()->setVisible(false);
  plot->xAxis->setLabel(itemGroupingTitle(grouping.name));
  plot->yAxis->setLabel(ExposurePlot::tr("Share (%)"));
  double top = 1.0;
  for (const auto* values : {&catalog, &interactions, &exposure})
    for (const double v : *values) top = std::max(top, v);
  plot->yAxis->setRange(0.0, top * 1.12);
  plot->legend->setVisible(true);
  plotstyle::legendBelow(plot);
}

}  // namespace reclens
