#include "embedding/clustertablemodel.h"

#include <QFont>
#include <QLocale>

#include <cmath>

#include "widgets/displayformat.h"

namespace reclens {

namespace {

QString percent(double share) {
  return QLocale().toString(100.0 * share, 'f', 1) + QLatin1Char('%');
}

}  // namespace

ClusterTableModel::ClusterTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ClusterTableModel::setSummary(ClusterTailSummary summary, std::vector<QColor> colours) {
  beginResetModel();
  m_summary = std::move(summary);
  m_colours = std::move(colours);
  endResetModel();
}

int ClusterTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_summary.clusters.size());
}

int ClusterTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClusterTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
  const auto row = static_cast<std::size_t>(index.row());
  const auto& c = m_summary.clusters[row];
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case ClusterColumn:
          return tr("Cluster %1").arg(index.row() + 1);
        case ItemsColumn:
          return display::count(c.items);
        case TailShareColumn:
          return percent(c.tailShare);
        case PopularityColumn:
          return QLocale().toString(c.meanInteractions, 'f', 1);
        case FlagColumn:
          return c.tailHeavy ? tr("Tail-heavy") : QString();
        default:
          return {};
      }
    case Qt::UserRole:  // sort keys
      switch (index.column()) {
        case ItemsColumn:
          return qlonglong(c.items);
        case TailShareColumn:
          return c.tailShare;
        case PopularityColumn:
          return c.meanInteractions;
        case FlagColumn:
          return c.tailHeavy;
        default:
          return index.row();
      }
    case Qt::DecorationRole:
      if (index.column() == ClusterColumn && row < m_colours.size()) return m_colours[row];
      return {};
    case Qt::TextAlignmentRole:
      if (index.column() == ItemsColumn || index.column() == TailShareColumn ||
          index.column() == PopularityColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
      return {};
    case Qt::FontRole:
      if (c.tailHeavy) {
        QFont bold;
        bold.setBold(true);
        return bold;
      }
      return {};
    case Qt::ToolTipRole:
      return rowToolTip(index.row());
    default:
      return {};
  }
}

QVariant ClusterTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::DisplayRole) {
    switch (section) {
      case ClusterColumn:
        return tr("Cluster");
      case ItemsColumn:
        return tr("Items");
      case TailShareColumn:
        return tr("Tail share");
      case PopularityColumn:
        return tr("Mean popularity");
      case FlagColumn:
        return tr("Flag");
      default:
        return {};
    }
  }
  if (role == Qt::ToolTipRole) {
    switch (section) {
      case TailShareColumn:
        return tr("Share of the cluster's items in the popularity tail (catalog: %1)")
            .arg(percent(m_summary.catalogTailShare));
      case PopularityColumn:
        return tr("Mean interactions per item in the cluster (catalog: %1)")
            .arg(QLocale().toString(m_summary.catalogMeanInteractions, 'f', 1));
      case FlagColumn:
        return tr("Tail-heavy: the tail share is at least %1 percentage points above the catalog's")
            .arg(QLocale().toString(100.0 * kTailHeavyMargin, 'f', 0));
      default:
        return {};
    }
  }
  return {};
}

QString ClusterTableModel::rowToolTip(int row) const {
  const auto& c = m_summary.clusters[std::size_t(row)];
  QString text = tr("Cluster %1: %2 items, %3 of them in the popularity tail (catalog: %4); %5 interactions "
                    "per item on average (catalog: %6).")
                     .arg(row + 1)
                     .arg(display::count(c.items), percent(c.tailShare), percent(m_summary.catalogTailShare),
                          QLocale().toString(c.meanInteractions, 'f', 1),
                          QLocale().toString(m_summary.catalogMeanInteractions, 'f', 1));
  if (c.tailHeavy) {
    text +=
        QLatin1Char(' ') + tr("Tail-heavy: at least %1 percentage points more tail items than the catalog; "
                              "a candidate long-tail cluster.")
                               .arg(QLocale().toString(100.0 * kTailHeavyMargin, 'f', 0));
  }
  text += QLatin1Char(' ') + tr("Click to highlight it on the map.");
  return text;
}

}  // namespace reclens
