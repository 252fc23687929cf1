#pragma once
#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <vector>

#include "common/result.h"
#include "explain/egograph.h"

namespace reclens {

// Where Graphviz put the nodes and edges of an ego graph, in scene coordinates (pixels, y down).
struct EgoGraphLayout {
  QRectF bounds;
  std::vector<QPointF> nodeCentres;     // one per EgoGraph::nodes entry
  std::vector<QPainterPath> edgePaths;  // one per EgoGraph::edges entry (Bézier curves)
};

// Lays `graph` out in layers with Graphviz `dot`, left to right or top to bottom (the explained user
// first, the target last), each node a box of `nodeSizes[i]` pixels. Uses Graphviz, which is not
// thread-safe: call it from one thread only (the GUI thread). Fails when the sizes do not match the
// nodes or Graphviz fails.
Result<EgoGraphLayout> layoutEgoGraph(const EgoGraph& graph, const std::vector<QSizeF>& nodeSizes,
                                      bool leftToRight = true);

}  // namespace reclens
