#pragma once
#include <QWidget>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "engine/whatifreplay.h"
#include "services/datasetsnapshot.h"
#include "whatif/whatifstate.h"

class QCPGraph;
class QCPItemStraightLine;
class QCustomPlot;
class QMouseEvent;

namespace reclens {

// One user's history along time: a dot per interaction in the lane of its item's category. Items
// toggled off in the what-if editor are drawn as grey crosses, re-weighted ones in amber, added items
// as green diamonds at the right edge, and while replaying a red line marks the replay time with the
// later interactions faded. A click on a dot asks to toggle its item.
class HistoryTimeline : public QWidget {
  Q_OBJECT

 public:
  explicit HistoryTimeline(QWidget* parent = nullptr);

  // Shows `events` (one user's, oldest first) of `snapshot`'s catalog.
  void setHistory(std::shared_ptr<const DatasetSnapshot> snapshot, std::vector<HistoryEvent> events);
  // Redraws the dots for the editor's `state`.
  void setState(const WhatIfState& state);
  // Marks the replay time (none: the whole history).
  void setReplayTime(std::optional<std::int64_t> asOf);

  QCustomPlot* plot() const { return m_plot; }
  // Dots drawn in each style: kept, toggled off, re-weighted, added, after the replay time.
  int keptCount() const;
  int removedCount() const;
  int laterCount() const;
  // Centre of the first dot of catalog row `item` in plot() coordinates (null when not drawn).
  QPoint dotPosition(std::int32_t item) const;

 Q_SIGNALS:
  // A dot of catalog row `item` was clicked.
  void itemClicked(int item);

 private:
  void rebuild();
  void onMousePress(QMouseEvent* event);
  double laneOf(std::int32_t item) const;
  double xOf(std::int64_t ts) const;

  QCustomPlot* m_plot;
  QCPGraph* m_kept;
  QCPGraph* m_reweighted;
  QCPGraph* m_removed;
  QCPGraph* m_added;
  QCPGraph* m_later;
  QCPItemStraightLine* m_cut;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::vector<HistoryEvent> m_events;
  std::vector<std::int32_t> m_laneOfCode;  // category code -> lane (y), -1 when absent
  WhatIfState m_state;
  std::optional<std::int64_t> m_asOf;
  int m_categoryField = -1;
  bool m_dates = true;  // Unix-seconds axis (else sequence positions)
};

}  // namespace reclens
