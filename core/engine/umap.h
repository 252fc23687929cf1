#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "engine/nearestneighbours.h"

namespace reclens {

// UMAP (McInnes, Healy and Melville 2018, arXiv:1802.03426): a 2-D layout of the rows of a matrix that
// keeps each row's nearest neighbours near it.
struct UmapOptions {
  int neighbours = 15;      // k of the paper, the row itself counted (so k − 1 other rows)
  double minDist = 0.1;     // how tightly neighbours may pack in the layout
  double spread = 1.0;      // scale of the layout's distances
  int epochs = 0;           // 0: 500 below 10,000 rows, 200 from there
  int negativeSamples = 5;  // repulsive samples per attractive one
  double learningRate = 1.0;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: computeThreads()
};

struct UmapLayout {
  std::vector<float> coordinates;  // row-major [rows, 2]
  double a = 0.0, b = 0.0;         // the fitted curve 1 / (1 + a d^(2b))
  int epochs = 0;
  std::size_t edges = 0;  // directed edges of the fuzzy graph after pruning
  double neighbourSeconds = 0.0;
  double layoutSeconds = 0.0;
};

// The fuzzy graph: row i's edges are targets/weights[offsets[i] .. offsets[i + 1]), sorted by target.
struct FuzzyGraph {
  std::vector<std::int64_t> offsets;
  std::vector<std::int32_t> targets;
  std::vector<float> weights;
};

// The curve 1 / (1 + a d^(2b)) closest (least squares on 300 points of [0, 3 spread]) to 1 for
// d < minDist and exp(−(d − minDist) / spread) beyond. minDist = 0.1, spread = 1 gives a ≈ 1.58, b ≈ 0.90.
void umapCurve(double minDist, double spread, double& a, double& b);

// Each row's fuzzy neighbourhood: weight exp(−(d − ρ) / σ) to each neighbour, ρ the distance to the
// nearest one and σ chosen so that the weights sum to log2(k + 1); then the union A + Aᵀ − A∘Aᵀ.
FuzzyGraph fuzzySimplicialSet(const NeighbourGraph& knn, std::size_t rows, int threads = 1);

// The UMAP layout of all `rows` rows of the row-major [rows, dim] `matrix`: approximate neighbours
// (approximateNeighbours), the fuzzy graph, a PCA start scaled to ±10, then `epochs` rounds of
// gradient steps on the cross-entropy with negative sampling. Each round reads the previous round's
// layout and moves every row by its own Adam step from its own seeded stream, so the same inputs and
// seed give the same layout bit for bit whatever the thread count (given the same start).
// InvalidArgument for too few rows (< 3) or bad options; Cancelled when `control` is.
Result<UmapLayout> umapLayout(const std::vector<float>& matrix, std::size_t rows, int dim,
                              const UmapOptions& options, const TaskControl& control = {});

}  // namespace reclens
