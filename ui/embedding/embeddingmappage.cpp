#include "embedding/embeddingmappage.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>
#include <thread>

#include <qcustomplot.h>

#include "embedding/clustertablemodel.h"
#include "embedding/embeddingmapdata.h"
#include "embedding/mapcanvas.h"
#include "embedding/mapcolouring.h"
#include "engine/computethreads.h"
#include "engine/scoringengine.h"
#include "plots/plotexport.h"
#include "plots/plotstyle.h"
#include "services/auditservice.h"
#include "services/jobprogressbar.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
constexpr int kDefaultClusters = 8;
}  // namespace

EmbeddingMapPage::EmbeddingMapPage(AuditService& audit, QWidget* parent)
    : QWidget(parent),
      m_audit(audit),
      m_plot(new QCustomPlot(this)),
      m_canvas(new MapCanvas(m_plot)),
      m_method(new QComboBox(this)),
      m_colour(new QComboBox(this)),
      m_clusters(new QSpinBox(this)),
      m_table(new QTableView(this)),
      m_tableModel(new ClusterTableModel(this)),
      m_summary(new QLabel(this)),
      m_progress(new JobProgressBar(this)) {
  m_method->addItem(tr("PCA"), Pca);
  m_method->addItem(tr("UMAP"), Umap);
  m_method->addItem(tr("t-SNE"), Tsne);
  m_method->setToolTip(
      tr("PCA: the two main directions of the embeddings (fast, linear). UMAP: keeps each "
         "item's nearest neighbours near it (McInnes et al. 2018; seeded, takes longer). t-SNE: keeps "
         "neighbourhoods of perplexity 30 (Barnes-Hut, van der Maaten 2014; seeded, slower than UMAP, up to "
         "500,000 items)"));
  m_colour->setToolTip(
      tr("Colour the items by popularity tier, k-means cluster of their embeddings or a "
         "catalog attribute such as category or brand"));
  m_clusters->setRange(2, 50);
  m_clusters->setValue(kDefaultClusters);
  m_clusters->setPrefix(tr("k = "));
  m_clusters->setToolTip(tr("Number of k-means clusters (seeded, so the same k gives the same clusters)"));
  m_clusters->setEnabled(false);
  auto* reset = new QPushButton(tr("Reset &View"), this);
  reset->setToolTip(tr("Show every item again after zooming or panning"));
  auto* save = new QPushButton(tr("&Save Plot…"), this);
  save->setToolTip(tr("Save the map as PNG or SVG"));
  m_progress->attach(&m_job);
  m_summary->setWordWrap(true);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_table->setModel(m_tableModel);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->setToolTip(
      tr("Each k-means cluster's tail share and mean popularity; click a row to outline "
         "the cluster on the map"));
  m_table->setVisible(false);

  auto* methodLabel = new QLabel(tr("&Layout:"), this);
  methodLabel->setBuddy(m_method);
  auto* colourLabel = new QLabel(tr("&Colour by:"), this);
  colourLabel->setBuddy(m_colour);
  auto* controls = new QHBoxLayout;
  controls->addWidget(methodLabel);
  controls->addWidget(m_method);
  controls->addSpacing(12);
  controls->addWidget(colourLabel);
  controls->addWidget(m_colour);
  controls->addWidget(m_clusters);
  controls->addSpacing(12);
  controls->addWidget(reset);
  controls->addWidget(save);
  controls->addStretch(1);
  controls->addWidget(m_progress);

  plotstyle::apply(m_plot, tr("Item embeddings (PCA)"));
  plotexport::installPlotMenu(m_plot, QStringLiteral("embedding-map"));
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_plot->setMouseTracking(true);
  m_plot->legend->setVisible(true);
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  m_plot->setToolTip(tr("Drag to pan, wheel to zoom; hover over an item for its title"));

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(m_plot);
  split->addWidget(m_table);
  split->setStretchFactor(0, 1);
  split->setChildrenCollapsible(false);
  auto* column = new QVBoxLayout(this);
  column->addLayout(controls);
  column->addWidget(split, 1);
  column->addWidget(m_summary);

  connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
    if (!compute()) redraw();
  });
  connect(m_colour, &QComboBox::currentIndexChanged, this, [this] {
    m_clusters->setEnabled(m_colour->currentData().toInt() == ByCluster);
    if (!compute()) redraw();
  });
  connect(m_clusters, &QSpinBox::valueChanged, this, [this] { compute(); });
  connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) { onClusterRow(current.isValid() ? current.row() : -1); });
  connect(reset, &QPushButton::clicked, this, &EmbeddingMapPage::resetView);
  connect(save, &QPushButton::clicked, this,
          [this] { plotexport::exportPlot(this, m_plot, QStringLiteral("embedding-map")); });
  connect(m_plot, &QCustomPlot::mouseMove, this, &EmbeddingMapPage::onMouseMove);
  connect(&m_audit, &AuditService::sessionChanged, this, &EmbeddingMapPage::onSessionChanged);
  onSessionChanged();
}

EmbeddingMapPage::~EmbeddingMapPage() = default;

const EmbeddingProjection* EmbeddingMapPage::projection() const {
  return m_data ? &m_data->projection : nullptr;
}

const UmapLayout* EmbeddingMapPage::umapLayout() const {
  return m_data && m_data->umap ? &m_data->umapLayout : nullptr;
}

const TsneLayout* EmbeddingMapPage::tsneLayout() const {
  return m_data && m_data->tsne ? &m_data->tsneLayout : nullptr;
}

const KMeansClustering* EmbeddingMapPage::clustering() const {
  return m_data && m_data->clustering ? &*m_data->clustering : nullptr;
}

const std::vector<float>* EmbeddingMapPage::coordinates() const {
  if (!m_data) return nullptr;
  if (showingUmap()) return m_data->umap.get();
  if (showingTsne()) return m_data->tsne.get();
  return m_data->pca.get();
}

bool EmbeddingMapPage::showingUmap() const {
  return m_data && m_data->umap && m_method->currentData().toInt() == Umap;
}

bool EmbeddingMapPage::showingTsne() const {
  return m_data && m_data->tsne && m_method->currentData().toInt() == Tsne;
}

void EmbeddingMapPage::onSessionChanged() {
  m_data.reset();
  m_user = -1;
  m_history.clear();
  m_recommended.clear();
  fillColourBox();
  redraw();
  if (isVisible()) compute();
}

// Tier, cluster, then one entry per catalog field of the current project; the choice is kept when
// the new project has it.
void EmbeddingMapPage::fillColourBox() {
  const QString previous = m_colour->currentText();
  const QSignalBlocker blocker(m_colour);
  m_colour->clear();
  m_colour->addItem(tr("Popularity tier"), ByTier);
  m_colour->addItem(tr("k-means cluster"), ByCluster);
  if (const auto session = m_audit.session()) {
    const auto& fields = session->snapshot().dataset().items.fields;
    for (std::size_t f = 0; f < fields.size(); ++f)
      m_colour->addItem(tr("Attribute: %1").arg(display::text(fields[f].name())), ByField + int(f));
  }
  int chosen = m_colour->findText(previous);
  if (m_preferredColouring == QLatin1String("tier")) chosen = m_colour->findData(ByTier);
  if (m_preferredColouring == QLatin1String("cluster")) chosen = m_colour->findData(ByCluster);
  if (const auto session = m_audit.session(); session && !m_preferredColouring.isEmpty()) {
    const int f = session->snapshot().dataset().items.fieldIndex(m_preferredColouring.toStdString());
    if (f >= 0) chosen = m_colour->findData(ByField + f);
    m_preferredColouring.clear();  // once: later projects keep what the user chose
  }
  m_colour->setCurrentIndex(std::max(0, chosen));
  m_clusters->setEnabled(m_colour->currentData().toInt() == ByCluster);
}

void EmbeddingMapPage::preferView(Method method, const QString& colouring) {
  m_preferredColouring = colouring;
  m_method->setCurrentIndex(std::max(0, m_method->findData(method)));
  fillColourBox();
}

void EmbeddingMapPage::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  m_plot->replot();
  compute();
}

bool EmbeddingMapPage::compute() {
  const auto session = m_audit.session();
  if (!session) return false;
  if (m_job.isRunning()) {
    m_pending = true;
    return true;
  }
  const bool wantClusters = m_colour->currentData().toInt() == ByCluster;
  const bool wantUmap = m_method->currentData().toInt() == Umap;
  const int k = m_clusters->value();
  const bool fresh = !m_data || m_data->session != session;
  const bool needClusters = wantClusters && (fresh || !m_data->clustering || m_data->clustering->k != k);
  const bool needUmap = wantUmap && (fresh || !m_data->umap);
  const bool needTsne = m_method->currentData().toInt() == Tsne && (fresh || !m_data->tsne);
  if (!fresh && !needClusters && !needUmap && !needTsne) return false;
  auto previous = fresh ? nullptr : m_data;
  const QString title = needUmap       ? tr("Laying out item embeddings (UMAP)")
                        : needTsne     ? tr("Laying out item embeddings (t-SNE)")
                        : needClusters ? tr("Clustering item embeddings")
                                       : tr("Projecting item embeddings");
  const bool started = m_job.start<std::shared_ptr<const MapData>>(
      title,
      [session, previous, needClusters, needUmap, needTsne,
       k](const TaskControl& control) -> Result<std::shared_ptr<const MapData>> {
        QElapsedTimer clock;
        clock.start();
        auto map = std::make_shared<MapData>();
        if (previous) {
          *map = *previous;
        } else {
          map->session = session;
          control.report(0.0, "reading item embeddings");
          ScoringEngine engine(session->model());
          map->embeddings = std::make_shared<const std::vector<float>>(engine.itemEmbeddingsOnCpu());
          map->dim = engine.dim();
          control.report(0.05, "principal components");
          auto projection = principalComponents(*map->embeddings, engine.numItems(), map->dim, 2);
          if (!projection) return projection.error();
          map->projection = std::move(projection).value();
          map->pca = std::make_shared<const std::vector<float>>(map->projection.coordinates);
          map->seconds = static_cast<double>(clock.elapsed()) / 1000.0;
        }
        const auto rows = map->embeddings->size() / static_cast<std::size_t>(map->dim);
        if (needUmap) {
          clock.restart();
          UmapOptions options;
          options.seed = kUmapSeed;
          // Every core: LibTorch's own default can be lower (one per physical core), and the layout is
          // the same whatever the thread count.
          options.threads = std::max(computeThreads(), int(std::thread::hardware_concurrency()));
          auto layout = reclens::umapLayout(*map->embeddings, rows, map->dim, options, control);
          if (!layout) return layout.error();
          map->umapLayout = std::move(layout).value();
          map->umap = std::make_shared<const std::vector<float>>(std::move(map->umapLayout.coordinates));
          map->umapLayout.coordinates.clear();
          map->umapSeconds = static_cast<double>(clock.elapsed()) / 1000.0;
        }
        if (needTsne) {
          clock.restart();
          TsneOptions options;
          options.seed = kUmapSeed;
          options.threads = std::max(computeThreads(), int(std::thread::hardware_concurrency()));
          auto layout = reclens::tsneLayout(*map->embeddings, rows, map->dim, options, control);
          if (!layout) return layout.error();
          map->tsneLayout = std::move(layout).value();
          map->tsne = std::make_shared<const std::vector<float>>(std::move(map->tsneLayout.coordinates));
          map->tsneLayout.coordinates.clear();
          map->tsneSeconds = static_cast<double>(clock.elapsed()) / 1000.0;
        }
        if (needClusters) {
          auto clustering = kMeans(*map->embeddings, rows, map->dim, std::min<int>(k, int(rows)),
                                   kClusterSeed, 50, control);
          if (!clustering) return clustering.error();
          map->clustering = std::move(clustering).value();
        }
        return std::shared_ptr<const MapData>(std::move(map));
      },
      [this](Result<std::shared_ptr<const MapData>> result) {
        const bool pending = std::exchange(m_pending, false);
        if (!result) {
          if (result.error().code != ErrorCode::Cancelled) {
            const QString message =
                tr("Could not compute the embedding map: %1").arg(display::text(result.error().message));
            m_summary->setText(message);
            Q_EMIT mapFailed(message);
          }
        } else if (result.value()->session == m_audit.session()) {
          m_data = std::move(result).value();
          redraw();
          Q_EMIT mapReady();
        }
        if (pending) compute();
      });
  return started;
}

void EmbeddingMapPage::redraw() {
  m_historyGraph = nullptr;
  m_recommendedGraph = nullptr;
  const auto* coords = coordinates();
  const bool umap = showingUmap();
  const bool tsne = showingTsne();
  plotstyle::apply(m_plot, umap   ? tr("Item embeddings (UMAP)")
                           : tsne ? tr("Item embeddings (t-SNE)")
                                  : tr("Item embeddings (PCA)"));
  if (!m_data || coords == nullptr) {
    m_canvas->clear();
    m_shown = nullptr;
    m_table->setVisible(false);
    plotstyle::setPlaceholder(m_plot, m_audit.session()
                                          ? tr("Computing the map…")
                                          : tr("Load or train a model on the Recommendations page"));
    m_plot->legend->setVisible(false);
    m_summary->clear();
    plotstyle::replotShown(m_plot);
    return;
  }
  plotstyle::setPlaceholder(m_plot, {});
  const auto& snapshot = m_data->session->snapshot();
  const int key = m_colour->currentData().toInt();
  const auto colouring = MapColouring::make(snapshot, clustering(), key);
  m_canvas->draw(umap ? m_data->umap : (tsne ? m_data->tsne : m_data->pca), colouring.groups,
                 colouring.legend, colouring.order);

  const bool byCluster = key == ByCluster && m_data->clustering;
  if (byCluster) {
    std::vector<PopularityTier> tiers(snapshot.itemCount());
    std::vector<std::int64_t> interactions(snapshot.itemCount());
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      tiers[i] = snapshot.itemTier(i);
      interactions[i] = snapshot.itemInteractions(i);
    }
    std::vector<QColor> colours;
    for (const auto& g : colouring.legend) colours.push_back(g.colour);
    m_tableModel->setSummary(
        clusterTailShares(m_data->clustering->labels, m_data->clustering->k, tiers, interactions), colours);
  }
  if (byCluster) {
    // Wide enough for every column, the flag included.
    m_table->resizeColumnsToContents();
    m_table->setMinimumWidth(m_table->horizontalHeader()->length() + 2 * m_table->frameWidth() +
                             m_table->verticalScrollBar()->sizeHint().width());
  }
  m_table->setVisible(byCluster);

  if (umap) {
    m_plot->xAxis->setLabel(tr("UMAP 1"));
    m_plot->yAxis->setLabel(tr("UMAP 2"));
  } else if (tsne) {
    m_plot->xAxis->setLabel(tr("t-SNE 1"));
    m_plot->yAxis->setLabel(tr("t-SNE 2"));
  } else {
    const auto& variance = m_data->projection.variance;
    const double total = m_data->projection.totalVariance > 0 ? m_data->projection.totalVariance : 1.0;
    m_plot->xAxis->setLabel(
        tr("PC1 (%1% of variance)").arg(QLocale().toString(100.0 * variance[0] / total, 'f', 1)));
    m_plot->yAxis->setLabel(
        tr("PC2 (%1% of variance)").arg(QLocale().toString(100.0 * variance[1] / total, 'f', 1)));
  }
  m_plot->legend->setVisible(true);
  const bool moved = coords != m_shown;
  m_shown = coords;
  drawHighlights();
  updateSummary();
  if (moved) resetView();
}

void EmbeddingMapPage::onClusterRow(int row) {
  m_canvas->setHighlight(row, row >= 0 ? tr("Cluster %1 (selected)").arg(row + 1) : QString());
  plotstyle::replotShown(m_plot);
}

void EmbeddingMapPage::showUserResult(const RecomputeResult& result) {
  if (!m_audit.session() || result.request.session != m_audit.session() || result.error) return;
  m_user = result.request.user;
  m_history = result.history;
  m_recommended.clear();
  for (const auto& r : result.items) m_recommended.push_back(r.item);
  if (m_data) {
    drawHighlights();
    updateSummary();
  }
}
void EmbeddingMapPage::drawHighlights() {
  if (m_historyGraph != nullptr) m_plot->removeGraph(m_historyGraph);
  if (m_recommendedGraph != nullptr) m_plot->removeGraph(m_recommendedGraph);
  m_historyGraph = nullptr;
  m_recommendedGraph = nullptr;
  if (m_data && m_user >= 0) {
    const auto& coords = *coordinates();
    const std::size_t items = coords.size() / 2;
    const QString user = display::text(m_data->session->snapshot().dataset().users.ids[std::size_t(m_user)]);
    const auto graphOf = [&](const std::vector<std::int32_t>& rows, const QString& name,
                             const QCPScatterStyle& style) {
      QVector<QCPGraphData> points;
      for (const auto item : rows) {
        if (item >= 0 && std::size_t(item) < items)
          points.push_back(QCPGraphData(coords[2 * std::size_t(item)], coords[2 * std::size_t(item) + 1]));
      }
      auto* graph = m_plot->addGraph();
      graph->setName(name);
      graph->setLineStyle(QCPGraph::lsNone);
      graph->setScatterStyle(style);
      graph->setAdaptiveSampling(false);
      graph->data()->set(points);
      return graph;
    };
    m_historyGraph = graphOf(m_history, tr("History of %1 (%2)").arg(user).arg(m_history.size()),
                             QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(0x20, 0x20, 0x20), 2),
                                             QColor(255, 255, 255, 200), 10));
    m_recommendedGraph =
        graphOf(m_recommended, tr("Recommended to %1 (%2)").arg(user).arg(m_recommended.size()),
                QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(QColor(0xb0, 0x00, 0x20), 2),
                                QColor(0xff, 0xd2, 0x3f), 13));
  }
  plotstyle::replotShown(m_plot);
}

void EmbeddingMapPage::resetView() {
  const auto* coords = coordinates();
  if (coords == nullptr || coords->empty()) return;
  // From the coordinates themselves: the density layer only covers what was visible.
  for (int c = 0; c < 2; ++c) {
    float lo = (*coords)[std::size_t(c)], hi = lo;
    for (std::size_t i = std::size_t(c); i < coords->size(); i += 2) {
      lo = std::min(lo, (*coords)[i]);
      hi = std::max(hi, (*coords)[i]);
    }
    const double pad = std::max(double(hi - lo) * 0.04, 1e-6);
    (c == 0 ? m_plot->xAxis : m_plot->yAxis)->setRange(lo - pad, hi + pad);
  }
  plotstyle::replotShown(m_plot);
}

}  // namespace reclens
