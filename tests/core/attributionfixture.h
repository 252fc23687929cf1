#pragma once
// The planted data and the top-list helper shared by the attribution tests.
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "model/modelfile.h"

namespace reclens::test {

inline constexpr int kItems = 60;
inline constexpr int kUsers = 40;

// Two user segments with disjoint tastes over two categories and three brands.
inline Dataset plantedDataset() {
  Dataset d;
  d.info.name = "attribution";
  d.users.fields.emplace_back("segment");
  d.items.fields.emplace_back("category");
  d.items.fields.emplace_back("brand");
  for (int i = 0; i < kItems; ++i) {
    d.items.ids.push_back("i" + std::to_string(i));
    d.items.titles.push_back("Item " + std::to_string(i));
    d.items.fields[0].append(i < kItems / 2 ? "left" : "right");
    d.items.fields[1].append(std::string("b") + char('0' + i % 3));
  }
  std::mt19937_64 rng(11);
  const auto k = d.interactions.kindIndex("purchase");
  for (int u = 0; u < kUsers; ++u) {
    d.users.ids.push_back("u" + std::to_string(u));
    const int group = u % 2;
    d.users.fields[0].append(group == 0 ? "a" : "b");
    for (int n = 0; n < 8; ++n) {
      const int item = group * (kItems / 2) + static_cast<int>(rng() % (kItems / 2));
      d.interactions.append(u, item, 1000 + n, 1.0f + float(n % 3), k);
    }
  }
  return d;
}

// A user of `data` with its top-5 items under `model`.
inline std::pair<UserProfile, std::vector<std::int32_t>> userAndTop(
    const Dataset& data, const std::shared_ptr<const ModelFile>& model, std::int32_t user = 3) {
  const UserProfileBuilder builder(data, model->metadata());
  const auto profile = builder.profile(user);
  ScoringEngine engine(model);
  std::vector<std::int32_t> items;
  const auto top = engine.recommend(profile, 5, {});
  if (top.ok()) {
    for (const auto& r : top.value()) items.push_back(r.item);
  }
  return {profile, items};
}

}  // namespace reclens::test
