#include "model/learningcurve.h"

#include <nlohmann/json.hpp>

#include <utility>

namespace reclens {

namespace {
constexpr const char* kKey = "training";

Error malformed(const std::string& field, const std::string& expected) {
  return makeError(ErrorCode::Schema,
                   std::string("metadata key '") + kKey + "." + field + "' must be " + expected);
}

bool readInt(const nlohmann::json& j, const char* field, int& out) {
  if (!j.contains(field) || !j.at(field).is_number_integer()) return false;
  out = j.at(field).get<int>();
  return true;
}

bool readNumbers(const nlohmann::json& j, const char* field, std::vector<double>& out) {
  if (!j.contains(field) || !j.at(field).is_array()) return false;
  for (const auto& v : j.at(field)) {
    if (!v.is_number()) return false;
    out.push_back(v.get<double>());
  }
  return true;
}
}  // namespace

std::string learningCurveJson(const LearningCurve& curve) {
  const nlohmann::json j = {{"curve", {{"loss", curve.loss}, {"validation_ndcg", curve.validationNdcg}}},
                            {"best_epoch", curve.bestEpoch},
                            {"epochs_run", curve.epochsRun},
                            {"max_epochs", curve.maxEpochs},
                            {"patience", curve.patience},
                            {"eval_k", curve.evalK},
                            {"stopped_early", curve.stoppedEarly()}};
  return j.dump();
}

Result<LearningCurve> learningCurveOf(const std::string& metadataJson) {
  const auto meta = nlohmann::json::parse(metadataJson, nullptr, false);
  if (meta.is_discarded() || !meta.is_object()) {
    return makeError(ErrorCode::Schema, "the model metadata is not a JSON object");
  }
  LearningCurve c;
  if (!meta.contains(kKey)) return c;
  const auto& t = meta.at(kKey);
  if (!t.is_object())
    return makeError(ErrorCode::Schema, std::string("metadata key '") + kKey + "' must be an object");
  if (!t.contains("curve") || !t.at("curve").is_object()) return malformed("curve", "an object");
  const auto& curve = t.at("curve");
  if (!readNumbers(curve, "loss", c.loss)) return malformed("curve.loss", "an array of numbers");
  if (!readNumbers(curve, "validation_ndcg", c.validationNdcg)) {
    return malformed("curve.validation_ndcg", "an array of numbers");
  }
  using Field = std::pair<const char*, int LearningCurve::*>;
  for (const auto& [field, member] :
       {Field{"best_epoch", &LearningCurve::bestEpoch}, Field{"epochs_run", &LearningCurve::epochsRun},
        Field{"max_epochs", &LearningCurve::maxEpochs}, Field{"patience", &LearningCurve::patience},
        Field{"eval_k", &LearningCurve::evalK}}) {
    if (!readInt(t, field, c.*member) || c.*member < 0)
      return malformed(field, "a whole number, not negative");
  }
  const auto epochs = static_cast<std::size_t>(c.epochsRun);
  if (c.loss.size() != epochs || c.validationNdcg.size() != epochs) {
    return malformed("curve",
                     "one loss and one validation NDCG per epoch run (" + std::to_string(epochs) + ")");
  }
  if (c.bestEpoch > c.epochsRun || (epochs > 0 && c.bestEpoch < 1)) {
    return malformed("best_epoch", "between 1 and epochs_run");
  }
  return c;
}

}  // namespace reclens
