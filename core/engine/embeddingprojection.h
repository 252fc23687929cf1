#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"

namespace reclens {

// A principal-component projection of every row of a matrix (e.g. all item embeddings).
struct EmbeddingProjection {
  int components = 0;
  std::vector<float> coordinates;  // row-major [rows, components]: each row's scores on the components
  std::vector<double> variance;    // per component, descending: variance of the scores (n − 1 divisor)
  double totalVariance = 0.0;      // sum of the per-dimension variances of the matrix
};

// Projects all `rows` rows of the row-major [rows, dim] `matrix` onto its first `components`
// principal components (SVD of the centred matrix, no sampling). Components come in descending
// variance; each is signed so that its largest-magnitude loading is positive, so the result is
// deterministic. Components beyond the matrix's rank have zero variance. InvalidArgument when the
// shape does not match the data or `components` < 1.
Result<EmbeddingProjection> principalComponents(const std::vector<float>& matrix, std::size_t rows, int dim,
                                                int components = 2);

// A k-means clustering of the rows of a matrix.
struct KMeansClustering {
  int k = 0;
  std::vector<std::int32_t> labels;  // per row: its cluster, 0..k-1
  std::vector<float> centroids;      // row-major [k, dim]
  std::vector<std::int64_t> sizes;   // rows per cluster
  double inertia = 0.0;              // sum of squared distances of rows to their centroid
  int iterations = 0;                // Lloyd iterations run
};

// Clusters all rows of the row-major [rows, dim] `matrix` into `k` clusters: k-means++ seeding from
// `seed`, then Lloyd iterations until no label changes or `maxIterations`. The same inputs and seed
// give the same labels. An emptied cluster is re-seeded with the row farthest from its centroid.
// InvalidArgument when the shape does not match or k is not in [1, rows]; Cancelled when `control` is.
Result<KMeansClustering> kMeans(const std::vector<float>& matrix, std::size_t rows, int dim, int k,
                                std::uint64_t seed, int maxIterations = 50, const TaskControl& control = {});

}  // namespace reclens
