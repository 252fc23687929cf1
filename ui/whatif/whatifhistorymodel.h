#pragma once
#include <QAbstractTableModel>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "engine/whatifreplay.h"
#include "services/datasetsnapshot.h"
#include "whatif/whatifstate.h"

namespace reclens {

class WhatIfEditor;

// The selected user's history as an editable table, oldest first: one row per distinct item (first
// and last time, title, category, events, weight), then the items added in the what-if editor. The
// check box toggles an item, the weight column re-weights it; both go through the editor, so they are
// undoable. While replaying, items first seen after the replay time are greyed out.
class WhatIfHistoryModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    IncludeColumn,
    DateColumn,
    TitleColumn,
    CategoryColumn,
    EventsColumn,
    WeightColumn,
    ColumnCount
  };
  // Answers the catalog row of a row on any column.
  static constexpr int kItemRole = Qt::UserRole + 1;

  struct Entry {
    std::int32_t item = -1;
    std::int64_t first = 0;  // first interaction (added items: none)
    std::int64_t last = 0;
    int events = 0;
    float weight = 0.0f;  // summed as the profile does
    bool added = false;
  };

  explicit WhatIfHistoryModel(WhatIfEditor& editor, QObject* parent = nullptr);

  // Shows the history of `events` (one user's, oldest first) from `snapshot`.
  void setHistory(std::shared_ptr<const DatasetSnapshot> snapshot, const std::vector<HistoryEvent>& events);
  // Greys out the items first seen after `asOf`; none when empty.
  void setReplayTime(std::optional<std::int64_t> asOf);

  const Entry& entry(int row) const { return m_entries[static_cast<std::size_t>(row)]; }
  // The row of catalog row `item`, -1 when it is not shown.
  int rowOf(std::int32_t item) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  void syncWithEditor();
  std::vector<Entry> entriesOf(const WhatIfState& state) const;
  QString titleOf(std::int32_t item) const;

  WhatIfEditor& m_editor;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::vector<Entry> m_history;  // the user's own items
  std::vector<Entry> m_entries;  // m_history (moved items last) then the added items
  std::optional<std::int64_t> m_asOf;
  int m_categoryField = -1;
};

}  // namespace reclens
