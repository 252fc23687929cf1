#include "benchauditdata.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "benchsupport.h"
#include "data/generator.h"
#include "engine/userprofilebuilder.h"
#include "model/trainer.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

using Json = nlohmann::json;

// Keys whose values come from random resampling: compared within their Monte Carlo error.
bool randomKey(const std::string& key) {
  return key == "ci_low" || key == "ci_high" || key == "p_value";
}

// Counts that must agree exactly; a difference is a mismatch, not a row of the table.
bool countKey(const std::string& key) {
  return key == "users" || key == "items" || key == "evaluated_users";
}

// "[label]" for an array entry that names its metric or item grouping; the groups, and the attributes
// of one metric, are pooled into one row.
std::string entryLabel(const Json& entry) {
  for (const char* key : {"metric", "name"}) {
    if (entry.is_object() && entry.contains(key) && entry[key].is_string())
      return "[" + entry[key].get<std::string>() + "]";
  }
  return {};
}

// Compares one random value `key` of the objects `a` (ours) and `b` (the baseline's) within its tolerance.
void compareRandom(const Json& a, const Json& b, const std::string& key, const std::string& path,
                   RandomPartsCheck& random, std::vector<std::string>& mismatches) {
  if (!a[key].is_number() || !b[key].is_number()) {
    mismatches.push_back(path + "." + key + " is not a number on both sides");
    return;
  }
  const double x = a[key].get<double>(), y = b[key].get<double>();
  double tolerance = 1e-9;
  if (key == "p_value") {
    const double p = 0.5 * (x + y);
    const double n = std::max(1, random.permutations);
    tolerance += 5.0 * std::sqrt(2.0 * p * (1.0 - p) / n) + 2.0 / (n + 1.0);
  } else if (random.bootstrap > 0) {
    const auto width = [](const Json& o) {
      return o.contains("ci_low") && o.contains("ci_high") && o["ci_low"].is_number() &&
                     o["ci_high"].is_number()
                 ? o["ci_high"].get<double>() - o["ci_low"].get<double>()
                 : 0.0;
    };
    tolerance += 4.82 * std::max(width(a), width(b)) / std::sqrt(double(random.bootstrap));
    // The metrics lie in [0, 1], so a group mean moves by at most 1/n when one of the group's n users is
    // drawn once more or less: the step of the bootstrap distribution, by which the quantile of two
    // samplers can differ on a discrete metric (hit, a few users) whatever the number of resamples.
    if (a.contains("users") && a["users"].is_number() && a["users"].get<double>() > 0)
      tolerance += 1.0 / a["users"].get<double>();
  }
  const double diff = std::abs(x - y);
  ++random.compared;
  random.worstRatio = std::max(random.worstRatio, diff / tolerance);
  if (!(diff <= tolerance)) {
    ++random.outside;
    mismatches.push_back(path + "." + key + ": " + a[key].dump() + " vs " + b[key].dump() + " (tolerance " +
                         std::to_string(tolerance) + ")");
  }
}

void walk(const Json& a, const Json& b, const std::string& path, std::map<std::string, double>& out,
          RandomPartsCheck& random, std::vector<std::string>& mismatches) {
  if (a.is_number() && b.is_number()) {
    // Relative to the value's size (at least 1): sums of float32 exposures over thousands of items
    // differ in their last digits, whatever their magnitude.
    const double scale = std::max({1.0, std::abs(a.get<double>()), std::abs(b.get<double>())});
    const double d = std::abs(a.get<double>() - b.get<double>()) / scale;
    auto& slot = out[path];
    slot = std::max(slot, std::isfinite(d) ? d : INFINITY);
  } else if (a.is_object() && b.is_object()) {
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key)) {
        mismatches.push_back(path + "." + key + " is missing in the baseline");
        continue;
      }
      if (randomKey(key)) {
        compareRandom(a, b, key, path, random, mismatches);
        continue;
      }
      const auto at = path.empty() ? key : path + "." + key;
      if (countKey(key)) {
        if (value != b[key]) mismatches.push_back(at + ": " + value.dump() + " vs " + b[key].dump());
        continue;
      }
      walk(value, b[key], at, out, random, mismatches);
    }
  } else if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) {
      mismatches.push_back(path + " has " + std::to_string(a.size()) + " entries here and " +
                           std::to_string(b.size()) + " in the baseline");
      return;
    }
    for (std::size_t i = 0; i < a.size(); ++i)
      walk(a[i], b[i], path + entryLabel(a[i]), out, random, mismatches);
  } else if (a.is_string() && b.is_string()) {
    if (a != b)
      mismatches.push_back(path + ": \"" + a.get<std::string>() + "\" vs \"" + b.get<std::string>() + "\"");
  } else {
    mismatches.push_back(path + " differs in type (" + a.type_name() + " vs " + b.type_name() + ")");
  }
}

// The identifier of an array entry (its attribute, metric, grouping or group name), or empty.
std::string entryId(const Json& entry) {
  for (const char* key : {"attribute", "metric", "name", "group"}) {
    if (entry.is_object() && entry.contains(key) && entry[key].is_string())
      return entry[key].get<std::string>();
  }
  return {};
}

// `ours` cut down to what `theirs` has: object keys the baseline lacks and array entries whose
// identifier it lacks are dropped (the baseline does not compute every metric of the audit).
Json restrictTo(const Json& ours, const Json& theirs) {
  if (ours.is_object() && theirs.is_object()) {
    Json out = Json::object();
    for (const auto& [key, value] : ours.items()) {
      if (theirs.contains(key)) out[key] = restrictTo(value, theirs[key]);
    }
    return out;
  }
  if (ours.is_array() && theirs.is_array() && !theirs.empty() && !entryId(theirs.front()).empty()) {
    Json out = Json::array();
    for (const auto& entry : ours) {
      const auto id = entryId(entry);
      const auto match =
          std::find_if(theirs.begin(), theirs.end(), [&id](const Json& t) { return entryId(t) == id; });
      if (!id.empty() && match != theirs.end()) out.push_back(restrictTo(entry, *match));
    }
    return out;
  }
  return ours;
}

}  // namespace

Result<AuditBenchWorld> makeAuditBenchWorld(std::int64_t items, std::int64_t users, int dim,
                                            std::uint64_t seed, int threads, const ComputeDevice& device,
                                            const std::string& dir, const TaskControl& control) {
  auto preset = GeneratorConfig::preset("large");  // the 100k-item world's categories and brands
  if (!preset) return preset.error();
  auto g = preset.value();
  g.seed = seed;
  g.items = items;
  g.users = users;
  g.interactions = users * 20;
  g.size = "bench";
  const auto project = dir + "/bench.reclens";
  auto store = ProjectStore::open(project, ProjectStore::Mode::Create);
  if (!store) return store.error();
  if (auto made = generateProject(g, *store.value(), control); !made) return made.error();
  auto dataset = store.value()->loadDataset(control);
  if (!dataset) return dataset.error();
  AuditBenchWorld world;
  world.dataset = std::move(dataset).value();
  auto train = defaultTrainConfig("bpr");
  train.dim = dim;
  train.epochs = 1;
  train.patience = 1;
  train.evalUsers = 500;
  train.seed = seed;
  train.threads = threads;
  train.device = device.torchName();
  const auto modelPath = dir + "/bench.bpr.pt";
  if (auto trained = trainModel(world.dataset, train, modelPath, control); !trained) return trained.error();
  auto model = ModelFile::load(modelPath, device, &world.dataset.items);
  if (!model) return model.error();
  world.model = std::move(model).value();
  world.split = splitByTime(world.dataset, 1, 1);
  return world;
}

Status writeBaselineInputs(const AuditBenchWorld& world, ScoringEngine& engine, const AuditConfig& config,
                           const std::string& dir) {
  const auto& d = world.dataset;
  const auto& split = world.split;
  std::vector<bool> historyRows(split.part.size());
  std::vector<std::int32_t> historyItems;
  for (std::size_t r = 0; r < split.part.size(); ++r) {
    historyRows[r] = split.part[r] != SplitPart::Test;
    if (historyRows[r]) historyItems.push_back(d.interactions.item[r]);
  }
  const auto users = std::max(d.users.size(), split.users());
  UserProfileBuilder profiles(d, world.model->metadata(), &historyRows);
  std::vector<float> weights;
  std::vector<std::int64_t> historyStart{0}, testStart{0};
  std::vector<std::int32_t> history, test, fieldCodes;
  const auto modelFields = world.model->metadata().userFields.size();
  for (std::size_t u = 0; u < users; ++u) {
    const auto profile = profiles.profile(static_cast<std::int32_t>(u));
    if (profile.fieldCodes.size() != modelFields)
      return makeError(ErrorCode::Internal, "a profile's field codes do not match the model's user fields");
    fieldCodes.insert(fieldCodes.end(), profile.fieldCodes.begin(), profile.fieldCodes.end());
    weights.insert(weights.end(), profile.weights.begin(), profile.weights.end());
    history.insert(history.end(), profile.items.begin(), profile.items.end());
    historyStart.push_back(static_cast<std::int64_t>(history.size()));
    if (u < split.test.size()) test.insert(test.end(), split.test[u].begin(), split.test[u].end());
    testStart.push_back(static_cast<std::int64_t>(test.size()));
  }
  Json meta = {{"items", d.items.size()},
               {"users", users},
               {"dim", engine.dim()},
               {"k", config.k},
               {"tail_ratio", config.tailRatio},
               {"bootstrap", config.bootstrapSamples},
               {"permutations", config.permutations},
               {"seed", config.seed},
               {"batch", config.batchSize},
               {"model", world.model->path()},
               {"model_fields", modelFields}};
  meta["attributes"] = Json::array();
  std::vector<std::int32_t> codes(users);
  for (const auto& field : d.users.fields) {
    if (!config.userAttributes.empty() &&
        std::find(config.userAttributes.begin(), config.userAttributes.end(), field.name()) ==
            config.userAttributes.end())
      continue;
    for (std::size_t u = 0; u < users; ++u) codes[u] = field.codeAt(u);
    const auto file = "group_" + std::to_string(meta["attributes"].size()) + ".i32";
    if (auto s = writeRawArray(dir, file, codes); !s) return s;
    meta["attributes"].push_back({{"name", field.name()}, {"values", field.vocabulary()}, {"file", file}});
  }
  meta["item_fields"] = Json::array();
  std::vector<std::int32_t> itemCodes(d.items.size());
  for (const char* name : {"category", "brand"}) {
    const int f = d.items.fieldIndex(name);
    if (f < 0) continue;
    const auto& field = d.items.fields[static_cast<std::size_t>(f)];
    for (std::size_t i = 0; i < itemCodes.size(); ++i) itemCodes[i] = field.codeAt(i);
    const auto file = std::string("item_") + name + ".i32";
    if (auto s = writeRawArray(dir, file, itemCodes); !s) return s;
    meta["item_fields"].push_back({{"name", name}, {"values", field.vocabulary()}, {"file", file}});
  }
  for (const auto& s :
       {writeRawArray(dir, "items.f32", engine.itemEmbeddingsOnCpu()),
        writeRawArray(dir, "history_weights.f32", weights),
        writeRawArray(dir, "user_field_codes.i32", fieldCodes),
        writeRawArray(dir, "history_start.i64", historyStart),
        writeRawArray(dir, "history_items.i32", history), writeRawArray(dir, "test_start.i64", testStart),
        writeRawArray(dir, "test_items.i32", test), writeRawArray(dir, "history_rows.i32", historyItems)}) {
    if (!s) return s;
  }
  std::ofstream out(dir + "/meta.json");
  out << meta.dump(1);
  if (!out) return makeError(ErrorCode::Io, "cannot write the baseline input", dir + "/meta.json");
  return Status::success();
}

std::map<std::string, double> metricDifferences(const nlohmann::json& ours, const nlohmann::json& theirs,
                                                RandomPartsCheck& random,
                                                std::vector<std::string>& mismatches) {
  std::map<std::string, double> out;
  walk(restrictTo(ours, theirs), theirs, "", out, random, mismatches);
  return out;
}

}  // namespace reclens::cli
