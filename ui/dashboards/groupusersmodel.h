#pragma once
#include <QAbstractTableModel>

#include <cstdint>
#include <memory>
#include <vector>

#include "services/auditoutcome.h"

namespace reclens {

// The audited users of one group of one user attribute: id, whether they have a held-out item, their
// NDCG, recall and hit rate @K, their train items and the mean popularity of their list. EditRole
// gives raw numbers; data() only indexes the audit's per-user records.
class GroupUsersModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    UserColumn,
    TestColumn,
    NdcgColumn,
    RecallColumn,
    HitColumn,
    TrainColumn,
    PopularityColumn,
    ColumnCount
  };

  explicit GroupUsersModel(QObject* parent = nullptr);

  // Lists the users whose code of audited attribute `attribute` (index into the audit's
  // userAttributes) is `code` (-1: value missing).
  void setGroup(std::shared_ptr<const AuditOutcome> outcome, int attribute, std::int32_t code);
  void clear();
  // Dataset user row of table row `row`, -1 when out of range.
  std::int32_t userAt(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  std::shared_ptr<const AuditOutcome> m_outcome;
  std::vector<std::size_t> m_records;  // indices into the audit's per-user records
};

}  // namespace reclens
