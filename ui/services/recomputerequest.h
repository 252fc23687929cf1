#pragma once
#include <cstdint>
#include <memory>

#include "engine/rerank.h"
#include "services/modelsession.h"

namespace reclens {

// What the Recommendations page asks for: the top-`k` of one user under one model with re-ranking
// knobs. An immutable value handed to the recompute thread.
struct RecomputeRequest {
  std::shared_ptr<const ModelSession> session;
  std::int32_t user = -1;  // dataset user row
  int k = 20;
  ReRankOptions reRank;
};

}  // namespace reclens
