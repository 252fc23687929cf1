#include "model/historyweight.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace reclens {

float historyWeight(double summed, HistoryWeighting weighting) {
  switch (weighting) {
    case HistoryWeighting::Sum:
      return static_cast<float>(summed);
    case HistoryWeighting::Log1p:
      // Odd in its argument, so a negative weight (a dislike, a return) is damped the same way.
      return static_cast<float>(std::copysign(std::log1p(std::abs(summed)), summed));
  }
  return static_cast<float>(summed);
}

const char* historyWeightingName(HistoryWeighting weighting) {
  return weighting == HistoryWeighting::Log1p ? "log1p" : "sum";
}

bool parseHistoryWeighting(const std::string& name, HistoryWeighting& weighting) {
  for (const auto w : {HistoryWeighting::Sum, HistoryWeighting::Log1p}) {
    if (name == historyWeightingName(w)) {
      weighting = w;
      return true;
    }
  }
  return false;
}

Result<HistoryWeighting> historyWeightingOf(const std::string& metadataJson) {
  const auto j = nlohmann::json::parse(metadataJson, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return makeError(ErrorCode::Schema, "the model metadata is not a JSON object");
  HistoryWeighting weighting = HistoryWeighting::Sum;
  if (!j.contains("history_weight")) return weighting;
  const auto& w = j.at("history_weight");
  if (!w.is_string() || !parseHistoryWeighting(w.get<std::string>(), weighting))
    return makeError(ErrorCode::Schema, "metadata key 'history_weight' must be \"sum\" or \"log1p\"");
  return weighting;
}

}  // namespace reclens
