#include "embedding/mapcanvas.h"

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "data/generatorrng.h"

namespace reclens {

namespace {

// A fixed pseudo-random subset: point i is kept when its hash falls below the sampling share, so
// the sample is the same on every redraw and spread over the whole catalog order.
std::uint64_t mix(std::uint64_t x) {
  return GeneratorRng::splitmix64(x);
}

}  // namespace

MapCanvas::MapCanvas(QCustomPlot* plot) : QObject(plot), m_plot(plot) {
  connect(m_plot, &QCustomPlot::beforeReplot, this, &MapCanvas::rebin);
}

bool MapCanvas::inSample(std::size_t i) const {
  if (!m_coordinates) return false;
  const std::size_t points = m_coordinates->size() / 2;
  if (points <= kDensityThreshold) return true;
  return mix(i) % points < kSampleSize;
}

void MapCanvas::clear() {
  m_plot->clearPlottables();
  m_graphs.clear();
  m_density = nullptr;
  m_highlightGraph = nullptr;
  m_highlight = -1;
  m_coordinates.reset();
  m_groups.clear();
}

void MapCanvas::draw(std::shared_ptr<const std::vector<float>> coordinates, std::vector<std::int32_t> groups,
                     const std::vector<MapGroup>& legend, const std::vector<int>& order) {
  clear();
  m_coordinates = std::move(coordinates);
  m_groups = std::move(groups);
  const auto& coords = *m_coordinates;
  const std::size_t points = coords.size() / 2;
  const bool dense = points > kDensityThreshold;
  if (dense) {
    m_density = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_density->setName(tr("Density of all %1 items").arg(QLocale().toString(qlonglong(points))));
    QCPColorGradient shades;
    shades.setColorStopAt(0.0, QColor(255, 255, 255, 0));
    shades.setColorStopAt(0.02, QColor(215, 215, 222));
    shades.setColorStopAt(1.0, QColor(40, 40, 60));
    m_density->setGradient(shades);
    m_density->setInterpolate(false);
    m_density->setTightBoundary(false);  // cells end at the range's ends (centres set half a cell in)
    m_binned[0] = m_binned[1] = 0.0;     // bin at the next replot
  }
  std::vector<QVector<QCPGraphData>> perGroup(legend.size());
  for (std::size_t i = 0; i < points; ++i) {
    const auto g = i < m_groups.size() ? m_groups[i] : -1;
    if (g < 0 || std::size_t(g) >= legend.size() || (dense && !inSample(i))) continue;
    perGroup[std::size_t(g)].push_back(QCPGraphData(coords[2 * i], coords[2 * i + 1]));
  }
  m_graphs.assign(legend.size(), nullptr);
  const int size = points > 20000 ? 3 : 5;
  for (const int g : order) {
    if (g < 0 || std::size_t(g) >= legend.size()) continue;
    const auto& group = legend[std::size_t(g)];
    auto* graph = m_plot->addGraph();
    graph->setName(tr("%1 (%2)").arg(group.name, QLocale().toString(qlonglong(group.count))));
    graph->setLineStyle(QCPGraph::lsNone);
    QColor fill = group.colour;
    fill.setAlpha(points > 20000 ? 110 : 150);
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, fill, fill, size));
    // Antialiased discs cost several times more to draw; at this density nobody sees the difference.
    graph->setAntialiasedScatters(points <= 20000);
    graph->data()->set(perGroup[std::size_t(g)]);
    m_graphs[std::size_t(g)] = graph;
  }
}

void MapCanvas::setHighlight(int group, const QString& name) {
  if (m_highlightGraph != nullptr) m_plot->removeGraph(m_highlightGraph);
  m_highlightGraph = nullptr;
  m_highlight = group;
  if (group < 0 || !m_coordinates) return;
  const auto& coords = *m_coordinates;
  QVector<QCPGraphData> points;
  for (std::size_t i = 0; i < coords.size() / 2; ++i) {
    if (i < m_groups.size() && m_groups[i] == group && inSample(i))
      points.push_back(QCPGraphData(coords[2 * i], coords[2 * i + 1]));
  }
  m_highlightGraph = m_plot->addGraph();
  m_highlightGraph->setName(name);
  m_highlightGraph->setLineStyle(QCPGraph::lsNone);
  m_highlightGraph->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(0x10, 0x10, 0x10), 1.2), Qt::NoBrush, 6));
  m_highlightGraph->data()->set(points);
}

void MapCanvas::rebin() {
  if (m_density == nullptr || !m_coordinates) return;
  const QCPRange xr = m_plot->xAxis->range();
  const QCPRange yr = m_plot->yAxis->range();
  const QRect rect = m_plot->axisRect()->rect();
  if (xr.lower == m_binned[0] && xr.upper == m_binned[1] && yr.lower == m_binned[2] &&
      yr.upper == m_binned[3])
    return;
  m_binned[0] = xr.lower;
  m_binned[1] = xr.upper;
  m_binned[2] = yr.lower;
  m_binned[3] = yr.upper;
  // Square cells on screen: kBins along the longer side.
  const int longer = std::max(1, std::max(rect.width(), rect.height()));
  const int nx = std::max(8, kBins * std::max(1, rect.width()) / longer);
  const int ny = std::max(8, kBins * std::max(1, rect.height()) / longer);
  std::vector<float> counts(std::size_t(nx) * std::size_t(ny), 0.0f);
  const auto& coords = *m_coordinates;
  const double sx = nx / xr.size(), sy = ny / yr.size();
  for (std::size_t i = 0; i < coords.size() / 2; ++i) {
    const double cx = (coords[2 * i] - xr.lower) * sx, cy = (coords[2 * i + 1] - yr.lower) * sy;
    if (cx < 0.0 || cy < 0.0 || cx >= nx || cy >= ny) continue;
    counts[std::size_t(cy) * std::size_t(nx) + std::size_t(cx)] += 1.0f;
  }
  auto* data = new QCPColorMapData(nx, ny, xr, yr);
  // Cell centres: QCustomPlot puts cell 0's centre on the range's lower end, so shift by half a cell.
  data->setRange(QCPRange(xr.lower + 0.5 * xr.size() / nx, xr.upper - 0.5 * xr.size() / nx),
                 QCPRange(yr.lower + 0.5 * yr.size() / ny, yr.upper - 0.5 * yr.size() / ny));
  float top = 0.0f;
  for (int y = 0; y < ny; ++y) {
    for (int x = 0; x < nx; ++x) {
      const float c = counts[std::size_t(y) * std::size_t(nx) + std::size_t(x)];
      top = std::max(top, c);
      // Log scale: a few items and a crowd both show.
      data->setCell(x, y, c > 0.0f ? std::log1p(c) : 0.0);
    }
  }
  m_density->setData(data);
  m_density->setDataRange(QCPRange(0.0, std::max(1.0, double(std::log1p(top)))));
}

}  // namespace reclens
