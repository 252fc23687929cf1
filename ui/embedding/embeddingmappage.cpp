#include "embedding/embeddingmappage.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <qcustomplot.h>

#include "engine/scoringengine.h"
#include "plots/plotexport.h"
#include "plots/plotstyle.h"
#include "services/auditservice.h"
#include "services/jobprogressbar.h"
#include "tables/itemtablemodel.h"
#include "widgets/displayformat.h"
#include "widgets/tierbadgedelegate.h"

namespace reclens {

namespace {
// How close (in pixels) the pointer must be to an item for its tooltip.
constexpr double kHoverRadius = 8.0;
constexpr int kDefaultClusters = 8;
}  // namespace

// What the map is drawn from: the model's item embeddings, their projection and, when asked for, a
// clustering. Immutable once made.
struct EmbeddingMapPage::MapData {
  std::shared_ptr<const ModelSession> session;
  std::shared_ptr<const std::vector<float>> embeddings;  // [items, dim], shared with later clusterings
  int dim = 0;
  EmbeddingProjection projection;
  std::optional<KMeansClustering> clustering;
  double seconds = 0.0;
};

EmbeddingMapPage::EmbeddingMapPage(AuditService& audit, QWidget* parent)
    : QWidget(parent),
      m_audit(audit),
      m_plot(new QCustomPlot(this)),
      m_colour(new QComboBox(this)),
      m_clusters(new QSpinBox(this)),
      m_summary(new QLabel(this)),
      m_progress(new JobProgressBar(this)) {
  m_colour->addItem(tr("Popularity tier"), ByTier);
  m_colour->addItem(tr("k-means cluster"), ByCluster);
  m_colour->setToolTip(tr("Colour the items by popularity tier or by k-means cluster of their embeddings"));
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

  auto* colourLabel = new QLabel(tr("&Colour by:"), this);
  colourLabel->setBuddy(m_colour);
  auto* controls = new QHBoxLayout;
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

  auto* column = new QVBoxLayout(this);
  column->addLayout(controls);
  column->addWidget(m_plot, 1);
  column->addWidget(m_summary);

  connect(m_colour, &QComboBox::currentIndexChanged, this, [this] {
    m_clusters->setEnabled(m_colour->currentData().toInt() == ByCluster);
    if (!compute()) redraw();
  });
  connect(m_clusters, &QSpinBox::valueChanged, this, [this] { compute(); });
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

const KMeansClustering* EmbeddingMapPage::clustering() const {
  return m_data && m_data->clustering ? &*m_data->clustering : nullptr;
}

void EmbeddingMapPage::onSessionChanged() {
  m_data.reset();
  m_user = -1;
  m_history.clear();
  m_recommended.clear();
  redraw();
  if (isVisible()) compute();
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
  const int k = m_clusters->value();
  const bool fresh = !m_data || m_data->session != session;
  const bool needClusters = wantClusters && (fresh || !m_data->clustering || m_data->clustering->k != k);
  if (!fresh && !needClusters) return false;
  auto previous = fresh ? nullptr : m_data;
  const bool started = m_job.start<std::shared_ptr<const MapData>>(
      needClusters ? tr("Clustering item embeddings") : tr("Projecting item embeddings"),
      [session, previous, needClusters,
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
          control.report(0.1, "principal components");
          auto projection = principalComponents(*map->embeddings, engine.numItems(), map->dim, 2);
          if (!projection) return projection.error();
          map->projection = std::move(projection).value();
        }
        if (needClusters) {
          const auto rows = map->embeddings->size() / static_cast<std::size_t>(map->dim);
          auto clustering = kMeans(*map->embeddings, rows, map->dim, std::min<int>(k, int(rows)),
                                   kClusterSeed, 50, control);
          if (!clustering) return clustering.error();
          map->clustering = std::move(clustering).value();
        }
        map->seconds = static_cast<double>(clock.elapsed()) / 1000.0;
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
          const bool newModel = !m_data || m_data->session != result.value()->session;
          m_data = std::move(result).value();
          redraw();
          if (newModel) resetView();
          Q_EMIT mapReady();
        }
        if (pending) compute();
      });
  return started;
}

void EmbeddingMapPage::redraw() {
  m_plot->clearPlottables();
  m_historyGraph = nullptr;
  m_recommendedGraph = nullptr;
  if (!m_data) {
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
  const auto& coords = m_data->projection.coordinates;
  const std::size_t items = coords.size() / 2;
  const bool byCluster = m_colour->currentData().toInt() == ByCluster && m_data->clustering;
  // One scatter graph per group: QCustomPlot draws (and samples) each in one pass.
  const int groups = byCluster ? m_data->clustering->k : 3;
  std::vector<QVector<QCPGraphData>> points(static_cast<std::size_t>(groups));
  for (std::size_t i = 0; i < items; ++i) {
    const int group = byCluster ? m_data->clustering->labels[i] : static_cast<int>(snapshot.itemTier(i));
    points[static_cast<std::size_t>(group)].push_back(QCPGraphData(coords[2 * i], coords[2 * i + 1]));
  }
  // Tiers: the many tail items first, the few head items last (on top).
  for (int n = 0; n < groups; ++n) {
    const int group = byCluster ? n : groups - 1 - n;
    auto* graph = m_plot->addGraph();
    QColor colour =
        byCluster ? plotstyle::series(group) : TierBadgeDelegate::colour(static_cast<PopularityTier>(group));
    const auto count = static_cast<qint64>(points[std::size_t(group)].size());
    graph->setName(byCluster ? tr("Cluster %1 (%2)").arg(group + 1).arg(display::count(count))
                             : tr("%1 (%2)").arg(ItemTableModel::tierName(static_cast<PopularityTier>(group)),
                                                 display::count(count)));
    graph->setLineStyle(QCPGraph::lsNone);
    QColor fill = colour;
    fill.setAlpha(items > 20000 ? 90 : 150);
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, fill, fill, items > 20000 ? 3 : 5));
    graph->data()->set(points[std::size_t(group)]);
  }
  const auto& variance = m_data->projection.variance;
  const double total = m_data->projection.totalVariance > 0 ? m_data->projection.totalVariance : 1.0;
  m_plot->xAxis->setLabel(
      tr("PC1 (%1% of variance)").arg(QLocale().toString(100.0 * variance[0] / total, 'f', 1)));
  m_plot->yAxis->setLabel(
      tr("PC2 (%1% of variance)").arg(QLocale().toString(100.0 * variance[1] / total, 'f', 1)));
  m_plot->legend->setVisible(true);
  drawHighlights();
  updateSummary();
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
    const auto& coords = m_data->projection.coordinates;
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
  if (!m_data) return;
  m_plot->rescaleAxes();
  for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
    const auto range = axis->range();
    const double pad = std::max(range.size() * 0.04, 1e-6);
    axis->setRange(range.lower - pad, range.upper + pad);
  }
  plotstyle::replotShown(m_plot);
}

void EmbeddingMapPage::updateSummary() {
  if (!m_data) return;
  const auto& p = m_data->projection;
  const double total = p.totalVariance > 0 ? p.totalVariance : 1.0;
  const auto items = static_cast<qint64>(p.coordinates.size() / 2);
  QString text =
      tr("PCA of all %1 item embeddings (%2 dimensions) of %3: the two components explain %4% of the "
         "variance (computed in %5 s).")
          .arg(display::count(items))
          .arg(m_data->dim)
          .arg(display::text(m_data->session->name()).toHtmlEscaped(),
               QLocale().toString(100.0 * (p.variance[0] + p.variance[1]) / total, 'f', 1),
               QLocale().toString(m_data->seconds, 'f', 2));
  if (m_colour->currentData().toInt() == ByCluster && m_data->clustering) {
    const auto& c = *m_data->clustering;
    text += QLatin1Char(' ') + tr("k-means with k = %1 (seed %2) on the full embeddings converged in %3 "
                                  "iterations.")
                                   .arg(c.k)
                                   .arg(kClusterSeed)
                                   .arg(c.iterations);
  }
  if (m_user < 0) text += QLatin1Char(' ') + tr("Pick a user on the Recommendations page to highlight them.");
  m_summary->setText(text);
}

std::int32_t EmbeddingMapPage::itemAt(const QPoint& pixel) const {
  if (!m_data) return -1;
  const auto& coords = m_data->projection.coordinates;
  const std::size_t items = coords.size() / 2;
  double best = kHoverRadius * kHoverRadius;
  std::int32_t found = -1;
  const QCPRange xr = m_plot->xAxis->range();
  const QCPRange yr = m_plot->yAxis->range();
  for (std::size_t i = 0; i < items; ++i) {
    const double x = coords[2 * i], y = coords[2 * i + 1];
    if (!xr.contains(x) || !yr.contains(y)) continue;
    const double dx = m_plot->xAxis->coordToPixel(x) - pixel.x();
    const double dy = m_plot->yAxis->coordToPixel(y) - pixel.y();
    const double d = dx * dx + dy * dy;
    if (d < best) {
      best = d;
      found = static_cast<std::int32_t>(i);
    }
  }
  return found;
}

QString EmbeddingMapPage::itemToolTip(std::int32_t item) const {
  if (!m_data || item < 0) return {};
  const auto& snapshot = m_data->session->snapshot();
  const auto& items = snapshot.dataset().items;
  const auto row = static_cast<std::size_t>(item);
  QString text = QStringLiteral("<b>%1</b><br>%2")
                     .arg(display::text(items.titles[row]).toHtmlEscaped(),
                          tr("Item %1 · %2 tier · %3 interactions")
                              .arg(display::text(items.ids[row]).toHtmlEscaped(),
                                   ItemTableModel::tierName(snapshot.itemTier(row)),
                                   display::count(snapshot.itemInteractions(row))));
  if (const int f = items.fieldIndex("category"); f >= 0) {
    const auto& field = items.fields[std::size_t(f)];
    if (field.codeAt(row) >= 0)
      text +=
          QStringLiteral("<br>") + tr("Category: %1").arg(display::text(field.valueAt(row)).toHtmlEscaped());
  }
  if (m_data->clustering)
    text += QStringLiteral("<br>") + tr("Cluster %1").arg(m_data->clustering->labels[row] + 1);
  return text;
}

void EmbeddingMapPage::onMouseMove(QMouseEvent* event) {
  if (event->buttons() != Qt::NoButton) return;  // panning
  const auto item = itemAt(event->pos());
  if (item < 0) {
    QToolTip::hideText();
    return;
  }
  QToolTip::showText(event->globalPosition().toPoint(), itemToolTip(item), m_plot);
}

}  // namespace reclens
