#pragma once
#include <QAbstractTableModel>

#include <memory>
#include <vector>

#include "simulation/simulationlabels.h"

namespace reclens {

// The final figures of a simulation, one row per policy: the main metrics at the last round and the
// gap of mean takes between the groups of each user attribute, each as "mean ± half-width" of the 95%
// interval over seeds (as the command line's table). MeanRole and HalfWidthRole give the numbers.
class SimulationSummaryModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Role { MeanRole = Qt::UserRole, HalfWidthRole, SeedsRole };

  explicit SimulationSummaryModel(QObject* parent = nullptr);

  // The columns after the policy: the metrics shown, in order.
  static const std::vector<int>& metricColumns();
  // Shows the final round of `result` (null: nothing).
  void setResult(std::shared_ptr<const sim::SimResult> result);
  // What column `column` shows (column 0, the policy, is not a series).
  simlabels::Series seriesAt(int column) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  sim::Interval interval(int row, int column) const;

  std::shared_ptr<const sim::SimResult> m_result;
};

}  // namespace reclens
