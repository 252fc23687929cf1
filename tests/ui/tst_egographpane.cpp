// The caption and legend under the graph say what the graph is: an exact split for a checked LightGCN
// file, an allocation of attributions for the other models. Saves a screenshot of each.
#include <QDir>
#include <QGraphicsItem>
#include <QLabel>
#include <QLocale>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/egograph.h"
#include "explanation/egographpane.h"
#include "explanation/egographview.h"
#include "model/trainer.h"
#include "ui/testmodel.h"

using namespace reclens;

class TestEgoGraphPane : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;

  static void saveScreenshot(QWidget* widget, const QString& name) {
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
  }

  std::shared_ptr<const ModelFile> train(const std::string& kind) {
    TrainConfig c = defaultTrainConfig(kind);
    c.dim = 8;
    c.epochs = 3;
    c.layers = 2;
    c.evalUsers = 50;
    c.device = "cpu";
    const auto path = m_dir.filePath(QString::fromStdString(kind + ".pt")).toStdString();
    auto report = trainModel(m_snapshot->dataset(), c, path);
    if (!report) qWarning("%s", report.error().message.c_str());
    auto model = ModelFile::load(path, {}, &m_snapshot->dataset().items);
    return model ? model.value() : nullptr;
  }

  // The graph of the most active user's top recommendation, shown on a pane.
  EgoGraph show(const ModelFile& model, EgoGraphPane& pane) {
    const auto& d = m_snapshot->dataset();
    std::int32_t user = 0;
    for (std::int32_t u = 1; u < std::int32_t(d.users.size()); ++u) {
      if (m_snapshot->userInteractions(std::size_t(u)) > m_snapshot->userInteractions(std::size_t(user)))
        user = u;
    }
    const UserProfileBuilder builder(d, model.metadata());
    const auto profile = builder.profile(user);
    ScoringEngine engine(std::shared_ptr<const ModelFile>(&model, [](const ModelFile*) {}));
    auto top = engine.recommend(profile, 1, {});
    if (!top || top.value().empty()) return {};
    const auto target = top.value().front().item;
    EgoGraphOptions options;
    options.maxPaths = 16;
    options.neighbours = 3;
    auto graph = explainByGraph(model, d, user, profile, target, options);
    if (!graph) return {};
    std::vector<PopularityTier> tiers(graph->nodes.size(), PopularityTier::Tail);
    pane.showGraph(QString::fromStdString(d.users.ids[std::size_t(user)]),
                   QString::fromStdString(d.items.titles[std::size_t(target)]), graph.value(), tiers, 1.0);
    // The caption and legend grew by a line or two: let the layout give them their height.
    QCoreApplication::processEvents();
    return graph.value();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto snapshot = testing::tinyProject(m_dir.filePath(QStringLiteral("tiny.reclens")), {});
    QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().message.c_str());
    m_snapshot = snapshot.value();
  }

  void bprGraphIsCaptionedAsAnAllocation() {
    const auto model = train("bpr");
    QVERIFY(model);
    EgoGraphPane pane;
    pane.resize(1100, 720);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    const auto g = show(*model, pane);
    QCOMPARE(g.method, EgoGraphMethod::AttributionWeighted);
    QVERIFY(!g.nodes.empty());
    const QString caption = pane.summaryLabel()->text();
    QVERIFY2(caption.contains("An allocation, not a decomposition"), qPrintable(caption));
    // Each named part of the residual is on the caption as the core computed it.
    const auto figure = [](double v, int digits) { return QLocale().toString(v, 'g', digits); };
    QVERIFY2(caption.contains("item parts " + figure(g.residualParts.itemParts, 4)), qPrintable(caption));
    QVERIFY2(caption.contains("user fields " + figure(g.residualParts.userFields, 4)), qPrintable(caption));
    QVERIFY2(caption.contains("baseline f(x′) " + figure(g.residualParts.baseline, 4)), qPrintable(caption));
    QVERIFY2(caption.contains("IG quadrature error " + figure(g.residualParts.quadrature, 2)),
             qPrintable(caption));
    QVERIFY2(!caption.contains("exact"), qPrintable(caption));
    const QString legend = pane.legendLabel()->text();
    QVERIFY2(legend.contains("allocated to a user"), qPrintable(legend));
    // Both are shown whole, not cut off by the graph above them.
    for (const QLabel* label : {pane.summaryLabel(), pane.legendLabel()})
      QVERIFY(label->height() >= label->heightForWidth(label->width()));
    // A co-user edge says that it carries an allocation.
    bool coUserEdge = false;
    for (std::size_t e = 0; e < g.edges.size(); ++e) {
      if (g.nodes[std::size_t(g.edges[e].to)].kind != EgoNodeKind::User) continue;
      const QString tip = pane.view()->edgeItem(int(e))->toolTip();
      QVERIFY2(tip.contains("Allocated"), qPrintable(tip));
      coUserEdge = true;
    }
    QVERIFY(coUserEdge);
    saveScreenshot(&pane, QStringLiteral("graph-pane-bpr.png"));
  }

  void lightGcnGraphIsCaptionedAsExact() {
    const auto model = train("lightgcn");
    QVERIFY(model);
    EgoGraphPane pane;
    pane.resize(1100, 720);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    const auto g = show(*model, pane);
    QCOMPARE(g.method, EgoGraphMethod::LightGcnPaths);
    const QString caption = pane.summaryLabel()->text();
    QVERIFY2(caption.contains("exact") && caption.contains("checked against the model's own score"),
             qPrintable(caption));
    QVERIFY2(caption.contains("paths − score " + QLocale().toString(g.graphGap, 'g', 2)),
             qPrintable(caption));
    QVERIFY2(!caption.contains("allocation"), qPrintable(caption));
    QVERIFY2(pane.legendLabel()->text().contains("(exact)"), qPrintable(pane.legendLabel()->text()));
    saveScreenshot(&pane, QStringLiteral("graph-pane-lightgcn.png"));
  }
};

QTEST_MAIN(TestEgoGraphPane)
#include "tst_egographpane.moc"
