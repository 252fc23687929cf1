#include "explanation/egographlayout.h"

#include <gvc.h>

#include <memory>
#include <string>

namespace reclens {

namespace {
constexpr double kPointsPerInch = 72.0;

// Graphviz predates const: its setters take char* but do not write through them.
void setAttribute(void* object, const char* name, const std::string& value) {
  agsafeset(object, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

std::string inches(double pixels) {
  return std::to_string(pixels / kPointsPerInch);
}

struct ContextDeleter {
  void operator()(GVC_t* context) const { gvFreeContext(context); }
};
}  // namespace

Result<EgoGraphLayout> layoutEgoGraph(const EgoGraph& graph, const std::vector<QSizeF>& nodeSizes,
                                      bool leftToRight) {
  if (nodeSizes.size() != graph.nodes.size())
    return makeError(ErrorCode::InvalidArgument, "the graph has " + std::to_string(graph.nodes.size()) +
                                                     " nodes but " + std::to_string(nodeSizes.size()) +
                                                     " node sizes were given");
  for (const auto& edge : graph.edges) {
    const auto n = static_cast<int>(graph.nodes.size());
    if (edge.from < 0 || edge.from >= n || edge.to < 0 || edge.to >= n)
      return makeError(ErrorCode::InvalidArgument, "an edge of the graph names a node it does not have");
  }
  EgoGraphLayout layout;
  if (graph.nodes.empty()) return layout;

  std::unique_ptr<GVC_t, ContextDeleter> context(gvContext());
  if (!context) return makeError(ErrorCode::Internal, "Graphviz could not be initialised");
  Agraph_t* g = agopen(const_cast<char*>("ego"), Agdirected, nullptr);
  setAttribute(g, "rankdir", leftToRight ? "LR" : "TB");
  setAttribute(g, "ranksep", leftToRight ? "1.1" : "0.8");
  setAttribute(g, "nodesep", "0.12");
  setAttribute(g, "splines", "spline");
  std::vector<Agnode_t*> nodes;
  nodes.reserve(graph.nodes.size());
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    Agnode_t* node = agnode(g, const_cast<char*>(("n" + std::to_string(i)).c_str()), 1);
    setAttribute(node, "shape", "box");
    setAttribute(node, "fixedsize", "true");
    setAttribute(node, "label", "");
    setAttribute(node, "width", inches(nodeSizes[i].width()));
    setAttribute(node, "height", inches(nodeSizes[i].height()));
    nodes.push_back(node);
  }
  // The explained user starts the drawing and the target ends it.
  Agraph_t* first = agsubg(g, const_cast<char*>("first"), 1);
  setAttribute(first, "rank", "source");
  agsubnode(first, nodes.front(), 1);
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    if (!graph.nodes[i].isTarget || i == 0) continue;
    Agraph_t* last = agsubg(g, const_cast<char*>("last"), 1);
    setAttribute(last, "rank", "sink");
    agsubnode(last, nodes[i], 1);
  }
  std::vector<Agedge_t*> edges;
  edges.reserve(graph.edges.size());
  for (const auto& edge : graph.edges) {
    edges.push_back(agedge(g, nodes[std::size_t(edge.from)], nodes[std::size_t(edge.to)], nullptr, 1));
  }

  if (gvLayout(context.get(), g, "dot") != 0) {
    agclose(g);
    return makeError(ErrorCode::Internal,
                     "Graphviz could not lay out the graph (is its dot plugin installed?)");
  }
  const boxf box = GD_bb(g);
  // Graphviz puts y up; the scene has it down.
  const auto toScene = [&box](pointf p) { return QPointF(p.x - box.LL.x, box.UR.y - p.y); };
  layout.bounds = QRectF(0, 0, box.UR.x - box.LL.x, box.UR.y - box.LL.y);
  for (Agnode_t* node : nodes) layout.nodeCentres.push_back(toScene(ND_coord(node)));
  for (std::size_t e = 0; e < edges.size(); ++e) {
    QPainterPath path;
    const splines* spline = edges[e] != nullptr ? ED_spl(edges[e]) : nullptr;
    if (spline != nullptr && spline->size > 0 && spline->list[0].size > 0) {
      const bezier& curve = spline->list[0];
      path.moveTo(toScene(curve.list[0]));
      for (int i = 1; i + 2 < curve.size; i += 3)
        path.cubicTo(toScene(curve.list[i]), toScene(curve.list[i + 1]), toScene(curve.list[i + 2]));
      if (curve.eflag) path.lineTo(toScene(curve.ep));
    } else {
      // No spline (e.g. a loop Graphviz left out): a straight line between the centres.
      const auto& edge = graph.edges[e];
      path.moveTo(layout.nodeCentres[std::size_t(edge.from)]);
      path.lineTo(layout.nodeCentres[std::size_t(edge.to)]);
    }
    layout.edgePaths.push_back(path);
  }
  gvFreeLayout(context.get(), g);
  agclose(g);
  return layout;
}

}  // namespace reclens
