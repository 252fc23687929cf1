#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/aliastable.h"
#include "data/dataset.h"
#include "data/generator.h"

namespace reclens {

// The fixed part of a synthetic shop: catalog, users, the sampling tables and the planted ground
// truth. Interactions are not stored here; SessionSampler derives them user by user from it.
class SyntheticWorld {
 public:
  static constexpr int kStyles = 6;                   // latent taste clusters per category
  static constexpr double kRegionFactor = 4.0;        // planted: North users' interest in Outdoor
  static constexpr double kBrandExposure = 0.2;       // planted: the under-exposed brand's exposure factor
  static constexpr double kDriftInterest = 0.6;       // planted: extra interest mass of the drift cohort
  static constexpr double kIslandsRandomShare = 0.7;  // planted: Islands users' share of random picks
  static constexpr double kColdItemShare = 0.12;      // items that first appear inside the time range

  // Builds the world of `config` (which must be valid); deterministic in config and seed.
  explicit SyntheticWorld(const GeneratorConfig& config);

  const GeneratorConfig& config() const { return m_config; }
  const Catalog& catalog() const { return m_catalog; }
  const UserTable& users() const { return m_users; }
  std::int64_t endTime() const {
    return m_config.startTime + static_cast<std::int64_t>(m_config.days) * 86400;
  }

  // Per item: category, brand and latent style indices, popularity weight.
  std::int32_t itemCategory(std::int32_t item) const {
    return m_itemCategory[static_cast<std::size_t>(item)];
  }
  std::int32_t itemBrand(std::int32_t item) const { return m_itemBrand[static_cast<std::size_t>(item)]; }
  std::int64_t itemFirstSeen(std::int32_t item) const {
    return m_catalog.firstSeen[static_cast<std::size_t>(item)];
  }
  int itemStyle(std::int32_t item) const { return m_itemStyle[static_cast<std::size_t>(item)]; }
  double itemWeight(std::int32_t item) const { return m_itemWeight[static_cast<std::size_t>(item)]; }
  // Total popularity weight of a category, of a (category, style) cell (0 when empty), of a brand:
  // an item's chance in sampleInCategory/InCell/InBrand is its weight over these.
  double categoryWeight(int category) const { return m_categoryWeight[static_cast<std::size_t>(category)]; }
  double cellWeight(int category, int style) const {
    return m_cellWeight[static_cast<std::size_t>(category) * kStyles + static_cast<std::size_t>(style)];
  }
  double brandWeight(int brand) const { return m_brandWeight[static_cast<std::size_t>(brand)]; }
  int categoryCount() const { return m_config.categories; }
  int brandCount() const { return m_config.brands; }
  // Share of catalog items in each category.
  const std::vector<double>& categoryShare() const { return m_categoryShare; }

  // Sampling of an item of category c by popularity, of (category, style) cell, of a brand.
  std::int32_t sampleInCategory(int category, GeneratorRng& rng) const;
  // Falls back to the category when the cell has no items.
  std::int32_t sampleInCell(int category, int style, GeneratorRng& rng) const;
  std::int32_t sampleInBrand(int brand, GeneratorRng& rng) const;
  // Any item of the category, uniformly (the fallback once the popular ones are used up).
  std::int32_t uniformInCategory(int category, GeneratorRng& rng) const;
  // The most popular item of the category among those present from the start (always available).
  std::int32_t categoryAnchor(int category) const {
    return m_categoryAnchor[static_cast<std::size_t>(category)];
  }

  // Per user: attribute codes (indices into regionNames() etc.; gender -1 = not given) and activity.
  int userRegion(std::int32_t user) const { return m_userRegion[static_cast<std::size_t>(user)]; }
  int userAgeBand(std::int32_t user) const { return m_userAge[static_cast<std::size_t>(user)]; }
  int userGender(std::int32_t user) const { return m_userGender[static_cast<std::size_t>(user)]; }
  std::int32_t userInteractionCount(std::int32_t user) const {
    return m_userCount[static_cast<std::size_t>(user)];
  }
  std::int64_t plannedInteractions() const { return m_plannedInteractions; }
  // A seed for the user's own random stream.
  std::uint64_t userSeed(std::int32_t user) const;

  // Category prior multiplier of a user group, from the region and gender tastes of the world.
  double categoryBias(int region, int gender, int category) const;

  static const std::vector<std::string>& regionNames();
  static const std::vector<std::string>& ageBandNames();
  static const std::vector<std::string>& genderNames();

  // Planted ground truth.
  int plantedRegion() const { return 0; }          // "North"
  int plantedRegionCategory() const { return 1; }  // "Outdoor"
  int driftCohort() const { return 0; }            // age band "18-24"
  int driftFrom() const { return 3; }              // "Books"
  int driftTo() const { return 2; }                // "Electronics"
  int noisyRegion() const { return 4; }            // "Islands"
  std::int64_t driftSwitchTime() const { return m_config.startTime + (endTime() - m_config.startTime) / 2; }
  int underExposedBrand() const { return m_underExposedBrand; }
  const std::string& brandName(int brand) const { return m_brandNames[static_cast<std::size_t>(brand)]; }
  const std::string& categoryName(int category) const;
  // Share of catalog items that carry the under-exposed brand.
  double underExposedCatalogShare() const;
  // The under-exposed brand's share of popularity weight once its items are scaled by kBrandExposure.
  double underExposedWeightShare() const;

 private:
  void buildBrands(GeneratorRng& rng);
  void buildCatalog(GeneratorRng& rng);
  void buildSamplingTables();
  void buildUsers(GeneratorRng& rng);

  GeneratorConfig m_config;
  Catalog m_catalog;
  UserTable m_users;
  std::vector<std::string> m_brandNames;
  std::vector<std::vector<int>> m_categoryBrands;  // brands offered in each category
  std::vector<std::vector<double>> m_categoryBrandWeights;
  std::vector<double> m_categoryShare;
  std::vector<std::int32_t> m_categoryVocabularyCode;  // code of each category in the catalog field
  std::vector<int> m_regionalFavourite;                // a mild extra category taste per region
  std::vector<std::int32_t> m_itemCategory;
  std::vector<std::int32_t> m_itemBrand;
  std::vector<std::uint8_t> m_itemStyle;
  std::vector<double> m_itemWeight;
  std::vector<std::vector<std::int32_t>> m_categoryItems;
  std::vector<AliasTable> m_categoryTables;
  std::vector<std::vector<std::int32_t>> m_cellItems;
  std::vector<AliasTable> m_cellTables;
  std::vector<std::vector<std::int32_t>> m_brandItems;
  std::vector<AliasTable> m_brandTables;
  std::vector<double> m_categoryWeight;
  std::vector<double> m_cellWeight;
  std::vector<double> m_brandWeight;
  std::vector<std::int32_t> m_categoryAnchor;
  int m_underExposedBrand = 0;
  std::vector<std::uint8_t> m_userRegion;
  std::vector<std::uint8_t> m_userAge;
  std::vector<std::int8_t> m_userGender;
  std::vector<std::int32_t> m_userCount;
  std::int64_t m_plannedInteractions = 0;
};

}  // namespace reclens
