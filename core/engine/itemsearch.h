#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/dataset.h"

namespace reclens {

// One catalog search hit: the catalog row and its relevance (higher is better).
struct ItemSearchHit {
  std::int32_t item = -1;
  double score = 0.0;
};

struct ItemSearchResult {
  std::vector<ItemSearchHit> hits;  // best first, at most the limit asked for
  std::size_t total = 0;            // every item that matches the query
};

// A full-text index over the catalog: item ids, titles and the categorical attributes (category,
// brand and any extras). Text is split into tokens at every ASCII character that is not a letter or
// a digit (bytes of other UTF-8 characters belong to tokens) and ASCII letters are lower-cased.
// A query matches an item when every query token is a prefix of one of the item's tokens.
// Immutable once built; search() may run on several threads at once.
class ItemSearchIndex {
 public:
  // Tokenises every item of `catalog` once (the catalog need not outlive the index). `popularity`
  // (one count per item, optional) orders hits of equal relevance: more popular first.
  explicit ItemSearchIndex(const Catalog& catalog, std::vector<std::int64_t> popularity = {});

  // The items matching `query`, best first: an exact id match first, then by the sum over query
  // tokens of the best match (id and title above attributes, a whole token above a prefix, a longer
  // share of the token above a shorter), then by popularity, then by lower row. An empty query (no
  // tokens) matches nothing. Guarantees hits.size() == min(limit, total).
  ItemSearchResult search(std::string_view query, std::size_t limit) const;

  // Number of items indexed.
  std::size_t items() const { return m_items; }
  // Distinct tokens in the index.
  std::size_t terms() const { return m_terms.size(); }

  // The distinct lower-case tokens of `text` in order of first appearance.
  static std::vector<std::string> tokenize(std::string_view text);

 private:
  std::size_t m_items = 0;
  std::vector<std::string> m_terms;                     // sorted, distinct
  std::vector<std::size_t> m_start;                     // postings of term t: [m_start[t], m_start[t + 1])
  std::vector<std::int32_t> m_postingItem;              // item row
  std::vector<float> m_postingWeight;                   // weight of the field the token came from
  std::unordered_map<std::string, std::int32_t> m_ids;  // lower-case id -> first row with it
  std::vector<std::int64_t> m_popularity;
};

}  // namespace reclens
