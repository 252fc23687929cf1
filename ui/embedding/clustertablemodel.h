#pragma once
#include <QAbstractTableModel>
#include <QColor>

#include <vector>

#include "engine/mapgroups.h"

namespace reclens {

// The k-means clusters of the Embedding map beside it: size, tail share and mean popularity of each,
// with the tail-heavy ones flagged (engine/mapgroups.h states the rule). One row per cluster.
class ClusterTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { ClusterColumn, ItemsColumn, TailShareColumn, PopularityColumn, FlagColumn, ColumnCount };

  explicit ClusterTableModel(QObject* parent = nullptr);

  // Shows `summary`; cluster c is drawn in `colours[c]`.
  void setSummary(ClusterTailSummary summary, std::vector<QColor> colours);
  const ClusterTailSummary& summary() const { return m_summary; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  QString rowToolTip(int row) const;

  ClusterTailSummary m_summary;
  std::vector<QColor> m_colours;
};

}  // namespace reclens
