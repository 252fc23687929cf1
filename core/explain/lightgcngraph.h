#pragma once
#include <cstdint>
#include <vector>

#include "common/result.h"
#include "model/modelfile.h"

namespace reclens {

// The graph export of a built-in LightGCN model file (docs/model-contract.md, "LightGCN graph
// export"), copied into plain vectors: what an exact split of its scores over graph paths needs.
struct LightGcnGraph {
  int layers = 0;                    // K, the propagation steps
  std::int64_t users = 0;            // rows of A: the dataset's user rows when the model was trained
  std::int64_t items = 0;            // N
  int dim = 0;                       // D
  std::vector<std::int64_t> start;   // A in compressed rows: user u owns edges [start[u], start[u + 1])
  std::vector<std::int64_t> item;    // catalog row of each edge, ascending within a user
  std::vector<float> value;          // A[u, i] = w_ui / sqrt(max(W_u, 1) · max(d_i, 1))
  std::vector<float> emb0;           // the layer-0 table E(0), [N, D] row-major
  std::vector<float> emb;            // item_embeddings() = mean of E(0..K), [N, D] row-major
  std::vector<float> invSqrtDegree;  // 1 / sqrt(max(d_i, 1)), [N]
};

// True when `model` carries the graph export (LightGCN files written since the export was added).
bool hasLightGcnGraph(const ModelFile& model);

// Copies the graph export out of `model`. ErrorCode::NotFound when the file has none; ErrorCode::Schema
// when its tensors disagree in shape or name catalog rows outside [0, N). Never throws.
Result<LightGcnGraph> readLightGcnGraph(const ModelFile& model);

}  // namespace reclens
