#include "dashboards/groupusersmodel.h"

#include <QLocale>

#include "dashboards/auditmetrics.h"
#include "widgets/displayformat.h"

namespace reclens {

GroupUsersModel::GroupUsersModel(QObject* parent) : QAbstractTableModel(parent) {}

void GroupUsersModel::setGroup(std::shared_ptr<const AuditOutcome> outcome, int attribute,
                               std::int32_t code) {
  beginResetModel();
  m_outcome = std::move(outcome);
  m_records.clear();
  if (m_outcome && attribute >= 0) {
    const auto& users = m_outcome->result.partial.users;
    for (std::size_t r = 0; r < users.size(); ++r) {
      const auto& codes = users[r].groupCodes;
      if (static_cast<std::size_t>(attribute) < codes.size() && codes[std::size_t(attribute)] == code)
        m_records.push_back(r);
    }
  }
  endResetModel();
}

void GroupUsersModel::clear() {
  setGroup(nullptr, -1, -1);
}

std::int32_t GroupUsersModel::userAt(int row) const {
  if (row < 0 || row >= rowCount()) return -1;
  return m_outcome->result.partial.users[m_records[std::size_t(row)]].user;
}

int GroupUsersModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

int GroupUsersModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupUsersModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto& record = m_outcome->result.partial.users[m_records[std::size_t(index.row())]];
  const auto user = static_cast<std::size_t>(record.user);
  const bool raw = role == Qt::EditRole;
  if (role == Qt::DisplayRole || raw) {
    const auto number = [raw](double v, int decimals) {
      return raw ? QVariant(v) : QVariant(QLocale().toString(v, 'f', decimals));
    };
    switch (index.column()) {
      case UserColumn:
        return display::text(m_outcome->session->snapshot().dataset().users.ids[user]);
      case TestColumn:
        return raw ? QVariant(record.hasTest) : QVariant(record.hasTest ? tr("yes") : tr("no"));
      case NdcgColumn:
        return number(record.accuracy.ndcg, 4);
      case RecallColumn:
        return number(record.accuracy.recall, 4);
      case HitColumn:
        return number(record.accuracy.hit, 0);
      case TrainColumn: {
        const auto& train = m_outcome->split->train;
        const auto n = user < train.size() ? static_cast<qint64>(train[user].size()) : 0;
        return raw ? QVariant(n) : QVariant(display::count(n));
      }
      case PopularityColumn:
        return number(record.averagePopularity, 1);
      default:
        return {};
    }
  }
  if (role == Qt::TextAlignmentRole && index.column() != UserColumn)
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ToolTipRole) return tr("Double-click to open this user's recommendations");
  return {};
}

QVariant GroupUsersModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  const int k = m_outcome ? m_outcome->result.partial.config.k : 0;
  switch (section) {
    case UserColumn:
      return tr("User");
    case TestColumn:
      return tr("Held-out item");
    case NdcgColumn:
      return k > 0 ? auditmetrics::title("ndcg", k) : tr("NDCG");
    case RecallColumn:
      return k > 0 ? auditmetrics::title("recall", k) : tr("Recall");
    case HitColumn:
      return k > 0 ? auditmetrics::title("hit", k) : tr("HR");
    case TrainColumn:
      return tr("Train items");
    case PopularityColumn:
      return tr("List popularity");
    default:
      return {};
  }
}

}  // namespace reclens
