#pragma once
// The hand-made shop and model files of the average-user and automatic-comparison tests: a pooled
// model with mean or √T pooling over a table given row by row, written as a model file, and helpers.
#include <QtTest>

#include <cmath>
#include <random>

#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "explain/background.h"
#include "model/modelexport.h"
#include "smalltraining.h"

namespace reclens::backgroundworld {

constexpr int kItems = 40;
constexpr int kUsers = 60;
constexpr int kDim = 4;

inline Dataset shop() {
  Dataset d;
  d.info.name = "background";
  d.users.fields.emplace_back("region");
  d.items.fields.emplace_back("category");
  for (int i = 0; i < kItems; ++i) {
    d.items.ids.push_back("i" + std::to_string(i));
    d.items.titles.push_back("Item " + std::to_string(i));
    d.items.fields[0].append(i % 2 == 0 ? "even" : "odd");
  }
  d.items.firstSeen.assign(kItems, kNoTime);
  std::mt19937_64 rng(3);
  const auto kind = d.interactions.kindIndex("view");
  for (int u = 0; u < kUsers; ++u) {
    d.users.ids.push_back("u" + std::to_string(u));
    d.users.fields[0].append(u % 3 == 0 ? "North" : (u % 3 == 1 ? "South" : ""));
    for (int n = 0; n < 8 + u % 5; ++n) {
      // Each user draws from a window of 12 items of their own, so that histories differ.
      const int item = static_cast<int>((u * 7 + rng() % 12) % kItems);
      d.interactions.append(u, item, 100 + n, 0.5f * float(1 + n % 4), kind);
    }
  }
  return d;
}

inline std::vector<float> flat(const std::vector<std::vector<double>>& rows) {
  std::vector<float> out;
  for (const auto& r : rows)
    for (const auto v : r) out.push_back(static_cast<float>(v));
  return out;
}

inline std::string metadata(const Dataset& d, bool regionField) {
  return R"({"contract_version": 2, "kind": "test", "dim": 4, "num_items": 40, "catalog_fingerprint": ")" +
         catalogFingerprint(d.items) + R"(", "user_fields": )" +
         (regionField ? R"([{"name": "region", "vocabulary": ["North", "South"]}])" : "[]") +
         R"(, "item_parts": ["item"]})";
}

// u = Σ w h / Σ w + Σ fields (mean pooling, declared), v = emb[i]: the average user's inputs give
// exactly the mean user vector.
inline Status writeMeanModel(const Dataset& d, const std::vector<std::vector<double>>& emb,
                             const std::vector<std::vector<double>>& region, const std::string& path) {
  ExportSpec spec;
  spec.className = "MeanPooled";
  spec.tensors.push_back({"emb", {kItems, kDim}, flat(emb), {}, false});
  spec.tensors.push_back({"region", {3, kDim}, flat(region), {}, false});
  spec.itemParts = {"item"};
  spec.source = R"(
def item_embeddings(self) -> Tensor:
    return self.emb

def history_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items)

def user_field_inputs(self, codes: Tensor) -> Tensor:
    return self.region.index_select(0, torch.where(codes < 0, torch.full_like(codes, 2), codes))

def user_vector(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    total = torch.clamp(weights.sum(), min=0.001)
    return (weights.unsqueeze(1) * history).sum(0) / total + fields.sum(0)

def user_vectors(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    total = torch.clamp(weights.sum(1), min=0.001)
    return (weights.unsqueeze(2) * history).sum(1) / total.unsqueeze(1) + fields.sum(1)

def explain_structure(self) -> str:
    return '{"user": {"form": "pooled", "norm": "mean", "clamp_min": 0.001}, "items": "sum_parts"}'

def item_field_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items).unsqueeze(1)

def item_vectors(self, parts: Tensor) -> Tensor:
    return parts.sum(1)
)";
  return writeModelFile(spec, metadata(d, true), path);
}

// BPR's form (sqrt pooling, no user fields) over a given item table.
inline Status writeSqrtModel(const Dataset& d, const std::vector<std::vector<double>>& emb,
                             const std::string& path) {
  ExportSpec spec;
  spec.className = "SqrtPooled";
  spec.tensors.push_back({"emb", {kItems, kDim}, flat(emb), {}, false});
  spec.itemParts = {"item"};
  spec.source = std::string(R"(
def item_embeddings(self) -> Tensor:
    return self.emb

def history_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items)

def user_field_inputs(self, codes: Tensor) -> Tensor:
    return torch.zeros([codes.size(0), 4])

def user_vector(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    total = torch.clamp(weights.sum(), min=1.0)
    return (weights.unsqueeze(1) * history).sum(0) / torch.sqrt(total) + fields.sum(0)

def item_field_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items).unsqueeze(1)

def item_vectors(self, parts: Tensor) -> Tensor:
    return parts.sum(1)
)") + pooledSqrtUserSource();
  return writeModelFile(spec, metadata(d, false), path);
}

// Random rows, centred: no direction is shared by the items.
inline std::vector<std::vector<double>> randomTable(std::size_t rows, std::uint64_t seed, double scale) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, scale);
  std::vector<std::vector<double>> t(rows, std::vector<double>(kDim));
  std::vector<double> mean(kDim, 0.0);
  for (auto& r : t) {
    for (int k = 0; k < kDim; ++k) {
      r[k] = normal(rng);
      mean[k] += r[k] / double(rows);
    }
  }
  for (auto& r : t)
    for (int k = 0; k < kDim; ++k) r[k] -= mean[k];
  return t;
}

// Every item a positive multiple of one direction plus a little noise: all users like the same items.
inline std::vector<std::vector<double>> sharedDirectionTable() {
  auto t = randomTable(kItems, 17, 0.03);
  std::mt19937_64 rng(19);
  std::uniform_real_distribution<double> strength(0.5, 1.5);
  for (auto& r : t) r[0] += strength(rng);
  return t;
}

inline std::vector<UserProfile> allProfiles(const Dataset& d, const ModelFile& model) {
  const UserProfileBuilder builder(d, model.metadata());
  std::vector<UserProfile> out;
  for (std::size_t u = 0; u < builder.users(); ++u)
    out.push_back(builder.profile(static_cast<std::int32_t>(u)));
  return out;
}

inline std::shared_ptr<const UserBackground> backgroundOf(const std::vector<UserProfile>& profiles,
                                                          const ModelFile& m) {
  auto b = computeUserBackground(m, profiles.size(), [&](std::size_t i) { return profiles[i]; });
  if (!b) qFatal("%s", b.error().message.c_str());
  return std::make_shared<const UserBackground>(b.value());
}

inline std::vector<std::int32_t> topItems(const std::shared_ptr<const ModelFile>& model, const UserProfile& p,
                                          int k) {
  ScoringEngine engine(model);
  auto top = engine.recommend(p, k, {});
  std::vector<std::int32_t> items;
  if (top)
    for (const auto& r : top.value()) items.push_back(r.item);
  return items;
}

inline double attributionSum(const ItemExplanation& e) {
  double s = 0.0;
  for (const auto& f : e.fields) s += f.attribution;
  return s;
}

inline ItemExplanation handItem(std::int32_t item, const std::vector<double>& history) {
  ItemExplanation e;
  e.item = item;
  for (std::size_t l = 0; l < history.size(); ++l)
    e.fields.push_back({FieldKind::History, int(l), int(l), "h" + std::to_string(l), "", history[l], 0.0});
  e.fields.push_back({FieldKind::ItemPart, 0, -1, "item", "", 5.0, 0.0});
  return e;
}

}  // namespace reclens::backgroundworld
