#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "engine/userprofile.h"
#include "explain/attribution.h"
#include "model/modelfile.h"

namespace reclens::detail {

// The numbers of an explanation before labelling: for item k, values[k] holds one attribution per
// field in the order history rows (L), user fields (F), item parts (G).
struct RawAttribution {
  std::vector<double> output;    // f(x) per item
  std::vector<double> baseline;  // f(x') per item
  std::vector<std::vector<double>> values;
  std::vector<std::vector<double>> standardErrors;  // same shape as values; empty unless Shapley
  std::string engine;                               // how the numbers were computed (Explanation::engine)
};

// Computes the raw attributions of `items` for an already validated `profile` with the method of
// `options` (defined in attribution_torch.cpp). Torch failures come back as ErrorCode::Internal.
Result<RawAttribution> computeRawAttribution(const ModelFile& model, const UserProfile& profile,
                                             const std::vector<std::int32_t>& items,
                                             const AttributionOptions& options, const TaskControl& control);

// `titles` quoted and joined as "A", "A" and "B", or "A", "B" and "C".
std::string joinTitles(const std::vector<std::string>& titles);

// The reason line of `e`: its strongest positive history items, user field and item part (the parts of
// the item compared with left out), in one English sentence that says what the score was compared with.
ReasonParts reasonFor(const ItemExplanation& e, ExplanationContrast contrast, const std::string& versusTitle);

}  // namespace reclens::detail
