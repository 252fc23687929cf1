#include "whatif/whatifmixplot.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

#include "plots/plotstyle.h"

namespace reclens {

namespace {
QCPBars* makeBars(QCustomPlot* plot, QCPBarsGroup* group, const QString& name, const QColor& colour) {
  auto* bars = new QCPBars(plot->yAxis, plot->xAxis);
  bars->setName(name);
  bars->setPen(QPen(colour.darker(120)));
  bars->setBrush(colour);
  bars->setWidth(0.26);
  bars->setBarsGroup(group);
  return bars;
}

double at(const std::vector<double>& v, std::size_t i) {
  return i < v.size() ? v[i] : 0.0;
}
}  // namespace

WhatIfMixPlot::WhatIfMixPlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  plotstyle::apply(m_plot, tr("Interest mix by category"));
  m_group = new QCPBarsGroup(m_plot);
  m_group->setSpacingType(QCPBarsGroup::stAbsolute);
  m_group->setSpacing(1);
  m_history = makeBars(m_plot, m_group, tr("history"), plotstyle::series(9));
  m_baseline = makeBars(m_plot, m_group, tr("baseline list"), plotstyle::series(0));
  m_list = makeBars(m_plot, m_group, tr("what-if list"), plotstyle::series(1));
  m_plot->xAxis->setLabel(tr("share"));
  m_plot->xAxis->setRange(0, 1);
  m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
  m_plot->yAxis->setRangeReversed(true);
  // The plot is narrow: the legend goes below the bars, one entry per line, and the share axis gets
  // few ticks, so that neither covers the category names nor runs into its neighbours.
  m_plot->legend->setVisible(true);
  plotstyle::legendBelow(m_plot);
  m_plot->legend->setWrap(1);
  m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
  m_plot->xAxis->ticker()->setTickCount(3);
  m_plot->setMinimumSize(200, 200);
  plotstyle::setPlaceholder(m_plot, tr("No result yet"));
}

void WhatIfMixPlot::setMix(const QStringList& names, const std::vector<double>& history,
                           const std::vector<double>& baseline, const std::vector<double>& list) {
  for (QCPBars* b : {m_history, m_baseline, m_list}) b->data()->clear();
  m_shown.clear();
  if (names.isEmpty() || (history.empty() && list.empty())) {
    plotstyle::setPlaceholder(m_plot, tr("No categories to show"));
    plotstyle::replotShown(m_plot);
    return;
  }
  plotstyle::setPlaceholder(m_plot, {});
  // The categories that matter most in any of the three, largest first.
  std::vector<std::size_t> codes(static_cast<std::size_t>(names.size()));
  std::iota(codes.begin(), codes.end(), std::size_t{0});
  const auto weight = [&](std::size_t c) { return std::max({at(history, c), at(baseline, c), at(list, c)}); };
  std::stable_sort(codes.begin(), codes.end(),
                   [&](std::size_t a, std::size_t b) { return weight(a) > weight(b); });
  while (!codes.empty() && weight(codes.back()) <= 0.0) codes.pop_back();
  const bool other = codes.size() > static_cast<std::size_t>(kMaxCategories);
  if (other) codes.resize(kMaxCategories - 1);
  auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  double maxShare = 0.0;
  const auto add = [&](double y, const QString& label, double h, double b, double l) {
    ticker->addTick(y, label);
    m_shown << label;
    m_history->addData(y, h);
    m_baseline->addData(y, b);
    m_list->addData(y, l);
    maxShare = std::max({maxShare, h, b, l});
  };
  double sumH = 0.0, sumB = 0.0, sumL = 0.0;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const auto c = codes[i];
    add(static_cast<double>(i + 1), names[static_cast<qsizetype>(c)], at(history, c), at(baseline, c),
        at(list, c));
    sumH += at(history, c);
    sumB += at(baseline, c);
    sumL += at(list, c);
  }
  if (other) {
    add(static_cast<double>(codes.size() + 1), tr("other"), std::max(0.0, 1.0 - sumH),
        std::max(0.0, 1.0 - sumB), std::max(0.0, 1.0 - sumL));
  }
  m_plot->yAxis->setTicker(ticker);
  m_plot->yAxis->setRange(0.4, static_cast<double>(m_shown.size()) + 0.6);
  m_plot->xAxis->setRange(0, std::min(1.0, maxShare * 1.15 + 0.02));
  plotstyle::replotShown(m_plot);
}

void WhatIfMixPlot::clear() {
  setMix({}, {}, {}, {});
  plotstyle::setPlaceholder(m_plot, tr("No result yet"));
  plotstyle::replotShown(m_plot);
}

std::vector<double> WhatIfMixPlot::historyShares() const {
  std::vector<double> out;
  for (auto it = m_history->data()->constBegin(); it != m_history->data()->constEnd(); ++it)
    out.push_back(it->value);
  return out;
}

}  // namespace reclens
