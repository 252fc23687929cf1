#pragma once
#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/embeddingprojection.h"
#include "services/backgroundjob.h"
#include "services/modelsession.h"
#include "services/recomputeresult.h"

class QCPGraph;
class QComboBox;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QSpinBox;

namespace reclens {

class AuditService;
class JobProgressBar;

// The Embedding map: every item embedding of the current model projected to 2-D by PCA (no
// sampling), coloured by popularity tier or by k-means cluster, with the user last shown on the
// Recommendations page highlighted (history and recommendations as larger outlined markers). Drag to
// pan, wheel to zoom, hover for the item's title. Projection and clustering run off the GUI thread.
class EmbeddingMapPage : public QWidget {
  Q_OBJECT

 public:
  enum Colouring { ByTier, ByCluster };
  static constexpr std::uint64_t kClusterSeed = 1;

  // Follows the model of `audit` (the model shown on the Recommendations page).
  explicit EmbeddingMapPage(AuditService& audit, QWidget* parent = nullptr);
  ~EmbeddingMapPage() override;

  // Highlights the user of `result` (history and list) when it was made with the current model.
  void showUserResult(const RecomputeResult& result);
  // Starts computing what the map needs (projection, and clusters when coloured by cluster); false
  // when there is no model or the map is already up to date.
  bool compute();

  QCustomPlot* plot() const { return m_plot; }
  QComboBox* colourBox() const { return m_colour; }
  QSpinBox* clusterBox() const { return m_clusters; }
  QLabel* summaryLabel() const { return m_summary; }
  BackgroundJob& job() { return m_job; }
  // The projection and clustering on screen (null before the first).
  const EmbeddingProjection* projection() const;
  const KMeansClustering* clustering() const;
  // Catalog row of the item drawn nearest to `pixel` (within a few pixels), or -1.
  std::int32_t itemAt(const QPoint& pixel) const;
  // The hover text of catalog row `item`.
  QString itemToolTip(std::int32_t item) const;

 Q_SIGNALS:
  // The map was redrawn from a new projection or clustering.
  void mapReady();
  void mapFailed(const QString& message);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  struct MapData;
  void onSessionChanged();
  void redraw();
  void drawHighlights();
  void resetView();
  void updateSummary();
  void onMouseMove(QMouseEvent* event);

  AuditService& m_audit;
  BackgroundJob m_job;
  std::shared_ptr<const MapData> m_data;
  bool m_pending = false;  // settings changed while a computation ran
  std::int32_t m_user = -1;
  std::vector<std::int32_t> m_history;
  std::vector<std::int32_t> m_recommended;
  QCustomPlot* m_plot;
  QComboBox* m_colour;
  QSpinBox* m_clusters;
  QLabel* m_summary;
  JobProgressBar* m_progress;
  QCPGraph* m_historyGraph = nullptr;
  QCPGraph* m_recommendedGraph = nullptr;
};

}  // namespace reclens
