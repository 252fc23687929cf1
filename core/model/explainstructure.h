#pragma once
#include <string>

#include "common/result.h"

namespace reclens {

// A closed form of a model's user_vector and item_vectors that the file declares through the optional
// method explain_structure() (docs/model-contract.md, "Closed forms"). With T = sum_l w_l and
// s(T) = 1/max(T, clampMin) (Mean), 1/sqrt(max(T, clampMin)) (Sqrt) or 1 (None):
//   Pooled:     u = s(T) * sum_l w_l h_l + sum_f fields_f
//   PooledMlp:  p = s(T) * sum_l w_l h_l;  z = W1 [p; sum_f fields_f] + b1;  u = p + W2 relu(z) + b2,
//               with [W1 [Hd, 2D], b1 [Hd], W2 [D, Hd], b2 [D]] from explain_tensors()
// and item_vectors(parts) = parts.sum(1) ("items": "sum_parts"). RecLens uses it for exact attributions
// without autograd only after checking it against the file's own methods.
struct ExplainStructure {
  enum class UserForm { Pooled, PooledMlp };
  enum class Norm { None, Mean, Sqrt };
  UserForm user = UserForm::Pooled;
  Norm norm = Norm::Sqrt;
  double clampMin = 1.0;
};

// Parses the JSON of explain_structure(); the error names the key that is missing or wrong.
Result<ExplainStructure> parseExplainStructure(const std::string& json);

// A short description, e.g. "pooled, sqrt norm, clamp 1".
std::string explainStructureName(const ExplainStructure& structure);

}  // namespace reclens
