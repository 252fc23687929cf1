#include "dashboards/flipratemodel.h"

#include <QLocale>

#include "widgets/displayformat.h"

namespace reclens {

FlipRateModel::FlipRateModel(QObject* parent) : QAbstractTableModel(parent) {}

void FlipRateModel::setFlips(std::vector<FlipRate> flips) {
  beginResetModel();
  m_flips = std::move(flips);
  endResetModel();
}

int FlipRateModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_flips.size());
}

int FlipRateModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlipRateModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto& f = m_flips[static_cast<std::size_t>(index.row())];
  if (role == Qt::EditRole || role == Qt::DisplayRole) {
    const bool raw = role == Qt::EditRole;
    switch (index.column()) {
      case AttributeColumn:
        return display::text(f.attribute);
      case UsersColumn:
        return raw ? QVariant(static_cast<qulonglong>(f.users))
                   : QVariant(display::count(static_cast<std::int64_t>(f.users)));
      case RateColumn:
        return raw ? QVariant(f.rate)
                   : QVariant(QLocale().toString(100.0 * f.rate, 'f', 1) + QLatin1Char('%'));
      case JaccardColumn:
        return raw ? QVariant(f.meanJaccard) : QVariant(QLocale().toString(f.meanJaccard, 'f', 3));
      default:
        return {};
    }
  }
  if (role == Qt::TextAlignmentRole && index.column() != AttributeColumn)
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

QVariant FlipRateModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::DisplayRole) {
    switch (section) {
      case AttributeColumn:
        return tr("Flipped attribute");
      case UsersColumn:
        return tr("Users");
      case RateColumn:
        return tr("Flip rate");
      case JaccardColumn:
        return tr("Mean Jaccard");
      default:
        return {};
    }
  }
  if (role == Qt::ToolTipRole) {
    switch (section) {
      case RateColumn:
        return tr("Share of users whose top-K changes when the attribute is set to another value");
      case JaccardColumn:
        return tr("Mean overlap (intersection over union) of the original and the flipped lists");
      default:
        return {};
    }
  }
  return {};
}

}  // namespace reclens
