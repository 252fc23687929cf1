#pragma once
#include <cstdint>

namespace reclens {

// One entry of a top-K list: catalog row, the model's score for it, and its 1-based rank in the list.
struct Recommendation {
  std::int32_t item = -1;
  float score = 0.0f;
  int rank = 0;
};

}  // namespace reclens
