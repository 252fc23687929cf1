#pragma once
#include <QCoreApplication>

#include <cstdint>
#include <vector>

#include "embedding/mapcanvas.h"
#include "engine/embeddingprojection.h"

namespace reclens {

class DatasetSnapshot;

// How the Embedding map colours its items: the group of every item, the legend, and the drawing
// order (the last group on top).
struct MapColouring {
  Q_DECLARE_TR_FUNCTIONS(MapColouring)

 public:
  std::vector<std::int32_t> groups;
  std::vector<MapGroup> legend;
  std::vector<int> order;

  // Colour keys of the map's colour box: tier, cluster, or catalog field f as kByField + f.
  static constexpr int kByTier = 0;
  static constexpr int kByCluster = 1;
  static constexpr int kByField = 2;
  // Values of a field shown with their own colour; the rarer ones share "Other values".
  static constexpr int kMaxFieldValues = 10;

  // The colouring `key` of the items of `snapshot`; by cluster needs `clustering` (else by tier).
  static MapColouring make(const DatasetSnapshot& snapshot, const KMeansClustering* clustering, int key);
};

}  // namespace reclens
