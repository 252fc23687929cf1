#include "simulation/simulationsummarymodel.h"

#include <QLocale>

#include <cmath>

#include "widgets/displayformat.h"

namespace reclens {

SimulationSummaryModel::SimulationSummaryModel(QObject* parent) : QAbstractTableModel(parent) {}

const std::vector<int>& SimulationSummaryModel::metricColumns() {
  static const std::vector<int> kColumns = [] {
    std::vector<int> columns;
    for (const auto& h : sim::headlineMetrics()) columns.push_back(h.metric);
    return columns;
  }();
  return kColumns;
}

void SimulationSummaryModel::setResult(std::shared_ptr<const sim::SimResult> result) {
  beginResetModel();
  m_result = std::move(result);
  endResetModel();
}

simlabels::Series SimulationSummaryModel::seriesAt(int column) const {
  const int metrics = static_cast<int>(metricColumns().size());
  if (column >= 1 && column <= metrics) return simlabels::Series::ofMetric(metricColumns()[column - 1]);
  const int userGaps = m_result ? static_cast<int>(m_result->attributes.size()) : 0;
  const int rest = std::max(0, column - 1 - metrics);
  if (rest < userGaps) return simlabels::Series::ofGap(static_cast<std::size_t>(rest), false);
  return simlabels::Series::ofItemGap(static_cast<std::size_t>(rest - userGaps));
}

int SimulationSummaryModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !m_result ? 0 : static_cast<int>(m_result->runs.size());
}

int SimulationSummaryModel::columnCount(const QModelIndex& parent) const {
  if (parent.isValid()) return 0;
  return 1 + static_cast<int>(metricColumns().size()) +
         (m_result ? static_cast<int>(m_result->attributes.size() + m_result->itemAttributes.size()) : 0);
}

sim::Interval SimulationSummaryModel::interval(int row, int column) const {
  const auto& run = m_result->runs[static_cast<std::size_t>(row)];
  return simlabels::seriesInterval(*m_result, run, seriesAt(column), m_result->config.rounds - 1);
}

QVariant SimulationSummaryModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_result) return {};
  if (index.column() == 0) {
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
      return display::text(m_result->runs[static_cast<std::size_t>(index.row())].policy);
    return {};
  }
  const auto series = seriesAt(index.column());
  const int decimals = series.isGap() ? 3 : simlabels::metricDecimals(series.metric);
  switch (role) {
    case Qt::DisplayRole:
      return simlabels::intervalText(interval(index.row(), index.column()), decimals);
    case Qt::TextAlignmentRole:
      return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
      const auto i = interval(index.row(), index.column());
      if (i.n == 0 || !std::isfinite(i.mean)) return tr("No figure: this metric does not apply to the run.");
      return tr("Mean %1 over %n seed(s); 95% interval [%2, %3]", nullptr, i.n)
          .arg(QLocale().toString(i.mean, 'f', decimals + 1), QLocale().toString(i.low, 'f', decimals + 1),
               QLocale().toString(i.high, 'f', decimals + 1));
    }
    case MeanRole:
      return interval(index.row(), index.column()).mean;
    case HalfWidthRole: {
      const auto i = interval(index.row(), index.column());
      return 0.5 * (i.high - i.low);
    }
    case SeedsRole:
      return interval(index.row(), index.column()).n;
    default:
      return {};
  }
}

QVariant SimulationSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) return {};
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  if (section == 0) return tr("Policy");
  const auto series = seriesAt(section);
  if (!series.isGap()) return simlabels::metricText(series.metric);
  static const sim::SimResult kNone;
  return simlabels::seriesText(series, m_result ? *m_result : kNone);
}

}  // namespace reclens
