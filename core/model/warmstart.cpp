// The LibTorch-free half of the warm start: loading and checking the parent, its training settings and
// the "parent" record of the child's metadata. The buffer copies are in warmstart_torch.cpp.
#include "model/warmstart.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "common/sha256.h"
#include "model/modelfile.h"
#include "model/trainingmetadata.h"

namespace reclens {

namespace {

using nlohmann::json;

std::string shortHex(const std::string& hex) {
  return hex.size() > 12 ? hex.substr(0, 12) + "…" : hex;
}

Error parentError(const std::string& path, const std::string& what) {
  return makeError(ErrorCode::InvalidArgument, "cannot warm-start from this model: " + what, path);
}

// The fingerprint of the first `n` items of `catalog`, as catalogFingerprint computes it for a whole one.
std::string prefixFingerprint(const Catalog& catalog, std::size_t n) {
  Sha256 h;
  for (std::size_t i = 0; i < n && i < catalog.size(); ++i) {
    h.update(catalog.ids[i]);
    h.update("\n");
  }
  return h.hexDigest();
}

// The parent's metadata JSON (already parsed once by the model loader, so it is an object).
json metadataObject(const WarmStartParent& parent) {
  return json::parse(parent.metadata.json, nullptr, false);
}

}  // namespace

Result<WarmStartParent> loadWarmStartParent(const std::string& path, const TrainConfig& config,
                                            const Catalog& catalog) {
  auto model = ModelFile::load(path);
  if (!model) {
    // The loader's message already starts with the file's name.
    auto e = model.error();
    e.message = "cannot warm-start from " + e.message;
    return e;
  }
  WarmStartParent parent;
  parent.path = path;
  parent.fileName = std::filesystem::path(path).filename().string();
  parent.metadata = model.value()->metadata();
  parent.model = model.value();
  const auto& meta = parent.metadata;
  const auto& kinds = trainableModelKinds();
  const auto j = metadataObject(parent);
  if (meta.trainedBy.rfind("RecLens ", 0) != 0 || !j.is_object() || !j.contains("config") ||
      std::find(kinds.begin(), kinds.end(), meta.kind) == kinds.end()) {
    return parentError(path, "it was not trained by RecLens (its metadata has trained_by '" + meta.trainedBy +
                                 "' and kind '" + meta.kind +
                                 "'); only models RecLens trained can be fine-tuned");
  }
  if (meta.kind != config.kind) {
    return parentError(path, "it is a " + meta.kind + " model and the new one is " + config.kind +
                                 "; a warm start needs the same kind");
  }
  const int dim = config.kind == "popularity" ? 1 : config.dim;
  if (meta.dim != dim) {
    return parentError(path, "its dimension is " + std::to_string(meta.dim) + " and the new model's is " +
                                 std::to_string(dim) + "; a warm start needs the same dimension");
  }
  const auto n = static_cast<std::size_t>(meta.numItems);
  if (n > catalog.size() || prefixFingerprint(catalog, n) != meta.catalogFingerprint) {
    return parentError(path, "it was trained on a catalog of " + std::to_string(n) + " items (fingerprint " +
                                 shortHex(meta.catalogFingerprint) +
                                 ") that is not the start of this catalog of " +
                                 std::to_string(catalog.size()) +
                                 " items; a warm start allows items appended to the parent's catalog only");
  }
  auto sha = sha256File(path);
  if (!sha) return sha.error();
  parent.sha256 = sha.value();
  return parent;
}

Result<TrainConfig> parentTrainConfig(const std::string& path) {
  auto model = ModelFile::load(path);
  if (!model) return model.error();
  const auto j = json::parse(model.value()->metadata().json, nullptr, false);
  if (!j.is_object() || !j.contains("config") || !j.at("config").is_object()) {
    return parentError(path,
                       "its metadata has no training settings ('config'); it was not trained by RecLens");
  }
  const auto& c = j.at("config");
  TrainConfig config = defaultTrainConfig(model.value()->metadata().kind);
  config.dim = model.value()->metadata().dim;
  const auto number = [&c](const char* key, auto& field) {
    if (c.contains(key) && c.at(key).is_number()) field = c.at(key).get<std::decay_t<decltype(field)>>();
  };
  number("lr", config.lr);
  number("l2", config.l2);
  number("batch_size", config.batchSize);
  number("negatives", config.negatives);
  number("layers", config.layers);
  number("seed", config.seed);
  number("patience", config.patience);
  number("eval_k", config.evalK);
  number("eval_users", config.evalUsers);
  number("test_users", config.testUsers);
  // A two-tower model from before the content settings read no titles and dropped no ids.
  config.idDropout = 0.0;
  config.textDim = 0;
  number("id_dropout", config.idDropout);
  number("text_dim", config.textDim);
  number("max_length", config.maxLength);
  number("dropout", config.dropout);
  if (c.contains("loss") && c.at("loss").is_string()) config.sequenceLoss = c.at("loss").get<std::string>();
  if (j.contains("history_weight") && j.at("history_weight").is_string()) {
    parseHistoryWeighting(j.at("history_weight").get<std::string>(), config.historyWeighting);
  }
  if (c.contains("optimizer") && c.at("optimizer").is_string())
    config.optimizer = c.at("optimizer").get<std::string>();
  auto split = trainingSplitOf(model.value()->metadata().json);
  if (!split) return parentError(path, split.error().message);
  if (split.value()) config.split = *split.value();
  config.warmStartPath = path;
  return config;
}

std::string warmStartParentJson(const WarmStartParent& parent, std::int64_t childItems) {
  const auto j = metadataObject(parent);
  json out = {{"file", parent.fileName},
              {"sha256", parent.sha256},
              {"kind", parent.metadata.kind},
              {"dim", parent.metadata.dim},
              {"num_items", parent.metadata.numItems},
              {"trained_by", parent.metadata.trainedBy},
              {"generation", 0},
              {"items_carried", std::min(parent.metadata.numItems, childItems)},
              {"items_new", std::max<std::int64_t>(0, childItems - parent.metadata.numItems)}};
  if (j.is_object()) {
    for (const char* key : {"train_time", "validation"}) {
      if (j.contains(key)) out[key] = j.at(key);
    }
    if (j.contains("parent") && j.at("parent").is_object()) {
      const auto& grand = j.at("parent");
      json link = json::object();
      for (const char* key : {"file", "sha256"}) {
        if (grand.contains(key)) link[key] = grand.at(key);
      }
      out["parent"] = link;
      if (grand.contains("generation") && grand.at("generation").is_number_integer()) {
        out["generation"] = grand.at("generation").get<int>() + 1;
      }
    }
  }
  return out.dump();
}

}  // namespace reclens
