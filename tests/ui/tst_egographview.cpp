#include <QGraphicsPathItem>
#include <QSignalSpy>
#include <QtTest>

#include "explanation/egographview.h"

using namespace reclens;

namespace {
EgoNode node(EgoNodeKind kind, std::int32_t row, const std::string& label, int hop, double contribution) {
  EgoNode n;
  n.kind = kind;
  n.row = row;
  n.id = kind == EgoNodeKind::User ? label : "i" + std::to_string(row);
  n.label = label;
  n.hop = hop;
  n.contribution = contribution;
  return n;
}

// The explained user u7 (row 7), two history items, one co-interacting user, a neighbour item and
// the target (catalog row 42); one path lowers the score.
EgoGraph sampleGraph() {
  EgoGraph g;
  g.user = 7;
  g.target = 42;
  g.nodes.push_back(node(EgoNodeKind::User, 7, "u7", 0, 0.9));
  g.nodes.back().isRoot = true;
  g.nodes.push_back(node(EgoNodeKind::Item, 3, "Green tea with a rather long title for eliding", 1, 0.7));
  g.nodes.push_back(node(EgoNodeKind::Item, 4, "Black coffee", 1, -0.1));
  g.nodes.push_back(node(EgoNodeKind::User, 11, "u11", 2, 0.5));
  g.nodes.push_back(node(EgoNodeKind::Item, 9, "Water", 3, 0.2));
  g.nodes.push_back(node(EgoNodeKind::Item, 42, "Apple juice", 3, 0.9));
  g.nodes.back().isTarget = true;
  g.edges = {{0, 1, EgoEdgeKind::Interaction, 0.7, 0.5},  {0, 2, EgoEdgeKind::Interaction, -0.1, 0.5},
             {1, 3, EgoEdgeKind::Interaction, 0.5, 0.3},  {3, 5, EgoEdgeKind::Interaction, 0.5, 0.3},
             {2, 5, EgoEdgeKind::Interaction, -0.1, 0.2}, {1, 4, EgoEdgeKind::Embedding, 0.2, 0.0},
             {4, 5, EgoEdgeKind::Embedding, 0.2, 0.0}};
  g.score = 0.8;
  g.pathSum = 0.8;
  return g;
}

std::vector<PopularityTier> tiers() {
  return {PopularityTier::Tail, PopularityTier::Head, PopularityTier::Mid,
          PopularityTier::Tail, PopularityTier::Tail, PopularityTier::Tail};
}
}  // namespace

class TestEgoGraphView : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void layoutPlacesEveryNode() {
    EgoGraphView view;
    QVERIFY2(view.setGraph(sampleGraph(), tiers()), qPrintable(view.layoutError()));
    const int n = static_cast<int>(view.graph().nodes.size());
    QCOMPARE(n, 6);
    for (int i = 0; i < n; ++i) {
      const QRectF box = view.nodeRect(i);
      QVERIFY(!box.isEmpty());
      QVERIFY(view.scene()->sceneRect().contains(box));
      for (int j = 0; j < i; ++j) QVERIFY2(!box.intersects(view.nodeRect(j)), qPrintable(QString::number(i)));
    }
    // Along the layers (left to right or top to bottom): the explained user first, the target last.
    const QPointF root = view.nodeRect(0).center();
    const QPointF target = view.nodeRect(5).center();
    const bool across = target.x() - root.x() > target.y() - root.y();
    const auto along = [across](const QRectF& box) { return across ? box.center().x() : box.center().y(); };
    for (int i = 1; i < n; ++i) {
      QVERIFY(along(view.nodeRect(0)) < along(view.nodeRect(i)));
      if (i != 5) QVERIFY(along(view.nodeRect(5)) > along(view.nodeRect(i)));
    }
    // Every edge got a path that starts near its first node and ends near its second.
    for (int e = 0; e < static_cast<int>(view.graph().edges.size()); ++e) {
      const auto* item = dynamic_cast<const QGraphicsPathItem*>(view.edgeItem(e));
      QVERIFY(item != nullptr);
      const auto& edge = view.graph().edges[std::size_t(e)];
      const QPainterPath& path = item->path();
      QVERIFY(view.nodeRect(edge.from).adjusted(-4, -4, 4, 4).contains(path.pointAtPercent(0.0)));
      QVERIFY(view.nodeRect(edge.to).adjusted(-4, -4, 4, 4).contains(path.pointAtPercent(1.0)));
    }
  }

  void runsTheLayersAlongTheLongerSide_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("leftToRight");
    QTest::newRow("wide") << QSize(1400, 300) << true;
    QTest::newRow("tall") << QSize(300, 1400) << false;
  }

  void runsTheLayersAlongTheLongerSide() {
    QFETCH(QSize, size);
    QFETCH(bool, leftToRight);
    EgoGraphView view;
    view.resize(size);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.setGraph(sampleGraph(), tiers()));
    const QPointF root = view.nodeRect(0).center();
    const QPointF target = view.nodeRect(5).center();
    QCOMPARE(target.x() - root.x() > target.y() - root.y(), leftToRight);
  }

  void drawsContributionAsWidthAndSign() {
    EgoGraphView view;
    QVERIFY(view.setGraph(sampleGraph(), tiers()));
    // Edge 0 carries the most, edge 1 the least.
    for (int e = 1; e < 7; ++e) QVERIFY(view.edgeWidth(0) >= view.edgeWidth(e));
    QVERIFY(view.edgeWidth(0) > view.edgeWidth(1) + 3.0);
    const auto pen = [&view](int e) {
      return dynamic_cast<const QGraphicsPathItem*>(view.edgeItem(e))->pen();
    };
    QCOMPARE(pen(0).color().rgb(), EgoGraphView::edgeColour(true).rgb());
    QCOMPARE(pen(1).color().rgb(), EgoGraphView::edgeColour(false).rgb());
    QCOMPARE(pen(5).style(), Qt::DashLine);  // an embedding edge
    const auto fill = [&view](int n) {
      return dynamic_cast<const QGraphicsPathItem*>(view.nodeItem(n))->brush();
    };
    QCOMPARE(fill(1).color(), EgoGraphView::tierFill(PopularityTier::Head));
    QCOMPARE(fill(2).color(), EgoGraphView::tierFill(PopularityTier::Mid));
    QCOMPARE(fill(3).color(), EgoGraphView::userFill());
    QVERIFY(view.nodeItem(5)->toolTip().contains(QStringLiteral("Apple juice")));
  }

  void clickOnANodeAsksToNavigate_data() {
    QTest::addColumn<int>("node");
    QTest::addColumn<bool>("user");
    QTest::addColumn<int>("row");
    QTest::newRow("co-interacting user") << 3 << true << 11;
    QTest::newRow("history item") << 2 << false << 4;
    QTest::newRow("target") << 5 << false << 42;
  }

  void clickOnANodeAsksToNavigate() {
    QFETCH(int, node);
    QFETCH(bool, user);
    QFETCH(int, row);
    EgoGraphView view;
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.setGraph(sampleGraph(), tiers()));
    QSignalSpy users(&view, &EgoGraphView::userActivated);
    QSignalSpy items(&view, &EgoGraphView::itemActivated);
    const QPoint at = view.mapFromScene(view.nodeRect(node).center());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(users.count(), user ? 1 : 0);
    QCOMPARE(items.count(), user ? 0 : 1);
    QCOMPARE((user ? users : items).at(0).at(0).toInt(), row);
    // A click on the background asks for nothing.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(users.count() + items.count(), 1);
  }

  void zoomsAndFits() {
    EgoGraphView view;
    view.resize(500, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.setGraph(sampleGraph(), tiers()));
    const double fitted = view.transform().m11();
    QVERIFY(fitted > 0.0 && fitted <= 1.25);
    // Fitted, the whole graph is in sight.
    QVERIFY(view.mapToScene(view.viewport()->rect()).boundingRect().contains(view.nodeRect(5)));
    QTest::keyClick(&view, Qt::Key_Plus);
    QVERIFY(view.transform().m11() > fitted * 1.1);
    view.zoomOut();
    view.zoomOut();
    QVERIFY(view.transform().m11() < fitted);
    QTest::keyClick(&view, Qt::Key_0);
    QVERIFY(std::abs(view.transform().m11() - fitted) < 1e-9);
  }

  void marksEdgesNewToTheSameScore() {
    EgoGraphView view;
    view.resize(640, 420);
    QVERIFY(view.setGraph(sampleGraph(), tiers()));
    QCOMPARE(view.newEdgeCount(), 0);  // nothing to compare with
    // The same user and target after an event: a new history item and its path to the target.
    EgoGraph more = sampleGraph();
    more.nodes.push_back(node(EgoNodeKind::Item, 12, "Milk", 1, 0.1));
    more.edges.push_back({0, 6, EgoEdgeKind::Interaction, 0.1, 0.4});
    more.edges.push_back({6, 5, EgoEdgeKind::Embedding, 0.1, 0.0});
    auto moreTiers = tiers();
    moreTiers.push_back(PopularityTier::Mid);
    QVERIFY(view.setGraph(more, moreTiers));
    QCOMPARE(view.newEdgeCount(), 2);
    QVERIFY(view.marksShown());
    QTRY_VERIFY_WITH_TIMEOUT(!view.marksShown(), EgoGraphView::kMarkMs + 2000);
    QCOMPARE(view.newEdgeCount(), 2);
    // The same graph again: nothing is new.
    QVERIFY(view.setGraph(more, moreTiers));
    QCOMPARE(view.newEdgeCount(), 0);
    // Another target is another score: its edges are not compared with this one's.
    QVERIFY(view.setGraph(sampleGraph(), tiers()));
    EgoGraph other = more;
    other.target = 9;
    QVERIFY(view.setGraph(other, moreTiers));
    QCOMPARE(view.newEdgeCount(), 0);
    QVERIFY(!view.marksShown());
  }

  void refusesAGraphWithADanglingEdge() {
    EgoGraphView view;
    EgoGraph g = sampleGraph();
    g.edges.push_back({0, 17, EgoEdgeKind::Interaction, 0.1, 0.1});
    QVERIFY(!view.setGraph(g, tiers()));
    QVERIFY(!view.layoutError().isEmpty());
    QVERIFY(view.nodeItem(0) == nullptr);
  }
};

QTEST_MAIN(TestEgoGraphView)
#include "tst_egographview.moc"
