#pragma once
#include <cstddef>
#include <vector>

#include "engine/recommendation.h"

namespace reclens {

// The `k` best of `n` scores in one pass: higher score first, equal scores by lower index; -inf and
// NaN scores (excluded items) are never taken. Fills `out` (reusing its storage) with ranks 1..m.
void selectTopK(const float* scores, std::size_t n, int k, std::vector<Recommendation>& out);

}  // namespace reclens
