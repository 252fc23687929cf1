#include "data/syntheticworld.h"

#include <algorithm>
#include <cmath>

#include "data/generatorvocabulary.h"

namespace reclens {

namespace {

constexpr std::int64_t kDay = 86400;

// "P000042"-style ids, zero-padded to the width of the largest index (at least 6 digits).
std::vector<std::string> paddedIds(char prefix, std::int64_t n) {
  int width = 6;
  for (std::int64_t v = n - 1; v >= 1000000; v /= 10) ++width;
  std::vector<std::string> ids(static_cast<std::size_t>(n));
  std::string s(static_cast<std::size_t>(width) + 1, '0');
  s[0] = prefix;
  for (std::int64_t i = 0; i < n; ++i) {
    std::int64_t v = i;
    for (int k = width; k >= 1; --k, v /= 10)
      s[static_cast<std::size_t>(k)] = static_cast<char>('0' + v % 10);
    ids[static_cast<std::size_t>(i)] = s;
  }
  return ids;
}

template <class T>
void shuffle(std::vector<T>& v, GeneratorRng& rng) {
  for (std::size_t i = v.size(); i > 1; --i) {
    const auto j = rng.below(static_cast<std::uint32_t>(i));
    std::swap(v[i - 1], v[j]);
  }
}

// Index drawn from a short cumulative list of marginal probabilities (summing to 1).
int drawMarginal(const std::vector<double>& probs, GeneratorRng& rng) {
  double u = rng.uniform();
  for (std::size_t k = 0; k + 1 < probs.size(); ++k) {
    if (u < probs[k]) return static_cast<int>(k);
    u -= probs[k];
  }
  return static_cast<int>(probs.size()) - 1;
}

// Shop-like price: two decimals, ending in .99 from 5 upwards.
double shopPrice(double raw) {
  if (raw < 5.0) return std::max(0.49, std::round(raw * 100.0) / 100.0);
  return std::floor(raw) + 0.99;
}

}  // namespace

const std::vector<std::string>& SyntheticWorld::regionNames() {
  static const std::vector<std::string> kNames = {"North", "South", "East", "West", "Islands"};
  return kNames;
}
const std::vector<std::string>& SyntheticWorld::ageBandNames() {
  static const std::vector<std::string> kNames = {"18-24", "25-34", "35-44", "45-54", "55-64", "65+"};
  return kNames;
}
const std::vector<std::string>& SyntheticWorld::genderNames() {
  static const std::vector<std::string> kNames = {"female", "male"};
  return kNames;
}

const std::string& SyntheticWorld::categoryName(int category) const {
  return m_catalog.fields[0]
      .vocabulary()[static_cast<std::size_t>(m_categoryVocabularyCode[static_cast<std::size_t>(category)])];
}

SyntheticWorld::SyntheticWorld(const GeneratorConfig& config) : m_config(config) {
  GeneratorRng rng(GeneratorRng::derive(config.seed, 0x57A7));
  m_categoryShare.resize(static_cast<std::size_t>(config.categories));
  double total = 0.0;
  for (auto& s : m_categoryShare) total += (s = 0.6 + 0.8 * rng.uniform());
  for (auto& s : m_categoryShare) s /= total;
  m_regionalFavourite.assign(regionNames().size(), -1);
  for (std::size_t r = 0; r < regionNames().size(); ++r) {
    if (static_cast<int>(r) == plantedRegion() || static_cast<int>(r) == noisyRegion()) continue;
    int c = plantedRegionCategory();
    while (c == plantedRegionCategory())
      c = static_cast<int>(rng.below(static_cast<std::uint32_t>(config.categories)));
    m_regionalFavourite[r] = c;
  }
  buildBrands(rng);
  buildCatalog(rng);
  buildSamplingTables();
  buildUsers(rng);
}

void SyntheticWorld::buildBrands(GeneratorRng& rng) {
  const int nb = m_config.brands;
  const int nc = m_config.categories;
  std::vector<int> codes(static_cast<std::size_t>(generatorBrandNameCount()));
  for (std::size_t k = 0; k < codes.size(); ++k) codes[k] = static_cast<int>(k);
  shuffle(codes, rng);
  std::vector<int> order(static_cast<std::size_t>(nb));
  for (int b = 0; b < nb; ++b) order[static_cast<std::size_t>(b)] = b;
  shuffle(order, rng);
  m_categoryBrands.assign(static_cast<std::size_t>(nc), {});
  m_categoryBrandWeights.assign(static_cast<std::size_t>(nc), {});
  m_brandNames.resize(static_cast<std::size_t>(nb));
  for (int b = 0; b < nb; ++b) {
    m_brandNames[static_cast<std::size_t>(b)] = generatorBrandName(codes[static_cast<std::size_t>(b)]);
    // Every category gets at least one primary brand; a brand sells mostly in its primary category.
    const int primary = order[static_cast<std::size_t>(b)] % nc;
    const double size = std::exp(0.5 * rng.normal());
    m_categoryBrands[static_cast<std::size_t>(primary)].push_back(b);
    m_categoryBrandWeights[static_cast<std::size_t>(primary)].push_back(3.0 * size);
    if (nc > 1 && rng.chance(0.4)) {
      int secondary = static_cast<int>(rng.below(static_cast<std::uint32_t>(nc - 1)));
      if (secondary >= primary) ++secondary;
      m_categoryBrands[static_cast<std::size_t>(secondary)].push_back(b);
      m_categoryBrandWeights[static_cast<std::size_t>(secondary)].push_back(size);
    }
  }
}

void SyntheticWorld::buildCatalog(GeneratorRng& rng) {
  const auto n = static_cast<std::size_t>(m_config.items);
  const auto& words = generatorCategories();
  const auto& variants = generatorVariants();
  const std::int64_t start = m_config.startTime;
  const std::int64_t range = endTime() - start;
  m_catalog.ids = paddedIds('P', m_config.items);
  m_catalog.titles.resize(n);
  m_catalog.prices.resize(n);
  m_catalog.firstSeen.resize(n);
  m_catalog.fields.emplace_back("category");
  m_catalog.fields.emplace_back("brand");
  auto& categoryField = m_catalog.fields[0];
  auto& brandField = m_catalog.fields[1];
  m_categoryVocabularyCode.resize(static_cast<std::size_t>(m_config.categories));
  for (int c = 0; c < m_config.categories; ++c) {
    m_categoryVocabularyCode[static_cast<std::size_t>(c)] =
        categoryField.intern(words[static_cast<std::size_t>(c)].name);
  }
  std::vector<std::int32_t> brandCode(m_brandNames.size());
  for (std::size_t b = 0; b < m_brandNames.size(); ++b) brandCode[b] = brandField.intern(m_brandNames[b]);

  const AliasTable categoryTable(m_categoryShare);
  std::vector<AliasTable> brandTables;
  for (const auto& w : m_categoryBrandWeights) brandTables.emplace_back(w);
  m_itemCategory.resize(n);
  m_itemBrand.resize(n);
  m_itemStyle.resize(n);
  std::string title;
  for (std::size_t i = 0; i < n; ++i) {
    // The first items cover every category once, so no category is empty.
    const auto c = i < static_cast<std::size_t>(m_config.categories)
                       ? static_cast<int>(i)
                       : static_cast<int>(categoryTable.sample(rng));
    const auto& cw = words[static_cast<std::size_t>(c)];
    const int b =
        m_categoryBrands[static_cast<std::size_t>(c)][brandTables[static_cast<std::size_t>(c)].sample(rng)];
    const int style = static_cast<int>(rng.below(kStyles));
    m_itemCategory[i] = c;
    m_itemBrand[i] = b;
    m_itemStyle[i] = static_cast<std::uint8_t>(style);
    // Styles are ordered by price level: the taste clusters of older shoppers cost more.
    const double logPrice =
        std::log(cw.medianPrice) + 0.18 * (style - 0.5 * (kStyles - 1)) + 0.45 * rng.normal();
    m_catalog.prices[i] = shopPrice(std::exp(logPrice));
    title = m_brandNames[static_cast<std::size_t>(b)];
    title += ' ';
    title += cw.adjectives[rng.below(cw.adjectives.size())];
    title += ' ';
    title += cw.nouns[rng.below(cw.nouns.size())];
    title += " (";
    title += variants[rng.below(static_cast<std::uint32_t>(variants.size()))];
    title += ')';
    m_catalog.titles[i] = title;
    if (rng.chance(kColdItemShare)) {
      m_catalog.firstSeen[i] =
          start + static_cast<std::int64_t>((0.1 + 0.9 * rng.uniform()) * static_cast<double>(range));
    } else {
      m_catalog.firstSeen[i] = start - static_cast<std::int64_t>(rng.below(730)) * kDay - rng.below(kDay);
    }
    categoryField.appendCode(m_categoryVocabularyCode[static_cast<std::size_t>(c)]);
    brandField.appendCode(brandCode[static_cast<std::size_t>(b)]);
  }

  // Zipf popularity over a random ranking of the catalog.
  std::vector<std::int32_t> rank(n);
  for (std::size_t i = 0; i < n; ++i) rank[i] = static_cast<std::int32_t>(i);
  shuffle(rank, rng);
  m_itemWeight.resize(n);
  for (std::size_t r = 0; r < n; ++r) {
    m_itemWeight[static_cast<std::size_t>(rank[r])] =
        std::pow(static_cast<double>(r + 1), -m_config.zipfExponent);
  }

  // The under-exposed brand has a typical catalog share (closest to the median brand size).
  std::vector<std::int64_t> brandItems(m_brandNames.size(), 0);
  for (auto b : m_itemBrand) ++brandItems[static_cast<std::size_t>(b)];
  auto sorted = brandItems;
  std::sort(sorted.begin(), sorted.end());
  const auto median = sorted[sorted.size() / 2];
  m_underExposedBrand = 0;
  for (std::size_t b = 1; b < brandItems.size(); ++b) {
    const auto dist = std::llabs(brandItems[b] - median);
    if (dist < std::llabs(brandItems[static_cast<std::size_t>(m_underExposedBrand)] - median)) {
      m_underExposedBrand = static_cast<int>(b);
    }
  }
}

void SyntheticWorld::buildSamplingTables() {
  const auto nc = static_cast<std::size_t>(m_config.categories);
  m_categoryItems.assign(nc, {});
  m_cellItems.assign(nc * kStyles, {});
  m_brandItems.assign(m_brandNames.size(), {});
  for (std::size_t i = 0; i < m_itemCategory.size(); ++i) {
    const auto item = static_cast<std::int32_t>(i);
    const auto c = static_cast<std::size_t>(m_itemCategory[i]);
    m_categoryItems[c].push_back(item);
    m_cellItems[c * kStyles + m_itemStyle[i]].push_back(item);
    m_brandItems[static_cast<std::size_t>(m_itemBrand[i])].push_back(item);
  }
  // Each category needs one item that exists from the start: the fallback when every draw is too new.
  m_categoryAnchor.assign(nc, -1);
  for (std::size_t c = 0; c < nc; ++c) {
    std::int32_t best = -1;
    std::int32_t bestAny = -1;
    for (auto item : m_categoryItems[c]) {
      const auto k = static_cast<std::size_t>(item);
      if (bestAny < 0 || m_itemWeight[k] > m_itemWeight[static_cast<std::size_t>(bestAny)]) bestAny = item;
      if (m_catalog.firstSeen[k] <= m_config.startTime &&
          (best < 0 || m_itemWeight[k] > m_itemWeight[static_cast<std::size_t>(best)])) {
        best = item;
      }
    }
    if (best < 0 && bestAny >= 0) {
      best = bestAny;
      m_catalog.firstSeen[static_cast<std::size_t>(best)] = m_config.startTime - kDay;
    }
    m_categoryAnchor[c] = best;
  }
  auto tableOf = [this](const std::vector<std::int32_t>& items) {
    std::vector<double> w(items.size());
    for (std::size_t k = 0; k < items.size(); ++k) w[k] = m_itemWeight[static_cast<std::size_t>(items[k])];
    return AliasTable(w);
  };
  m_categoryTables.clear();
  m_cellTables.clear();
  m_brandTables.clear();
  for (const auto& items : m_categoryItems) m_categoryTables.push_back(tableOf(items));
  for (const auto& items : m_cellItems) m_cellTables.push_back(tableOf(items));
  for (const auto& items : m_brandItems) m_brandTables.push_back(tableOf(items));
  auto totalOf = [this](const std::vector<std::vector<std::int32_t>>& groups) {
    std::vector<double> totals;
    totals.reserve(groups.size());
    for (const auto& items : groups) {
      double t = 0.0;
      for (auto item : items) t += m_itemWeight[static_cast<std::size_t>(item)];
      totals.push_back(t);
    }
    return totals;
  };
  m_categoryWeight = totalOf(m_categoryItems);
  m_cellWeight = totalOf(m_cellItems);
  m_brandWeight = totalOf(m_brandItems);
}

void SyntheticWorld::buildUsers(GeneratorRng& rng) {
  const auto n = static_cast<std::size_t>(m_config.users);
  static const std::vector<double> kRegion = {0.24, 0.26, 0.22, 0.20, 0.08};
  static const std::vector<double> kAge = {0.16, 0.27, 0.22, 0.17, 0.11, 0.07};
  static const std::vector<double> kGender = {0.50, 0.46, 0.04};  // the last: not given
  m_users.ids = paddedIds('U', m_config.users);
  m_users.fields.emplace_back("gender");
  m_users.fields.emplace_back("age_band");
  m_users.fields.emplace_back("region");
  for (const auto& g : genderNames()) m_users.fields[0].intern(g);
  for (const auto& a : ageBandNames()) m_users.fields[1].intern(a);
  for (const auto& r : regionNames()) m_users.fields[2].intern(r);
  m_userRegion.resize(n);
  m_userAge.resize(n);
  m_userGender.resize(n);
  std::vector<double> activity(n);
  double activitySum = 0.0;
  for (std::size_t u = 0; u < n; ++u) {
    int g = drawMarginal(kGender, rng);
    if (g == 2) g = CategoricalField::kMissing;
    m_userGender[u] = static_cast<std::int8_t>(g);
    m_userAge[u] = static_cast<std::uint8_t>(drawMarginal(kAge, rng));
    m_userRegion[u] = static_cast<std::uint8_t>(drawMarginal(kRegion, rng));
    m_users.fields[0].appendCode(g);
    m_users.fields[1].appendCode(m_userAge[u]);
    m_users.fields[2].appendCode(m_userRegion[u]);
    activitySum += (activity[u] = std::exp(1.1 * rng.normal()));  // long-tailed activity
  }
  // Every user gets a few interactions (so leave-last-out splits work); the rest follows activity.
  const std::int64_t base = std::min<std::int64_t>(5, m_config.interactions / m_config.users);
  const double extra = static_cast<double>(m_config.interactions - base * m_config.users);
  const std::int64_t cap = std::max<std::int64_t>(base, m_config.items / 4);
  m_userCount.resize(n);
  m_plannedInteractions = 0;
  for (std::size_t u = 0; u < n; ++u) {
    const auto more =
        static_cast<std::int64_t>(std::floor(extra * activity[u] / activitySum + rng.uniform()));
    m_userCount[u] = static_cast<std::int32_t>(std::min(cap, base + more));
    m_plannedInteractions += m_userCount[u];
  }
}

std::uint64_t SyntheticWorld::userSeed(std::int32_t user) const {
  return GeneratorRng::derive(m_config.seed, 0x10000ULL + static_cast<std::uint64_t>(user));
}

double SyntheticWorld::categoryBias(int region, int gender, int category) const {
  double f = 1.0;
  if (region == plantedRegion() && category == plantedRegionCategory()) f *= kRegionFactor;
  if (region >= 0 && m_regionalFavourite[static_cast<std::size_t>(region)] == category) f *= 1.6;
  // Mild gender tastes (Beauty, Fashion; Electronics, Automotive, Tools) keep the attribute informative.
  if (gender == 0 && (category == 4 || category == 8)) f *= 1.6;
  if (gender == 1 && (category == 2 || category == 14 || category == 17)) f *= 1.4;
  return f;
}

std::int32_t SyntheticWorld::sampleInCategory(int category, GeneratorRng& rng) const {
  const auto c = static_cast<std::size_t>(category);
  return m_categoryItems[c][m_categoryTables[c].sample(rng)];
}

std::int32_t SyntheticWorld::sampleInCell(int category, int style, GeneratorRng& rng) const {
  const auto cell = static_cast<std::size_t>(category) * kStyles + static_cast<std::size_t>(style);
  if (m_cellTables[cell].empty()) return sampleInCategory(category, rng);
  return m_cellItems[cell][m_cellTables[cell].sample(rng)];
}

std::int32_t SyntheticWorld::sampleInBrand(int brand, GeneratorRng& rng) const {
  const auto b = static_cast<std::size_t>(brand);
  return m_brandItems[b][m_brandTables[b].sample(rng)];
}

double SyntheticWorld::underExposedCatalogShare() const {
  const auto& items = m_brandItems[static_cast<std::size_t>(m_underExposedBrand)];
  return static_cast<double>(items.size()) /
         static_cast<double>(std::max<std::size_t>(1, m_itemBrand.size()));
}

double SyntheticWorld::underExposedWeightShare() const {
  double rest = 0.0;
  double brand = 0.0;
  for (std::size_t i = 0; i < m_itemWeight.size(); ++i) {
    (m_itemBrand[i] == m_underExposedBrand ? brand : rest) += m_itemWeight[i];
  }
  brand *= kBrandExposure;
  return brand + rest > 0.0 ? brand / (brand + rest) : 0.0;
}

std::int32_t SyntheticWorld::uniformInCategory(int category, GeneratorRng& rng) const {
  const auto& items = m_categoryItems[static_cast<std::size_t>(category)];
  return items[rng.below(static_cast<std::uint32_t>(items.size()))];
}

}  // namespace reclens
