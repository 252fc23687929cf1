#pragma once
#include <QColor>
#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

class QCPColorMap;
class QCPGraph;
class QCustomPlot;

namespace reclens {

// One colour group of the map: its legend name, colour and item count.
struct MapGroup {
  QString name;
  QColor colour;
  std::int64_t count = 0;
};

// Draws 2-D points in colour groups on a QCustomPlot so that a million of them still pan smoothly.
// Up to kDensityThreshold points: one scatter graph per group. Beyond: a 2-D histogram of every point
// (a QCPColorMap, re-binned to the visible range before each replot) under per-group scatter graphs
// of a fixed pseudo-random sample of kSampleSize points. The legend counts every point either way.
class MapCanvas : public QObject {
  Q_OBJECT

 public:
  static constexpr std::size_t kDensityThreshold = 150000;
  static constexpr std::size_t kSampleSize = 20000;
  static constexpr int kBins = 320;  // histogram cells along the longer side of the axis rect

  explicit MapCanvas(QCustomPlot* plot);

  // Replaces every plottable of the plot with the map of `coordinates` (row-major [points, 2]); point i
  // is in group `groups[i]` (out of range: not drawn). Groups are drawn in `order`, the last on top.
  void draw(std::shared_ptr<const std::vector<float>> coordinates, std::vector<std::int32_t> groups,
            const std::vector<MapGroup>& legend, const std::vector<int>& order);
  // Clears what draw() made.
  void clear();
  // Outlines the points of group `group` on top of the others (sampled like the rest); -1 removes it.
  void setHighlight(int group, const QString& name);
  int highlight() const { return m_highlight; }
  // Whether the map shows a density layer and a sample (more than kDensityThreshold points).
  bool sampled() const { return m_density != nullptr; }
  QCPColorMap* density() const { return m_density; }
  // The scatter graph of each group (index = group), null for an empty group.
  const std::vector<QCPGraph*>& groupGraphs() const { return m_graphs; }
  QCPGraph* highlightGraph() const { return m_highlightGraph; }
  // Whether point i is drawn as a dot (every point when not sampled).
  bool inSample(std::size_t i) const;

 private:
  void rebin();

  QCustomPlot* m_plot;
  std::shared_ptr<const std::vector<float>> m_coordinates;
  std::vector<std::int32_t> m_groups;
  std::vector<QCPGraph*> m_graphs;
  QCPColorMap* m_density = nullptr;
  QCPGraph* m_highlightGraph = nullptr;
  int m_highlight = -1;
  double m_binned[4] = {0, 0, 0, 0};  // the ranges last binned: x lower, x upper, y lower, y upper
};

}  // namespace reclens
