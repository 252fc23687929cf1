// The Embedding map's words: the summary under the map, the cluster sentence and the item tooltips.
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>

#include <qcustomplot.h>

#include "embedding/clustertablemodel.h"
#include "embedding/embeddingmapdata.h"
#include "embedding/embeddingmappage.h"
#include "embedding/mapcanvas.h"
#include "engine/mapgroups.h"
#include "tables/itemtablemodel.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
// How close (in pixels) the pointer must be to an item for its tooltip.
constexpr double kHoverRadius = 8.0;
}  // namespace

QString EmbeddingMapPage::clusterSentence() const {
  const auto& c = *m_data->clustering;
  QString text = tr("k-means with k = %1 (seed %2) on the full embeddings converged in %3 iterations.")
                     .arg(c.k)
                     .arg(kClusterSeed)
                     .arg(c.iterations);
  QStringList heavy;
  const auto& summary = m_tableModel->summary();
  for (std::size_t g = 0; g < summary.clusters.size(); ++g) {
    if (summary.clusters[g].tailHeavy) heavy << QString::number(g + 1);
  }
  const QString rule = tr("tail share at least %1 percentage points above the catalog's %2%")
                           .arg(QLocale().toString(100.0 * kTailHeavyMargin, 'f', 0),
                                QLocale().toString(100.0 * summary.catalogTailShare, 'f', 1));
  text += QLatin1Char(' ') +
          (heavy.isEmpty() ? tr("No cluster is tail-heavy (%1).").arg(rule)
                           : tr("Tail-heavy clusters (%1): %2.").arg(rule, heavy.join(QStringLiteral(", "))));
  return text;
}

void EmbeddingMapPage::updateSummary() {
  if (!m_data) return;
  const auto& p = m_data->projection;
  const double total = p.totalVariance > 0 ? p.totalVariance : 1.0;
  const auto items = static_cast<qint64>(p.coordinates.size() / 2);
  const QString model = display::text(m_data->session->name()).toHtmlEscaped();
  QString text;
  if (showingUmap()) {
    const auto& u = m_data->umapLayout;
    const UmapOptions defaults;
    text = tr("UMAP of all %1 item embeddings (%2 dimensions) of %3: %4 neighbours, min-dist %5, %6 epochs, "
              "seed %7 (computed in %8 s, of which %9 s for the approximate neighbours).")
               .arg(display::count(items))
               .arg(m_data->dim)
               .arg(model)
               .arg(defaults.neighbours)
               .arg(QLocale().toString(defaults.minDist, 'f', 2))
               .arg(u.epochs)
               .arg(kUmapSeed)
               .arg(QLocale().toString(m_data->umapSeconds, 'f', 1),
                    QLocale().toString(u.neighbourSeconds, 'f', 1));
  } else if (showingTsne()) {
    const auto& t = m_data->tsneLayout;
    const TsneOptions defaults;
    text = tr("t-SNE (Barnes-Hut) of all %1 item embeddings (%2 dimensions) of %3: perplexity %4 (%5 "
              "neighbours), %6 iterations, seed %7 (computed in %8 s, of which %9 s for the approximate "
              "neighbours).")
               .arg(display::count(items))
               .arg(m_data->dim)
               .arg(model)
               .arg(QLocale().toString(defaults.perplexity, 'f', 0))
               .arg(t.neighbours)
               .arg(t.iterations)
               .arg(kUmapSeed)
               .arg(QLocale().toString(m_data->tsneSeconds, 'f', 1),
                    QLocale().toString(t.neighbourSeconds, 'f', 1));
  } else {
    text = tr("PCA of all %1 item embeddings (%2 dimensions) of %3: the two components explain %4% of the "
              "variance (computed in %5 s).")
               .arg(display::count(items))
               .arg(m_data->dim)
               .arg(model, QLocale().toString(100.0 * (p.variance[0] + p.variance[1]) / total, 'f', 1),
                    QLocale().toString(m_data->seconds, 'f', 2));
  }
  if (m_canvas->sampled()) {
    text +=
        QLatin1Char(' ') + tr("Shading shows the density of all items; coloured dots are a fixed sample of "
                              "%1 of them.")
                               .arg(display::count(qint64(MapCanvas::kSampleSize)));
  }
  if (m_colour->currentData().toInt() == ByCluster && m_data->clustering)
    text += QLatin1Char(' ') + clusterSentence();
  if (m_user < 0) text += QLatin1Char(' ') + tr("Pick a user on the Recommendations page to highlight them.");
  m_summary->setText(text);
}
std::int32_t EmbeddingMapPage::itemAt(const QPoint& pixel) const {
  if (!m_data) return -1;
  const auto& coords = *coordinates();
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
