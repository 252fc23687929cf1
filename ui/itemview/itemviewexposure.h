#pragma once
#include <QWidget>

#include <cstdint>
#include <memory>

#include "data/itemexposure.h"
#include "services/datasetsnapshot.h"

class QComboBox;
class QCustomPlot;
class QLabel;

namespace reclens {

// The Item view's "exposure over time" plot: one item's interactions per week or month as bars and
// its distinct users as a line, over the project's whole time range (empty periods included).
class ItemExposureChart : public QWidget {
  Q_OBJECT

 public:
  explicit ItemExposureChart(QWidget* parent = nullptr);

  // Plots catalog row `item` of `snapshot`; item -1 clears the plot.
  void showItem(std::shared_ptr<const DatasetSnapshot> snapshot, std::int32_t item);

  QCustomPlot* plot() const { return m_plot; }
  QComboBox* periodBox() const { return m_period; }
  // The series on screen (empty when there is none).
  const ItemExposure& exposure() const { return m_exposure; }

 private:
  void refresh();

  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::int32_t m_item = -1;
  ItemExposure m_exposure;
  QComboBox* m_period;
  QLabel* m_message;
  QCustomPlot* m_plot;
};

}  // namespace reclens
