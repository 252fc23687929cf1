#include "dashboards/fairnessgapmodel.h"

#include <QColor>
#include <QLocale>

#include "dashboards/auditmetrics.h"

namespace reclens {

namespace {
// Permutation p-values below this are called significant in the table's colouring.
constexpr double kSignificance = 0.05;
}  // namespace

FairnessGapModel::FairnessGapModel(QObject* parent) : QAbstractTableModel(parent) {}

void FairnessGapModel::setAttribute(AttributeFairness attribute, int k) {
  beginResetModel();
  m_attribute = std::move(attribute);
  m_k = k;
  endResetModel();
}

void FairnessGapModel::clear() {
  setAttribute({}, 0);
}

int FairnessGapModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_attribute.metrics.size());
}

int FairnessGapModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant FairnessGapModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto& m = m_attribute.metrics[static_cast<std::size_t>(index.row())];
  const int column = index.column();
  if (role == Qt::EditRole || role == Qt::DisplayRole) {
    const bool raw = role == Qt::EditRole;
    switch (column) {
      case MetricColumn:
        return auditmetrics::title(m.metric, m_k);
      case GroupsColumn:
        return static_cast<int>(m.groups.size());
      case GapColumn:
        return raw ? QVariant(m.maxMinGap) : QVariant(QLocale().toString(m.maxMinGap, 'f', 4));
      case MadColumn:
        return raw ? QVariant(m.meanAbsPairwiseGap)
                   : QVariant(QLocale().toString(m.meanAbsPairwiseGap, 'f', 4));
      case PValueColumn:
        return raw ? QVariant(m.pValue) : QVariant(QLocale().toString(m.pValue, 'f', 4));
      default:
        return {};
    }
  }
  if (role == Qt::TextAlignmentRole && column != MetricColumn)
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ForegroundRole && column == PValueColumn && m.pValue < kSignificance)
    return QColor(0xb0, 0x00, 0x20);
  if (role == Qt::ToolTipRole && column == PValueColumn) {
    return m.pValue < kSignificance
               ? tr("The gap is larger than random relabelling of users gives in %1% of cases: unlikely to "
                    "be chance")
                     .arg(QLocale().toString(100.0 * m.pValue, 'f', 1))
               : tr("Random relabelling of users often gives a gap this large: it may be chance");
  }
  return {};
}

QVariant FairnessGapModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::DisplayRole) {
    switch (section) {
      case MetricColumn:
        return tr("Metric");
      case GroupsColumn:
        return tr("Groups");
      case GapColumn:
        return tr("Max − min");
      case MadColumn:
        return tr("UserMAD");
      case PValueColumn:
        return tr("Permutation p");
      default:
        return {};
    }
  }
  if (role == Qt::ToolTipRole) {
    switch (section) {
      case GapColumn:
        return tr("Largest minus smallest group mean");
      case MadColumn:
        return tr("Mean absolute difference of the group means over all pairs of groups (Elliot UserMAD)");
      case PValueColumn:
        return tr(
            "Permutation test of the max − min gap: the share of random relabellings of users with a gap "
            "at least as large (with the +1 correction)");
      default:
        return {};
    }
  }
  return {};
}

}  // namespace reclens
