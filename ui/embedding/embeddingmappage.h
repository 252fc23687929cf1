#pragma once
#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/embeddingprojection.h"
#include "engine/tsne.h"
#include "engine/umap.h"
#include "services/backgroundjob.h"
#include "services/modelsession.h"
#include "services/recomputeresult.h"

class QCPGraph;
class QComboBox;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QSpinBox;
class QTableView;

namespace reclens {

class AuditService;
class ClusterTableModel;
class JobProgressBar;
class MapCanvas;

// The Embedding map: every item embedding of the current model laid out in 2-D by PCA or UMAP (no
// sampling in the computation), coloured by popularity tier, k-means cluster or any catalog attribute
// (category, brand, ...), with the user last shown on the Recommendations page highlighted (history
// and recommendations as larger outlined markers). Coloured by cluster, a table beside the map gives
// each cluster's tail share and mean popularity and flags the tail-heavy ones; clicking a row outlines
// the cluster. Drag to pan, wheel to zoom, hover for the item's title. Past MapCanvas's threshold the
// map is a density layer plus a sample of coloured points. Everything is computed off the GUI thread.
class EmbeddingMapPage : public QWidget {
  Q_OBJECT

 public:
  enum Method { Pca, Umap, Tsne };
  // Colour keys (MapColouring): ByField + f colours by catalog field f.
  enum Colouring { ByTier = 0, ByCluster = 1, ByField = 2 };
  static constexpr std::uint64_t kClusterSeed = 1;
  static constexpr std::uint64_t kUmapSeed = 1;

  // Follows the model of `audit` (the model shown on the Recommendations page).
  explicit EmbeddingMapPage(AuditService& audit, QWidget* parent = nullptr);
  ~EmbeddingMapPage() override;

  // Highlights the user of `result` (history and list) when it was made with the current model.
  void showUserResult(const RecomputeResult& result);
  // Starts computing what the map needs (projection, UMAP layout, clusters); false when there is no
  // model or the map is already up to date.
  bool compute();
  // Chooses the layout now and the colouring ("tier", "cluster" or a catalog field's name) as soon as
  // a project offers it (the GUI's --map-layout and --map-colour).
  void preferView(Method method, const QString& colouring);

  QCustomPlot* plot() const { return m_plot; }
  QComboBox* methodBox() const { return m_method; }
  QComboBox* colourBox() const { return m_colour; }
  QSpinBox* clusterBox() const { return m_clusters; }
  QTableView* clusterTable() const { return m_table; }
  ClusterTableModel* clusterModel() const { return m_tableModel; }
  MapCanvas* canvas() const { return m_canvas; }
  QLabel* summaryLabel() const { return m_summary; }
  BackgroundJob& job() { return m_job; }
  // The projection, UMAP layout and clustering computed so far (null before they are).
  const EmbeddingProjection* projection() const;
  const UmapLayout* umapLayout() const;
  const TsneLayout* tsneLayout() const;
  const KMeansClustering* clustering() const;
  // The [items, 2] coordinates on screen (PCA or UMAP), null before the first.
  const std::vector<float>* coordinates() const;
  // Catalog row of the item drawn nearest to `pixel` (within a few pixels), or -1.
  std::int32_t itemAt(const QPoint& pixel) const;
  // The hover text of catalog row `item`.
  QString itemToolTip(std::int32_t item) const;

 Q_SIGNALS:
  // The map was redrawn from a new projection, layout or clustering.
  void mapReady();
  void mapFailed(const QString& message);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  struct MapData;
  void onSessionChanged();
  void fillColourBox();
  void redraw();
  void drawHighlights();
  void resetView();
  void updateSummary();
  void onMouseMove(QMouseEvent* event);
  void onClusterRow(int row);
  bool showingUmap() const;
  bool showingTsne() const;
  QString clusterSentence() const;

  AuditService& m_audit;
  BackgroundJob m_job;
  std::shared_ptr<const MapData> m_data;
  bool m_pending = false;  // settings changed while a computation ran
  QString m_preferredColouring;
  std::int32_t m_user = -1;
  std::vector<std::int32_t> m_history;
  std::vector<std::int32_t> m_recommended;
  QCustomPlot* m_plot;
  MapCanvas* m_canvas;
  QComboBox* m_method;
  QComboBox* m_colour;
  QSpinBox* m_clusters;
  QTableView* m_table;
  ClusterTableModel* m_tableModel;
  QLabel* m_summary;
  JobProgressBar* m_progress;
  const std::vector<float>* m_shown = nullptr;  // the coordinates drawn last (a new layout resets the view)
  QCPGraph* m_historyGraph = nullptr;
  QCPGraph* m_recommendedGraph = nullptr;
};

}  // namespace reclens
