#pragma once
// Title features for items: what the two-tower model reads of an item's text, learned inside the project
// from the catalog's own words (nothing is downloaded). docs/training.md, "Content for cold items".
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace reclens {

// The words of a title: runs of letters and digits (bytes of multi-byte UTF-8 characters count as
// letters), ASCII lower-cased, two characters or more, numbers alone dropped.
std::vector<std::string> titleWords(const std::string& title);

struct TextFeatures {
  int dim = 0;                 // columns; below the asked size when the vocabulary or catalog is smaller
  std::vector<float> values;   // [items, dim] row-major; zero rows for items without a kept word
  std::size_t vocabulary = 0;  // words kept: in at least two titles and at most half of them
  std::size_t itemsWithText = 0;
};

// TF-IDF of the titles' words (term weight 1 + ln(count), idf ln((1 + n) / (1 + df)) + 1, each row scaled
// to length 1), reduced to `dim` columns by a truncated SVD (a seeded randomised range finder with two
// power iterations, then an exact SVD of the small projected matrix): row i is the item's coordinates
// U_i S. Deterministic in the titles, dim and seed.
TextFeatures titleFeatures(const std::vector<std::string>& titles, int dim, std::uint64_t seed);

// The same reduction over documents given as their tokens (words[i]: the tokens of item i).
TextFeatures documentFeatures(const std::vector<std::vector<std::string>>& words, int dim,
                              std::uint64_t seed);

// Content features of a catalog's items, for content similarity (the Item view): each item's title words
// plus one token per value of each categorical attribute ("brand=Nordford"; every member of a set-valued
// one), reduced as above, so that items of one brand and category with similar titles lie close.
TextFeatures catalogContentFeatures(const Catalog& catalog, int dim, std::uint64_t seed);

}  // namespace reclens
