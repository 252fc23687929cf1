#pragma once
#include <string>

#include "common/result.h"
#include "sim/simulation.h"

namespace reclens::sim {

// The whole result as JSON: configuration, truth, every seed's per-round figures (so that shards merge
// exactly) and a summary per policy (final-round mean and 95% interval over seeds of every metric, the
// user-group gaps, and the per-round means). NaN figures are written as null.
std::string simResultToJson(const SimResult& result, int indent = -1);
// Reads what simResultToJson wrote (the summary is recomputed, not read); the error names `where` and the
// key.
Result<SimResult> simResultFromJson(const std::string& text, const std::string& where);

}  // namespace reclens::sim
