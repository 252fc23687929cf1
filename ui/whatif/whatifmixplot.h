#pragma once
#include <QStringList>
#include <QWidget>

#include <vector>

class QCPBars;
class QCPBarsGroup;
class QCustomPlot;

namespace reclens {

// The category mix of a what-if: for the largest categories, the share of the (edited or replayed)
// history beside the shares of the baseline and the edited top-K lists, as grouped horizontal bars.
class WhatIfMixPlot : public QWidget {
  Q_OBJECT

 public:
  // Categories shown at most; the rest are summed into "other".
  static constexpr int kMaxCategories = 8;

  explicit WhatIfMixPlot(QWidget* parent = nullptr);

  // Shows the three mixes (one share per code of `names`); empty mixes clear the plot.
  void setMix(const QStringList& names, const std::vector<double>& history,
              const std::vector<double>& baseline, const std::vector<double>& list);
  void clear();

  QCustomPlot* plot() const { return m_plot; }
  // The categories on the axis, top first, and the history share of each.
  const QStringList& categories() const { return m_shown; }
  std::vector<double> historyShares() const;

 private:
  QCustomPlot* m_plot;
  QCPBarsGroup* m_group;
  QCPBars* m_history;
  QCPBars* m_baseline;
  QCPBars* m_list;
  QStringList m_shown;
};

}  // namespace reclens
