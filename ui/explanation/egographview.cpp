#include "explanation/egographview.h"

#include <QApplication>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "explanation/egographlayout.h"
#include "tables/itemtablemodel.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
constexpr int kNodeIndexKey = 0;  // QGraphicsItem::data key holding the node's index
constexpr double kMaxLabelWidth = 170.0;
constexpr double kMaxFocusLabelWidth = 260.0;  // the explained user and the target
constexpr double kPaddingX = 10.0;
constexpr double kPaddingY = 6.0;
constexpr double kMinEdgeWidth = 0.8;
constexpr double kMaxEdgeWidth = 9.0;
constexpr double kMinScale = 0.05;
constexpr double kMaxScale = 6.0;
constexpr double kMaxFitScale = 1.25;
const QColor kRootOutline(0x11, 0x11, 0x11);
const QColor kTargetOutline(0xd9, 0x9a, 0x00);

QString signedNumber(double value) {
  const QString text = QLocale().toString(value, 'g', 4);
  return value > 0 ? QStringLiteral("+") + text : text;
}

// An edge by what its ends are (kind and row), so that two graphs of the same score can be compared.
using EdgeKey = std::tuple<int, std::int32_t, int, std::int32_t, int>;
EdgeKey edgeKey(const EgoGraph& graph, const EgoEdge& edge) {
  const auto& from = graph.nodes[static_cast<std::size_t>(edge.from)];
  const auto& to = graph.nodes[static_cast<std::size_t>(edge.to)];
  return {static_cast<int>(from.kind), from.row, static_cast<int>(to.kind), to.row,
          static_cast<int>(edge.kind)};
}

QFont nodeFont(const QFont& base, const EgoNode& node) {
  QFont font = base;
  font.setBold(node.isRoot || node.isTarget);
  return font;
}
}  // namespace

EgoGraphView::EgoGraphView(QWidget* parent)
    : QGraphicsView(parent), m_scene(new QGraphicsScene(this)), m_fade(new QTimer(this)) {
  setScene(m_scene);
  m_fade->setSingleShot(true);
  m_fade->setInterval(kMarkMs);
  connect(m_fade, &QTimer::timeout, this, [this] {
    for (auto* halo : m_halos) delete halo;
    m_halos.clear();
  });
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
  setDragMode(QGraphicsView::ScrollHandDrag);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setResizeAnchor(QGraphicsView::AnchorViewCenter);
  setBackgroundBrush(QColor(0xfb, 0xfb, 0xfb));
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(240, 160);
}

QColor EgoGraphView::tierFill(PopularityTier tier) {
  switch (tier) {
    case PopularityTier::Head:
      return {0xf6, 0xc3, 0xa0};
    case PopularityTier::Mid:
      return {0xf1, 0xdf, 0x8f};
    case PopularityTier::Tail:
      return {0xa9, 0xcb, 0xea};
  }
  return {};
}

QColor EgoGraphView::userFill() {
  return {0xdd, 0xdd, 0xe4};
}

QColor EgoGraphView::edgeColour(bool positive) {
  return positive ? QColor(0xb2, 0x18, 0x2b) : QColor(0x21, 0x66, 0xac);
}

void EgoGraphView::clear() {
  m_scene->clear();
  m_halos.clear();
  m_newEdges = 0;
  m_nodes.clear();
  m_edges.clear();
  m_graph = {};
  m_error.clear();
  m_scene->setSceneRect(QRectF());
}

bool EgoGraphView::setGraph(EgoGraph graph, std::vector<PopularityTier> tiers) {
  // The same score drawn again: what it did not have before is marked.
  std::set<EdgeKey> before;
  const bool compare = !m_graph.nodes.empty() && m_graph.user == graph.user && m_graph.target == graph.target;
  if (compare)
    for (const auto& edge : m_graph.edges) before.insert(edgeKey(m_graph, edge));
  clear();
  tiers.resize(graph.nodes.size(), PopularityTier::Tail);
  std::vector<QSizeF> sizes;
  std::vector<QString> labels;
  for (const auto& node : graph.nodes) {
    const QFontMetricsF metrics(nodeFont(font(), node));
    QString label = display::text(node.kind == EgoNodeKind::User ? node.id : node.label);
    if (label.isEmpty()) label = display::text(node.id);
    label = metrics.elidedText(label, Qt::ElideRight,
                               node.isRoot || node.isTarget ? kMaxFocusLabelWidth : kMaxLabelWidth);
    labels.push_back(label);
    sizes.emplace_back(metrics.horizontalAdvance(label) + 2 * kPaddingX, metrics.height() + 2 * kPaddingY);
  }
  // Layers run along the longer side of the view: whichever of the two layouts fits it larger wins.
  auto layout = layoutEgoGraph(graph, sizes, true);
  const QSizeF viewport = maximumViewportSize();
  if (layout && !layout.value().bounds.isEmpty() && viewport.width() > 0 && viewport.height() > 0) {
    auto across = layoutEgoGraph(graph, sizes, false);
    const auto fit = [&viewport](const QRectF& bounds) {
      return std::min(viewport.width() / bounds.width(), viewport.height() / bounds.height());
    };
    if (across && !across.value().bounds.isEmpty() && fit(across.value().bounds) > fit(layout.value().bounds))
      layout = std::move(across);
  }
  if (!layout) {
    m_error = display::text(layout.error().message);
    return false;
  }
  m_graph = std::move(graph);
  const auto& placed = layout.value();

  double strongest = 0.0;
  for (const auto& edge : m_graph.edges) strongest = std::max(strongest, std::abs(edge.contribution));
  for (std::size_t e = 0; e < m_graph.edges.size(); ++e) {
    const auto& edge = m_graph.edges[e];
    const double strength = strongest > 0.0 ? std::abs(edge.contribution) / strongest : 0.0;
    QColor colour = edgeColour(edge.contribution >= 0.0);
    colour.setAlpha(90 + static_cast<int>(140 * strength));
    // Interaction edges are solid; items that meet only in the embedding space are joined by dashes.
    const bool embedding = edge.kind == EgoEdgeKind::Embedding;
    auto* item = m_scene->addPath(placed.edgePaths[e],
                                  QPen(colour, kMinEdgeWidth + (kMaxEdgeWidth - kMinEdgeWidth) * strength,
                                       embedding ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
    item->setZValue(-1.0 + 0.5 * strength);  // stronger edges over weaker ones, all under the nodes
    item->setToolTip(edgeToolTip(e));
    m_edges.push_back(item);
    if (compare && before.count(edgeKey(m_graph, edge)) == 0) {
      auto* halo = m_scene->addPath(
          placed.edgePaths[e],
          QPen(QColor(255, 193, 7, 140), item->pen().widthF() + 7.0, Qt::SolidLine, Qt::RoundCap));
      halo->setZValue(-2.0);  // under every edge
      m_halos.push_back(halo);
      ++m_newEdges;
    }
  }
  if (!m_halos.empty()) m_fade->start();

  for (std::size_t n = 0; n < m_graph.nodes.size(); ++n) {
    const auto& node = m_graph.nodes[n];
    const QSizeF size = sizes[n];
    const QRectF box(placed.nodeCentres[n] - QPointF(size.width() / 2, size.height() / 2), size);
    QPainterPath shape;
    const bool user = node.kind == EgoNodeKind::User;
    shape.addRoundedRect(box, user ? size.height() / 2 : 4.0, user ? size.height() / 2 : 4.0);
    const QColor fill = user ? userFill() : tierFill(tiers[n]);
    QPen outline(fill.darker(160), 1.0);
    if (node.isRoot) outline = QPen(kRootOutline, 2.5);
    if (node.isTarget) outline = QPen(kTargetOutline, 3.5);
    auto* item = m_scene->addPath(shape, outline, fill);
    item->setData(kNodeIndexKey, static_cast<int>(n));
    item->setToolTip(nodeToolTip(n, tiers[n]));
    item->setCursor(Qt::PointingHandCursor);
    auto* text = new QGraphicsSimpleTextItem(labels[n], item);
    text->setFont(nodeFont(font(), node));
    text->setBrush(QColor(0x1a, 0x1a, 0x1a));
    const QRectF textBox = text->boundingRect();
    text->setPos(box.center() - QPointF(textBox.width() / 2, textBox.height() / 2));
    m_nodes.push_back(item);
  }
  m_scene->setSceneRect(placed.bounds.adjusted(-20, -20, 20, 20));
  m_userZoomed = false;
  fitAll();
  return true;
}

QString EgoGraphView::edgeToolTip(std::size_t index) const {
  const auto& edge = m_graph.edges[index];
  const auto& from = m_graph.nodes[std::size_t(edge.from)];
  const auto& to = m_graph.nodes[std::size_t(edge.to)];
  const bool embedding = edge.kind == EgoEdgeKind::Embedding;
  const QString weight = tr("Interaction weight: %1").arg(QLocale().toString(edge.weight, 'g', 4));
  QString value;
  QString how;
  if (m_graph.method == EgoGraphMethod::LightGcnPaths) {
    value = tr("Contribution: %1").arg(signedNumber(edge.contribution));
    how = embedding ? tr("Near in the model's embedding space") : weight;
  } else if (from.isRoot) {  // u → h
    value = tr("Attribution of the history item: %1").arg(signedNumber(edge.contribution));
    how = weight;
  } else if (embedding) {  // h ⇢ t
    value = tr("Attribution of the history item: %1").arg(signedNumber(edge.contribution));
    how = tr("No other user has both items: the history item keeps its whole attribution");
  } else {  // h → v, v → t
    value = tr("Allocated: %1").arg(signedNumber(edge.contribution));
    how = weight + QStringLiteral("<br>") +
          tr("A share of history attributions given to this user by co-occurrence; the score does not "
             "depend on other users");
  }
  return tr("<b>%1 → %2</b><br>%3<br>%4")
      .arg(display::text(from.label).toHtmlEscaped(), display::text(to.label).toHtmlEscaped(), value, how);
}

QString EgoGraphView::nodeToolTip(std::size_t index, PopularityTier tier) const {
  const auto& node = m_graph.nodes[index];
  QString role;
  if (node.isRoot) role = tr("The explained user");
  if (node.isTarget) role = tr("The recommended item being explained");
  QString text = node.kind == EgoNodeKind::User
                     ? tr("<b>User %1</b>").arg(display::text(node.id).toHtmlEscaped())
                     : tr("<b>%1</b><br>Item %2 · %3 popularity")
                           .arg(display::text(node.label).toHtmlEscaped(),
                                display::text(node.id).toHtmlEscaped(), ItemTableModel::tierName(tier));
  if (!role.isEmpty()) text += QStringLiteral("<br><i>%1</i>").arg(role);
  const bool allocated =
      m_graph.method == EgoGraphMethod::AttributionWeighted && node.kind == EgoNodeKind::User && !node.isRoot;
  text +=
      allocated
          ? tr("<br>Allocated to this user: %1 (a share of history attributions by co-occurrence; "
               "the score does not depend on this user) · hop %2")
                .arg(signedNumber(node.contribution))
                .arg(node.hop)
          : tr("<br>Paths through it carry %1 · hop %2").arg(signedNumber(node.contribution)).arg(node.hop);
  text += node.kind == EgoNodeKind::User ? tr("<br>Click to explain this user's recommendations.")
                                         : tr("<br>Click to explain this item for the user.");
  return text;
}

QRectF EgoGraphView::nodeRect(int index) const {
  const auto* item = nodeItem(index);
  return item != nullptr ? item->sceneBoundingRect() : QRectF();
}

QGraphicsItem* EgoGraphView::nodeItem(int index) const {
  return index >= 0 && index < static_cast<int>(m_nodes.size()) ? m_nodes[std::size_t(index)] : nullptr;
}

QGraphicsItem* EgoGraphView::edgeItem(int index) const {
  return index >= 0 && index < static_cast<int>(m_edges.size()) ? m_edges[std::size_t(index)] : nullptr;
}

double EgoGraphView::edgeWidth(int index) const {
  const auto* item = dynamic_cast<const QGraphicsPathItem*>(edgeItem(index));
  return item != nullptr ? item->pen().widthF() : 0.0;
}

void EgoGraphView::zoomIn() {
  zoomBy(1.25);
}

void EgoGraphView::zoomOut() {
  zoomBy(0.8);
}

void EgoGraphView::zoomBy(double factor) {
  const double current = transform().m11();
  const double target = std::clamp(current * factor, kMinScale, kMaxScale);
  if (current > 0.0) scale(target / current, target / current);
  m_userZoomed = true;
}

void EgoGraphView::fitAll() {
  if (m_nodes.empty()) return;
  fitInView(sceneRect(), Qt::KeepAspectRatio);
  const double current = transform().m11();
  if (current > kMaxFitScale) setTransform(QTransform::fromScale(kMaxFitScale, kMaxFitScale));
  centerOn(sceneRect().center());
  m_userZoomed = false;
}

void EgoGraphView::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps == 0.0) return QGraphicsView::wheelEvent(event);
  zoomBy(std::pow(1.2, steps));
  event->accept();
}

void EgoGraphView::keyPressEvent(QKeyEvent* event) {
  switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
      zoomIn();
      break;
    case Qt::Key_Minus:
      zoomOut();
      break;
    case Qt::Key_0:
      fitAll();
      break;
    default:
      QGraphicsView::keyPressEvent(event);
  }
}

void EgoGraphView::mousePressEvent(QMouseEvent* event) {
  m_pressPos = event->pos();
  QGraphicsView::mousePressEvent(event);
}

void EgoGraphView::mouseReleaseEvent(QMouseEvent* event) {
  QGraphicsView::mouseReleaseEvent(event);
  if (event->button() != Qt::LeftButton ||
      (event->pos() - m_pressPos).manhattanLength() > QApplication::startDragDistance())
    return;
  for (QGraphicsItem* item = itemAt(event->pos()); item != nullptr; item = item->parentItem()) {
    const QVariant index = item->data(kNodeIndexKey);
    if (!index.isValid()) continue;
    const auto& node = m_graph.nodes[static_cast<std::size_t>(index.toInt())];
    if (node.kind == EgoNodeKind::User) {
      Q_EMIT userActivated(node.row);
    } else {
      Q_EMIT itemActivated(node.row);
    }
    return;
  }
}

void EgoGraphView::resizeEvent(QResizeEvent* event) {
  QGraphicsView::resizeEvent(event);
  if (!m_userZoomed) {
    fitAll();
  }
}

}  // namespace reclens
