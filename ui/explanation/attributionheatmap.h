#pragma once
#include <QStringList>
#include <QWidget>

#include <vector>

#include "explain/attribution.h"

class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCustomPlot;
class QMouseEvent;

namespace reclens {

// The feature-importance heatmap of one Explanation: a row per explained item, a column per user
// field, per item part and per history item among the strongest (by total |attribution| over the
// rows), the rest of the history summed in one column. A diverging colour map centred on zero with
// a symmetric range and a colour scale; hover shows the cell, a click (or the arrow keys) selects it.
class AttributionHeatmap : public QWidget {
  Q_OBJECT

 public:
  // History items shown as columns of their own; the others share one "other history" column.
  static constexpr int kMaxHistoryColumns = 12;

  struct Column {
    enum class Kind { UserField, ItemPart, History, OtherHistory };
    Kind kind = Kind::History;
    std::vector<int> fields;  // positions in ItemExplanation::fields summed in this column (one, or the rest)
    QString label;            // full label (the axis shows it elided)
  };

  explicit AttributionHeatmap(QWidget* parent = nullptr);

  // Shows `explanation`; `rowLabels` names its items, one per ItemExplanation.
  void setExplanation(Explanation explanation, QStringList rowLabels);
  // Recency order (for sequential models): the history columns are the newest events, newest first,
  // labelled by position ("−1" the newest), and the older ones share the last column; otherwise the
  // strongest history items come first. Takes effect at the next setExplanation.
  void setRecencyOrder(bool recency) { m_recency = recency; }
  bool recencyOrder() const { return m_recency; }
  void clear();

  const Explanation& explanation() const { return m_explanation; }
  int rowCount() const { return static_cast<int>(m_explanation.items.size()); }
  int columnCount() const { return static_cast<int>(m_columns.size()); }
  const Column& column(int column) const { return m_columns[static_cast<std::size_t>(column)]; }
  QString rowLabel(int row) const { return m_rowLabels.value(row); }
  // The attribution shown in a cell (the sum of the column's fields for that row).
  double value(int row, int column) const;
  // The cell's value for the row's item: the user's value, the item's value, or a history item's id.
  QString valueText(int row, int column) const;
  // The colour map spans [-colourLimit(), +colourLimit()]: the largest |value| of a single-field cell
  // (the "other history" sum may lie beyond and saturate).
  double colourLimit() const { return m_limit; }
  // The data range of the colour map and its colour at `value`, as drawn.
  double colourRangeLower() const;
  double colourRangeUpper() const;
  QColor colourAt(double value) const;
  // The cell's tooltip text (rich text).
  QString cellToolTip(int row, int column) const;

  // Selects a cell (and emits cellSelected); out-of-range arguments clear the selection.
  void selectCell(int row, int column);
  int selectedRow() const { return m_selectedRow; }
  int selectedColumn() const { return m_selectedColumn; }

  QCustomPlot* plot() const { return m_plot; }
  // Centre of a cell in the coordinates of plot(), for tests and tooltips.
  QPoint cellCentre(int row, int column) const;
  // The cell under `pos` (plot() coordinates); {-1, -1} outside the map.
  QPoint cellAt(const QPoint& pos) const;

 Q_SIGNALS:
  void cellSelected(int row, int column);

 protected:
  void keyPressEvent(QKeyEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void buildColumns();
  bool m_recency = false;
  void rebuildPlot();
  void updateSelectionMark();
  void onMousePress(QMouseEvent* event);
  void onMouseMove(QMouseEvent* event);

  QCustomPlot* m_plot;
  QCPColorMap* m_map;
  QCPColorScale* m_scale;
  QCPItemRect* m_rowMark = nullptr;
  QCPItemRect* m_cellMark = nullptr;
  Explanation m_explanation;
  QStringList m_rowLabels;
  std::vector<Column> m_columns;
  double m_limit = 0.0;
  int m_selectedRow = -1;
  int m_selectedColumn = -1;
};

}  // namespace reclens
