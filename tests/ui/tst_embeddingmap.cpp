#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QImage>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include "embedding/clustertablemodel.h"
#include "embedding/embeddingmappage.h"
#include "embedding/mapcanvas.h"
#include "engine/computethreads.h"
#include "engine/scoringengine.h"
#include "engine/tsne.h"
#include "engine/umap.h"
#include "plots/plotexport.h"
#include "services/auditservice.h"
#include "ui/testsession.h"

using namespace reclens;

class TestEmbeddingMap : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::shared_ptr<const ModelSession> m_session;

  static int pointsDrawn(QCustomPlot* plot, int graphs) {
    int total = 0;
    for (int g = 0; g < graphs; ++g) total += plot->graph(g)->dataCount();
    return total;
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto session = testing::tinySession(m_dir.filePath(QStringLiteral("tiny.reclens")));
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
    m_session = session.value();
  }

  void drawsEveryItemAndHighlightsAUser() {
    AuditService service;
    EmbeddingMapPage page(service);
    page.resize(1300, 850);
    page.show();
    QVERIFY(!page.compute());  // no model yet
    QSignalSpy ready(&page, &EmbeddingMapPage::mapReady);
    service.setSession(m_session);  // the visible page computes at once
    QVERIFY(ready.wait(60000));
    const auto items = int(m_session->snapshot().itemCount());
    QVERIFY(page.projection() != nullptr);
    QCOMPARE(page.projection()->coordinates.size(), std::size_t(2 * items));
    QVERIFY(page.projection()->variance[0] >= page.projection()->variance[1]);
    // Every item is drawn, in one scatter graph per popularity tier.
    QCOMPARE(page.plot()->graphCount(), 3);
    QCOMPARE(pointsDrawn(page.plot(), 3), items);
    QVERIFY(page.plot()->xAxis->label().startsWith(QStringLiteral("PC1")));
    QVERIFY(!page.compute());  // up to date

    // The user shown on the Recommendations page: history and recommendations as extra graphs.
    RecomputeResult result;
    result.request.session = m_session;
    result.request.user = 0;
    result.history = {1, 2, 3};
    result.items = {{4, 1.0f, 1}, {5, 0.5f, 2}};
    page.showUserResult(result);
    QCOMPARE(page.plot()->graphCount(), 5);
    QCOMPARE(page.plot()->graph(3)->dataCount(), 3);
    QCOMPARE(page.plot()->graph(4)->dataCount(), 2);
    QVERIFY(page.plot()->graph(4)->scatterStyle().size() > page.plot()->graph(0)->scatterStyle().size());
    // A result of another model is ignored.
    result.request.session = nullptr;
    result.history = {1};
    page.showUserResult(result);
    QCOMPARE(page.plot()->graph(3)->dataCount(), 3);

    // Hovering over an item finds it and names it.
    page.plot()->replot();
    const auto& coords = page.projection()->coordinates;
    const QPoint pixel(int(page.plot()->xAxis->coordToPixel(coords[2 * 7])),
                       int(page.plot()->yAxis->coordToPixel(coords[2 * 7 + 1])));
    const auto found = page.itemAt(pixel);
    QVERIFY(found >= 0);
    const double dx = page.plot()->xAxis->coordToPixel(coords[2 * std::size_t(found)]) - pixel.x();
    const double dy = page.plot()->yAxis->coordToPixel(coords[2 * std::size_t(found) + 1]) - pixel.y();
    QVERIFY(dx * dx + dy * dy <= 2.0);
    const auto& title = m_session->snapshot().dataset().items.titles[std::size_t(found)];
    QVERIFY(page.itemToolTip(found).contains(QString::fromStdString(title).toHtmlEscaped()));
    QCOMPARE(page.itemAt(QPoint(-100, -100)), -1);

    // Colour by k-means cluster: k graphs, deterministic for the seed.
    page.clusterBox()->setValue(4);
    page.colourBox()->setCurrentIndex(page.colourBox()->findData(EmbeddingMapPage::ByCluster));
    QVERIFY(ready.wait(60000));
    QVERIFY(page.clustering() != nullptr);
    QCOMPARE(page.clustering()->k, 4);
    QCOMPARE(page.plot()->graphCount(), 4 + 2);
    QCOMPARE(pointsDrawn(page.plot(), 4), items);
    const auto labels = page.clustering()->labels;
    page.clusterBox()->setValue(5);
    QVERIFY(ready.wait(60000));
    QCOMPARE(page.clustering()->k, 5);
    page.clusterBox()->setValue(4);
    QVERIFY(ready.wait(60000));
    QCOMPARE(page.clustering()->labels, labels);

    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("page-embedding-clusters.png"))));
    page.colourBox()->setCurrentIndex(page.colourBox()->findData(EmbeddingMapPage::ByTier));
    QCOMPARE(page.plot()->graphCount(), 3 + 2);  // redrawn at once from what is known
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("page-embedding.png"))));

    // The map exports like every plot.
    const QString png = m_dir.filePath(QStringLiteral("map.png"));
    QString error;
    QVERIFY2(plotexport::savePng(page.plot(), png, &error), qPrintable(error));
    QVERIFY(!QImage(png).isNull());

    // Dropping the model clears the map.
    service.setSession(nullptr);
    QCOMPARE(page.plot()->graphCount(), 0);
    QVERIFY(page.projection() == nullptr);
  }
  // Colour by a catalog attribute, then UMAP, then clusters with their table.
  void umapAttributesAndClusterTable() {
    AuditService service;
    EmbeddingMapPage page(service);
    page.resize(1400, 850);
    page.show();
    QSignalSpy ready(&page, &EmbeddingMapPage::mapReady);
    service.setSession(m_session);
    QVERIFY(ready.wait(60000));
    const auto& snapshot = m_session->snapshot();
    const auto items = snapshot.itemCount();
    const int f = snapshot.dataset().items.fieldIndex("category");
    QVERIFY(f >= 0);
    const int at = page.colourBox()->findData(EmbeddingMapPage::ByField + f);
    QVERIFY(at >= 0);
    page.colourBox()->setCurrentIndex(at);  // nothing to compute: redrawn at once
    const auto& field = snapshot.dataset().items.fields[std::size_t(f)];
    int drawn = 0;
    for (const auto* graph : page.canvas()->groupGraphs()) {
      QVERIFY(graph != nullptr);
      drawn += graph->dataCount();
      const QString value = graph->name().section(QStringLiteral(" ("), 0, 0);
      int expected = 0;
      for (std::size_t i = 0; i < items; ++i) {
        expected += value == QStringLiteral("No value") ? field.codeAt(i) < 0
                                                        : QString::fromStdString(field.valueAt(i)) == value;
      }
      if (value != QStringLiteral("Other values")) QCOMPARE(graph->dataCount(), expected);
    }
    QCOMPARE(drawn, int(items));

    page.methodBox()->setCurrentIndex(page.methodBox()->findData(EmbeddingMapPage::Umap));
    QVERIFY(ready.wait(120000));
    QVERIFY(page.umapLayout() != nullptr);
    QCOMPARE(page.coordinates()->size(), 2 * items);
    QCOMPARE(page.plot()->xAxis->label(), QStringLiteral("UMAP 1"));
    QVERIFY(page.summaryLabel()->text().contains(QStringLiteral("UMAP of all")));
    // The page's layout is core's seeded layout of the model's item embeddings.
    ScoringEngine engine(m_session->model());
    UmapOptions options;
    options.seed = EmbeddingMapPage::kUmapSeed;
    options.threads = computeThreads();
    auto direct = umapLayout(engine.itemEmbeddingsOnCpu(), items, engine.dim(), options);
    QVERIFY(direct.ok());
    QVERIFY(*page.coordinates() == direct->coordinates);
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("page-embedding-umap-category.png"))));

    page.colourBox()->setCurrentIndex(page.colourBox()->findData(EmbeddingMapPage::ByCluster));
    QVERIFY(ready.wait(60000));
    QVERIFY(page.clusterTable()->isVisible());
    auto* model = page.clusterModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto* clusters = page.clustering();
    QVERIFY(clusters != nullptr);
    QCOMPARE(model->rowCount(), clusters->k);
    // Tail share and mean popularity of each cluster, counted here from the labels.
    for (int c = 0; c < clusters->k; ++c) {
      double tail = 0, sum = 0, n = 0;
      for (std::size_t i = 0; i < items; ++i) {
        if (clusters->labels[i] != c) continue;
        ++n;
        tail += snapshot.itemTier(i) == PopularityTier::Tail;
        sum += double(snapshot.itemInteractions(i));
      }
      QCOMPARE(model->index(c, ClusterTableModel::TailShareColumn).data(Qt::UserRole).toDouble(), tail / n);
      QCOMPARE(model->index(c, ClusterTableModel::PopularityColumn).data(Qt::UserRole).toDouble(), sum / n);
    }
    const QRect row = page.clusterTable()->visualRect(model->index(2, ClusterTableModel::ItemsColumn));
    QTest::mouseClick(page.clusterTable()->viewport(), Qt::LeftButton, {}, row.center());
    QVERIFY(page.canvas()->highlightGraph() != nullptr);
    QCOMPARE(page.canvas()->highlightGraph()->dataCount(), int(clusters->sizes[2]));
    QCoreApplication::processEvents();  // the splitter lays out the table it now shows
    QVERIFY(page.clusterTable()->width() >= 300);
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("page-embedding-umap-clusters.png"))));

    // Back to PCA: drawn from what is known, nothing computed.
    page.methodBox()->setCurrentIndex(page.methodBox()->findData(EmbeddingMapPage::Pca));
    QVERIFY(!page.job().isRunning());
    QVERIFY(page.plot()->xAxis->label().startsWith(QStringLiteral("PC1")));
  }
  // t-SNE: core's seeded Barnes-Hut layout of the model's item embeddings, coloured by category.
  void tsneLayoutByCategory() {
    AuditService service;
    EmbeddingMapPage page(service);
    page.resize(1400, 850);
    page.preferView(EmbeddingMapPage::Tsne, QStringLiteral("category"));
    page.show();
    QSignalSpy ready(&page, &EmbeddingMapPage::mapReady);
    service.setSession(m_session);
    QVERIFY(ready.wait(120000));
    QVERIFY(page.tsneLayout() != nullptr);
    const auto items = m_session->snapshot().itemCount();
    QCOMPARE(page.coordinates()->size(), 2 * items);
    QCOMPARE(page.plot()->xAxis->label(), QStringLiteral("t-SNE 1"));
    QVERIFY(page.summaryLabel()->text().contains(QStringLiteral("t-SNE (Barnes-Hut) of all")));
    ScoringEngine engine(m_session->model());
    TsneOptions options;
    options.seed = EmbeddingMapPage::kUmapSeed;
    options.threads = 1;  // the layout does not depend on the thread count
    auto direct = tsneLayout(engine.itemEmbeddingsOnCpu(), items, engine.dim(), options);
    QVERIFY(direct.ok());
    QVERIFY(*page.coordinates() == direct->coordinates);
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("page-embedding-tsne-category.png"))));
  }
  // The GUI's --map-layout umap --map-colour category: chosen before the model, applied once it comes.
  void preferredView() {
    AuditService service;
    EmbeddingMapPage page(service);
    page.preferView(EmbeddingMapPage::Umap, QStringLiteral("category"));
    page.show();
    QSignalSpy ready(&page, &EmbeddingMapPage::mapReady);
    service.setSession(m_session);
    QVERIFY(ready.wait(120000));
    QVERIFY(page.umapLayout() != nullptr);
    QCOMPARE(page.plot()->xAxis->label(), QStringLiteral("UMAP 1"));
    const int f = m_session->snapshot().dataset().items.fieldIndex("category");
    QCOMPARE(page.colourBox()->currentData().toInt(), int(EmbeddingMapPage::ByField) + f);
    // Once: the next project starts from what the user chose.
    page.colourBox()->setCurrentIndex(page.colourBox()->findData(EmbeddingMapPage::ByTier));
    service.setSession(nullptr);
    service.setSession(m_session);
    QCOMPARE(page.colourBox()->currentData().toInt(), int(EmbeddingMapPage::ByTier));
  }
};

QTEST_MAIN(TestEmbeddingMap)
#include "tst_embeddingmap.moc"
