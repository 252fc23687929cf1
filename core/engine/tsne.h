#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"

namespace reclens {

// t-SNE with the Barnes-Hut approximation (van der Maaten, "Accelerating t-SNE using tree-based
// algorithms", JMLR 2014): a 2-D layout of the rows of a matrix in which each row's neighbours, weighted
// by a Gaussian of the chosen perplexity, stay near it.
struct TsneOptions {
  double perplexity = 30.0;          // effective number of neighbours; 3 × perplexity neighbours are read
  int iterations = 1000;             // gradient steps
  double exaggeration = 12.0;        // the attractive forces are multiplied by this ...
  int exaggerationIterations = 250;  // ... for this many first steps (and the momentum is 0.5, then 0.8)
  double learningRate = 0.0;         // 0: max(200, rows / 12) (Belkina et al. 2019)
  double theta = 0.5;  // Barnes-Hut: a cell of width w at distance d counts as one point when w / d < theta
  std::uint64_t seed = 1;
  int threads = 0;  // 0: computeThreads()
};

struct TsneLayout {
  std::vector<float> coordinates;  // row-major [rows, 2]
  int iterations = 0;
  int neighbours = 0;  // neighbours read per row
  double neighbourSeconds = 0.0;
  double layoutSeconds = 0.0;
};

// The conditional affinities of one row: p_j = exp(−β d_j²) / Σ, with β found by bisection so that the
// entropy is ln(perplexity) (within 1e-5, at most 200 steps). `distances` ascending; returns the weights.
std::vector<double> perplexityWeights(const std::vector<float>& distances, double perplexity);

// The t-SNE layout of all `rows` rows of the row-major [rows, dim] `matrix`: approximate neighbours
// (approximateNeighbours, 3 × perplexity of them), the symmetrised affinities P = (P_j|i + P_i|j) / 2n over
// them, a PCA start scaled to standard deviation 1e-4, then `iterations` steps of gradient descent with
// momentum and per-coordinate gains, the repulsive forces from a quadtree of the layout (Barnes-Hut).
// Every row's step depends on its own row and the shared tree only, so the same inputs and seed give the
// same layout whatever the thread count. InvalidArgument for too few rows (< 4) or bad options; Cancelled
// when `control` is.
Result<TsneLayout> tsneLayout(const std::vector<float>& matrix, std::size_t rows, int dim,
                              const TsneOptions& options, const TaskControl& control = {});

}  // namespace reclens
