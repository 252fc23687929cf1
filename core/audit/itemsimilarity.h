#pragma once
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "engine/recommendation.h"

namespace reclens {

// Cosine similarity between catalog items, for intra-list diversity (docs/metrics.md): either from item
// embeddings, or from train co-occurrence as Microsoft Recommenders' item_cooccurrence_count measure
// (users having both / √(users of a · users of b)). Not safe to share between threads (co-occurrence
// results are cached).
class ItemSimilarity {
 public:
  // From row-major embeddings [numItems, dim]; `rows` must outlive this object. A zero row has
  // similarity 0 to everything.
  static ItemSimilarity fromEmbeddings(const float* rows, std::size_t numItems, int dim);
  // From each user's distinct train items (any order; rows outside [0, numItems) are ignored).
  static ItemSimilarity fromCooccurrence(const std::vector<std::vector<std::int32_t>>& userItems,
                                         std::size_t numItems);

  std::size_t numItems() const { return m_numItems; }
  // Cosine of items a and b; 0 for rows outside the catalog.
  double cosine(std::int32_t a, std::int32_t b) const;
  // 1 − the mean cosine over the pairs of the first `k` listed items (Microsoft Recommenders
  // diversity of one user); 0 with fewer than two items.
  double intraListDiversity(const std::vector<Recommendation>& list, std::size_t k) const;

 private:
  ItemSimilarity() = default;
  std::int64_t sharedUsers(std::int32_t a, std::int32_t b) const;

  std::size_t m_numItems = 0;
  // Embeddings.
  const float* m_rows = nullptr;
  int m_dim = 0;
  std::vector<double> m_inverseNorm;
  // Co-occurrence: users of item i are m_users[m_start[i] .. m_start[i+1]), ascending.
  std::vector<std::size_t> m_start;
  std::vector<std::int32_t> m_users;
  mutable std::unordered_map<std::uint64_t, std::int64_t> m_shared;
};

}  // namespace reclens
