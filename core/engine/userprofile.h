#pragma once
#include <cstdint>
#include <vector>

namespace reclens {

// What a model needs to compute one user's vector, in the model's own vocabulary: the history
// (distinct catalog rows with a weight each, oldest first) and one code per user field of the model
// (index into that field's vocabulary, -1 when missing or unknown to the model).
struct UserProfile {
  std::vector<std::int32_t> items;
  std::vector<float> weights;            // same length as items
  std::vector<std::int32_t> fieldCodes;  // one per ModelMetadata::userFields entry
};

}  // namespace reclens
