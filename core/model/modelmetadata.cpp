// The LibTorch-free half of the model-file validator: the metadata JSON a model carries and its
// match against a project's catalog. Kept out of modelfile_torch.cpp so that it can be fuzzed and
// sanitizer-tested without LibTorch.
#include <nlohmann/json.hpp>

#include <limits>
#include <set>

#include "model/historyweight.h"
#include "model/modelfile.h"

namespace reclens {

namespace {

using nlohmann::json;

std::string shortHex(const std::string& hex) {
  return hex.size() > 12 ? hex.substr(0, 12) + "…" : hex;
}

Error metadataError(const std::string& what) {
  return makeError(ErrorCode::Schema, "metadata " + what);
}

// The integer at `key` when it lies in [lo, hi] (lo is 0 or 1 for the required keys).
Result<std::int64_t> integerIn(const json& j, const char* key, std::int64_t lo, std::int64_t hi) {
  const auto& v = j.at(key);
  const std::string name = std::string("key '") + key + "'";
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) {
    return metadataError(name + " must be at most " + std::to_string(hi));
  }
  const auto value = v.get<std::int64_t>();
  if (value < lo) return metadataError(name + (lo == 1 ? " must be positive" : " must not be negative"));
  if (value > hi) return metadataError(name + " must be at most " + std::to_string(hi));
  return value;
}

Status readUserFields(const json& fields, ModelMetadata& m) {
  if (fields.size() > kMaxModelUserFields) {
    return metadataError("key 'user_fields' has " + std::to_string(fields.size()) + " fields, at most " +
                         std::to_string(kMaxModelUserFields) + " are allowed");
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& f = fields[i];
    const auto where = "key 'user_fields[" + std::to_string(i) + "]";
    if (!f.is_object() || !f.contains("name") || !f.at("name").is_string()) {
      return metadataError(where + ".name' is missing or not a string");
    }
    if (!f.contains("vocabulary") || !f.at("vocabulary").is_array()) {
      return metadataError(where + ".vocabulary' is missing or not an array");
    }
    ModelMetadata::UserField field;
    field.name = f.at("name").get<std::string>();
    if (!names.insert(field.name).second) {
      return metadataError("key 'user_fields' names the field '" + field.name + "' twice");
    }
    for (const auto& v : f.at("vocabulary")) {
      if (!v.is_string()) return metadataError(where + ".vocabulary' must hold strings");
      field.vocabulary.push_back(v.get<std::string>());
    }
    m.userFields.push_back(std::move(field));
  }
  return Status::success();
}

Status readOptionalKeys(const json& j, ModelMetadata& m) {
  if (j.contains("train_time")) {
    const auto& t = j.at("train_time");
    if (!t.is_object() || !t.contains("first") || !t.contains("last") || !t.at("first").is_number_integer() ||
        !t.at("last").is_number_integer()) {
      return metadataError("key 'train_time' must be {\"first\": int, \"last\": int}");
    }
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (t.at("first").is_number_unsigned() && t.at("first").get<std::uint64_t>() > kMax) {
      return metadataError("key 'train_time.first' is out of range");
    }
    if (t.at("last").is_number_unsigned() && t.at("last").get<std::uint64_t>() > kMax) {
      return metadataError("key 'train_time.last' is out of range");
    }
    m.trainFirst = t.at("first").get<std::int64_t>();
    m.trainLast = t.at("last").get<std::int64_t>();
    if (m.trainFirst > m.trainLast) return metadataError("key 'train_time' has 'first' after 'last'");
  }
  if (j.contains("trained_by")) {
    if (!j.at("trained_by").is_string()) return metadataError("key 'trained_by' must be a string");
    m.trainedBy = j.at("trained_by").get<std::string>();
  }
  if (j.contains("history_weight")) {
    const auto& w = j.at("history_weight");
    HistoryWeighting weighting = HistoryWeighting::Sum;
    if (!w.is_string() || !parseHistoryWeighting(w.get<std::string>(), weighting))
      return metadataError("key 'history_weight' must be \"sum\" or \"log1p\"");
  }
  return Status::success();
}

}  // namespace

Status checkModelCatalog(const ModelMetadata& metadata, const Catalog& catalog) {
  const auto fingerprint = catalogFingerprint(catalog);
  if (metadata.numItems == static_cast<std::int64_t>(catalog.size()) &&
      metadata.catalogFingerprint == fingerprint) {
    return Status::success();
  }
  return makeError(ErrorCode::Schema,
                   "model was trained on a different catalog: " + std::to_string(metadata.numItems) +
                       " items fingerprint " + shortHex(metadata.catalogFingerprint) + " vs project " +
                       std::to_string(catalog.size()) + " items " + shortHex(fingerprint));
}

Result<ModelMetadata> parseModelMetadata(const std::string& text) {
  if (text.size() > kMaxModelMetadataBytes) {
    return metadataError("is " + std::to_string(text.size()) + " bytes long, more than the " +
                         std::to_string(kMaxModelMetadataBytes) + " allowed");
  }
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    return makeError(ErrorCode::Parse, std::string("metadata() is not valid JSON: ") + e.what());
  }
  if (!j.is_object()) return makeError(ErrorCode::Schema, "metadata() must be a JSON object");
  const auto require = [&j](const char* key, auto check, const char* type) -> Status {
    if (!j.contains(key)) return metadataError(std::string("key '") + key + "' is missing");
    if (!check(j.at(key))) return metadataError(std::string("key '") + key + "' must be " + type);
    return Status::success();
  };
  const auto isInt = [](const json& v) { return v.is_number_integer(); };
  const auto isString = [](const json& v) { return v.is_string(); };
  const auto isArray = [](const json& v) { return v.is_array(); };
  const Status checks[] = {require("contract_version", isInt, "an integer"),
                           require("kind", isString, "a string"),
                           require("dim", isInt, "an integer"),
                           require("num_items", isInt, "an integer"),
                           require("catalog_fingerprint", isString, "a string"),
                           require("user_fields", isArray, "an array"),
                           require("item_parts", isArray, "an array")};
  for (const auto& check : checks) {
    if (!check) return check.error();
  }
  ModelMetadata m;
  m.json = text;
  constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();
  auto version = integerIn(j, "contract_version", 0, kIntMax);
  auto dim = integerIn(j, "dim", 1, kMaxModelDim);
  auto items = integerIn(j, "num_items", 1, kMaxModelItems);
  for (const auto* r : {&version, &dim, &items}) {
    if (!*r) return r->error();
  }
  m.contractVersion = static_cast<int>(version.value());
  m.dim = static_cast<int>(dim.value());
  m.numItems = items.value();
  m.kind = j.at("kind").get<std::string>();
  m.catalogFingerprint = j.at("catalog_fingerprint").get<std::string>();
  if (auto s = readUserFields(j.at("user_fields"), m); !s) return s.error();
  const auto& parts = j.at("item_parts");
  if (parts.size() > kMaxModelItemParts) {
    return metadataError("key 'item_parts' names more than " + std::to_string(kMaxModelItemParts) + " parts");
  }
  for (const auto& p : parts) {
    if (!p.is_string()) return metadataError("key 'item_parts' must hold strings");
    m.itemParts.push_back(p.get<std::string>());
  }
  if (auto s = readOptionalKeys(j, m); !s) return s.error();
  return m;
}

}  // namespace reclens
