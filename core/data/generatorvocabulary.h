#pragma once
#include <array>
#include <string>
#include <vector>

namespace reclens {

// Words of one product category of the synthetic shop: its name, typical price and title parts.
struct CategoryWords {
  const char* name;
  double medianPrice;  // in the shop's currency; prices are log-normal around it
  std::array<const char*, 8> adjectives;
  std::array<const char*, 8> nouns;
};

// The categories the generator can use, in a fixed order (a world with k categories uses the first k).
// The first four are the ones the planted ground truth refers to.
const std::vector<CategoryWords>& generatorCategories();
// Colour or variant words appended to titles ("Sage", "Walnut", ...).
const std::vector<const char*>& generatorVariants();
// The number of distinct brand names brandName() can produce.
int generatorBrandNameCount();
// A readable invented brand name for `code` in [0, generatorBrandNameCount()); distinct codes give
// distinct names.
std::string generatorBrandName(int code);

}  // namespace reclens
