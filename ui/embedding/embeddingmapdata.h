#pragma once
#include <memory>
#include <optional>
#include <vector>

#include "embedding/embeddingmappage.h"
#include "engine/embeddingprojection.h"
#include "engine/umap.h"
#include "services/modelsession.h"

namespace reclens {

// What the map is drawn from: the model's item embeddings, their projection and, when asked for, a
// UMAP or t-SNE layout and a clustering. Immutable once made.
struct EmbeddingMapPage::MapData {
  std::shared_ptr<const ModelSession> session;
  std::shared_ptr<const std::vector<float>> embeddings;  // [items, dim], shared with later computations
  int dim = 0;
  EmbeddingProjection projection;
  std::shared_ptr<const std::vector<float>> pca;   // the projection's coordinates, for drawing
  std::shared_ptr<const std::vector<float>> umap;  // the UMAP layout's coordinates
  UmapLayout umapLayout;                           // its figures (coordinates moved to `umap`)
  std::shared_ptr<const std::vector<float>> tsne;  // the t-SNE layout's coordinates
  TsneLayout tsneLayout;                           // its figures (coordinates moved to `tsne`)
  std::optional<KMeansClustering> clustering;
  double seconds = 0.0;      // PCA, including reading the embeddings
  double umapSeconds = 0.0;  // UMAP
  double tsneSeconds = 0.0;  // t-SNE
};

}  // namespace reclens
