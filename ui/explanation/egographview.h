#pragma once
#include <QGraphicsView>

#include <vector>

#include "data/popularitytiers.h"
#include "explain/egograph.h"

class QGraphicsItem;
class QGraphicsScene;
class QTimer;

namespace reclens {

// The ego graph of one (user, recommended item) score: nodes laid out left to right by Graphviz,
// edge width = |contribution|, edge colour = its sign, item nodes filled by popularity tier, the
// explained user and the target outlined. Zoom with the wheel or +/-, 0 fits, drag pans; a click on
// a node asks to navigate to it.
class EgoGraphView : public QGraphicsView {
  Q_OBJECT

 public:
  explicit EgoGraphView(QWidget* parent = nullptr);

  // How long the edges new to a graph stay marked.
  static constexpr int kMarkMs = 2500;

  // Shows `graph`; `tiers` holds the popularity tier of each node (entries of user nodes are not
  // read). Returns false and shows nothing when the layout failed (layoutError() says why). When the
  // graph shown before was of the same user and target (e.g. recomputed after live events), the edges
  // it did not have are marked with an amber halo for kMarkMs.
  bool setGraph(EgoGraph graph, std::vector<PopularityTier> tiers);
  void clear();

  const EgoGraph& graph() const { return m_graph; }
  QString layoutError() const { return m_error; }
  // The drawn box of node `index` in scene coordinates (empty when there is none).
  QRectF nodeRect(int index) const;
  // The scene item drawing node `index`, edge `index` (nullptr when there is none).
  QGraphicsItem* nodeItem(int index) const;
  QGraphicsItem* edgeItem(int index) const;
  // Edges marked as new by the last setGraph (the count stays after the marks fade).
  int newEdgeCount() const { return m_newEdges; }
  // True while the marks of new edges are drawn.
  bool marksShown() const { return !m_halos.empty(); }
  // Pen width of edge `index` as drawn (grows with |contribution|).
  double edgeWidth(int index) const;

  // Fill of item nodes of `tier`, of user nodes, and the pen colour of an edge of sign `positive`.
  static QColor tierFill(PopularityTier tier);
  static QColor userFill();
  static QColor edgeColour(bool positive);

 public Q_SLOTS:
  void zoomIn();
  void zoomOut();
  // Fits the whole graph into the view (never enlarging beyond 1.25×).
  void fitAll();

 Q_SIGNALS:
  // A user node was clicked: dataset user row.
  void userActivated(int user);
  // An item node was clicked: catalog row.
  void itemActivated(int item);

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void zoomBy(double factor);
  QString nodeToolTip(std::size_t node, PopularityTier tier) const;
  // Exact contributions for LightGcnPaths; for AttributionWeighted what is attribution and what an
  // allocation of it to other users.
  QString edgeToolTip(std::size_t edge) const;

  QGraphicsScene* m_scene;
  EgoGraph m_graph;
  QString m_error;
  std::vector<QGraphicsItem*> m_nodes;
  std::vector<QGraphicsItem*> m_edges;
  std::vector<QGraphicsItem*> m_halos;  // marks of new edges, owned by the scene
  int m_newEdges = 0;
  QTimer* m_fade;
  QPoint m_pressPos;
  bool m_userZoomed = false;
};

}  // namespace reclens
