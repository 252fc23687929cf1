#include "model/trainingmetadata.h"

#include <nlohmann/json.hpp>

#include "model/learningcurve.h"
#include "model/modelcontract.h"

namespace reclens {

namespace {
nlohmann::json configJson(const TrainConfig& c, const std::string& device, std::int64_t numItems) {
  nlohmann::json j = {{"kind", c.kind},
                      {"dim", c.dim},
                      {"epochs", c.epochs},
                      {"lr", c.lr},
                      {"l2", c.l2},
                      {"batch_size", c.batchSize},
                      {"negatives", c.negatives},
                      {"seed", c.seed},
                      {"patience", c.patience},
                      {"eval_k", c.evalK},
                      {"eval_users", c.evalUsers},
                      {"test_users", c.testUsers},
                      {"device", device},
                      {"optimizer", c.optimizer},
                      {"updates", sparseUpdates(c, numItems) ? "sparse" : "dense"},
                      {"split", c.split.name()},
                      {"split_description", c.split.description()}};
  if (c.kind == "lightgcn" || c.kind == "sasrec") j["layers"] = c.layers;
  if (c.keepLastEpoch) j["keep_last_epoch"] = true;  // fine-tuned: no early stopping, the last epoch kept
  if (c.kind == "sasrec") {
    j["max_length"] = c.maxLength;
    j["dropout"] = c.dropout;
    j["loss"] = c.sequenceLoss;
  }
  if (c.kind == "twotower") {
    j["id_dropout"] = c.idDropout;
    j["text_dim"] = c.textDim;
  }
  return j;
}
}  // namespace

Result<std::optional<SplitSpec>> trainingSplitOf(const std::string& metadataJson) {
  const auto j = nlohmann::json::parse(metadataJson, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return makeError(ErrorCode::Parse, "the model's metadata is not a JSON object");
  const auto config = j.find("config");
  if (config == j.end() || !config->is_object()) return std::optional<SplitSpec>{};
  const auto split = config->find("split");
  if (split == config->end()) return std::optional<SplitSpec>{};
  if (!split->is_string())
    return makeError(ErrorCode::Parse, "the model's metadata: config.split is not a string");
  const auto text = split->get<std::string>();
  // Models trained before the split became a setting recorded this sentence; they used "time:1".
  if (text.rfind("per user by time", 0) == 0) return std::optional<SplitSpec>{SplitSpec{}};
  auto spec = SplitSpec::parse(text);
  if (!spec)
    return makeError(ErrorCode::Parse, "the model's metadata: config.split: " + spec.error().message);
  return std::optional<SplitSpec>{spec.value()};
}

std::string trainingMetadataJson(const Dataset& dataset, const TrainTestSplit& split,
                                 const TrainConfig& config, int dim,
                                 const std::vector<std::string>& itemParts, const TrainReport& report,
                                 const std::string& device, const std::string& parentJson) {
  // Only the two-tower model reads user attributes; the others take F = 0 fields.
  nlohmann::json fields = nlohmann::json::array();
  if (config.kind == "twotower") {
    for (const auto& f : dataset.users.fields) {
      fields.push_back({{"name", f.name()}, {"vocabulary", f.vocabulary()}});
    }
  }
  const auto key = "ndcg@" + std::to_string(config.evalK);
  nlohmann::json validation = {{key, report.bestValidationNdcg},
                               {"test_" + key, report.testNdcg},
                               {"best_epoch", report.bestEpoch},
                               {"epochs_run", report.epochsRun}};
  nlohmann::json j;
  j["contract_version"] = kModelContractVersion;
  j["kind"] = config.kind;
  j["dim"] = dim;
  j["num_items"] = dataset.items.size();
  j["catalog_fingerprint"] = catalogFingerprint(dataset.items);
  j["user_fields"] = fields;
  j["item_parts"] = itemParts;
  j["train_time"] = {{"first", split.trainFirst}, {"last", split.trainLast}};
  j["time_unit"] = timeUnitName(dataset.info.timeUnit);
  j["trained_by"] = std::string("RecLens ") + RECLENS_VERSION;
  j["history_weight"] = historyWeightingName(config.historyWeighting);
  j["config"] = configJson(config, device, static_cast<std::int64_t>(dataset.items.size()));
  j["validation"] = validation;
  if (report.epochsRun > 0) {
    LearningCurve curve;
    curve.loss = report.trainLoss;
    curve.validationNdcg = report.validationNdcg;
    curve.bestEpoch = report.bestEpoch;
    curve.epochsRun = report.epochsRun;
    curve.maxEpochs = config.epochs;
    curve.patience = config.patience;
    curve.evalK = config.evalK;
    j["training"] = nlohmann::json::parse(learningCurveJson(curve));
  }
  if (!parentJson.empty()) j["parent"] = nlohmann::json::parse(parentJson);
  return j.dump();
}

}  // namespace reclens
