#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/result.h"
#include "model/modelfile.h"

namespace reclens {

// Where one item stands for one user vector: its score and its 1-based rank among the items a list
// may show (higher score first, ties to the lower catalog row).
struct TargetStanding {
  double score = 0.0;
  int rank = 0;
};

// The standing of catalog row `target` under each of `count` user vectors (row-major [count, dim],
// as ScoringEngine::userVector gives them), ranked among the items not in `seen` (sorted catalog rows;
// `target` itself is never counted against itself). The whole batch is scored with a few matrix
// products on the model's device and only the standings are copied back. Errors name a bad target,
// a wrong size or a torch failure.
Result<std::vector<TargetStanding>> targetStandings(const ModelFile& model,
                                                    const std::vector<float>& userVectors, std::size_t count,
                                                    std::int32_t target,
                                                    const std::vector<std::int32_t>& seen);

}  // namespace reclens
