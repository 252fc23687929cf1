#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"

namespace reclens {

// The k nearest other rows of every row of a matrix.
struct NeighbourGraph {
  int k = 0;
  std::vector<std::int32_t> indices;  // row-major [rows, k], nearest first (ties: lower row first)
  std::vector<float> distances;       // row-major [rows, k], Euclidean
};

struct NeighbourOptions {
  int k = 15;                                    // neighbours per row, the row itself not counted
  std::uint64_t seed = 1;                        // seeds the level draws of the index
  int threads = 0;                               // 0: computeThreads()
  int links = 16;                                // M of the HNSW graph
  int efConstruction = 64;                       // candidate list while building
  int efSearch = 0;                              // candidate list while searching; 0: max(2k, 32)
  std::size_t shardRows = std::size_t(1) << 19;  // rows per independently built index
};

// Approximate k nearest neighbours (Euclidean) of every row of the row-major [rows, dim] `matrix`
// with hnswlib's HNSW graphs. The rows are split into ceil(rows / shardRows) contiguous shards, each
// indexed by one thread in row order, and every row is searched in every shard; so the result depends
// on the data, k, the seed and the index settings, never on the thread count. InvalidArgument when the
// shape does not match or k is not in [1, rows − 1]; Cancelled when `control` is.
Result<NeighbourGraph> approximateNeighbours(const std::vector<float>& matrix, std::size_t rows, int dim,
                                             const NeighbourOptions& options,
                                             const TaskControl& control = {});

}  // namespace reclens
