#include <nlohmann/json.hpp>

#include "data/generatorinternal.h"
#include "data/syntheticworld.h"
#include "data/utcformat.h"

namespace reclens::generator_detail {

std::vector<std::pair<std::string, std::string>> plantedTruth(const SyntheticWorld& world,
                                                              const Tally& tally) {
  using nlohmann::json;
  std::vector<std::pair<std::string, std::string>> out;
  const auto& regions = SyntheticWorld::regionNames();
  out.emplace_back("region_category_preference",
                   json{{"attribute", "region"},
                        {"group", regions[static_cast<std::size_t>(world.plantedRegion())]},
                        {"category", world.categoryName(world.plantedRegionCategory())},
                        {"factor", SyntheticWorld::kRegionFactor},
                        {"description",
                         "users of the group are factor times as likely to pick the category as a favourite, "
                         "and their interest weight in it is multiplied by factor"}}
                       .dump());
  const double observed = tally.interactions > 0 ? static_cast<double>(tally.underExposedBrand) /
                                                       static_cast<double>(tally.interactions)
                                                 : 0.0;
  out.emplace_back(
      "under_exposed_brand",
      json{{"brand", world.brandName(world.underExposedBrand())},
           {"exposure_factor", SyntheticWorld::kBrandExposure},
           {"catalog_share", world.underExposedCatalogShare()},
           {"expected_interaction_share", world.underExposedWeightShare()},
           {"observed_interaction_share", observed},
           {"description",
            "every draw of one of the brand's items is kept only with probability exposure_factor, "
            "so its popularity is scaled by that factor while its catalog share is typical; "
            "expected_interaction_share is its share of the scaled popularity weight"}}
          .dump());
  out.emplace_back(
      "interest_drift",
      json{{"attribute", "age_band"},
           {"cohort", SyntheticWorld::ageBandNames()[static_cast<std::size_t>(world.driftCohort())]},
           {"from_category", world.categoryName(world.driftFrom())},
           {"to_category", world.categoryName(world.driftTo())},
           {"switch_time", formatUtcIso(world.driftSwitchTime())},
           {"switch_time_unix", world.driftSwitchTime()},
           {"extra_interest", SyntheticWorld::kDriftInterest},
           {"description",
            "before switch_time the cohort's interest mix has extra_interest added on from_category, "
            "after it on to_category (a mix sums to 1 before the addition)"}}
          .dump());
  out.emplace_back(
      "group_quality_gap",
      json{{"attribute", "region"},
           {"group", regions[static_cast<std::size_t>(world.noisyRegion())]},
           {"random_share", SyntheticWorld::kIslandsRandomShare},
           {"description",
            "random_share of the group's interactions are items drawn uniformly from the catalog, "
            "so models predict this group worse"}}
          .dump());
  return out;
}

std::string plantedTruthObject(const std::vector<std::pair<std::string, std::string>>& entries) {
  nlohmann::json all = nlohmann::json::object();
  for (const auto& [key, text] : entries) all[key] = nlohmann::json::parse(text);
  return all.dump();
}

}  // namespace reclens::generator_detail
