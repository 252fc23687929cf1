#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/result.h"
#include "engine/recommendation.h"

namespace reclens {

// Exact nearest neighbours of catalog items by cosine similarity of their embeddings (a model's item
// matrix). Holds the matrix and one inverse norm per row; a query is one pass over the catalog.
// Immutable once made; queries may run on several threads at once.
class SimilarItems {
 public:
  // Takes `embeddings`, row-major [numItems, dim]; the error says when the sizes disagree or a value
  // is not finite.
  static Result<SimilarItems> create(std::vector<float> embeddings, std::size_t numItems, int dim);

  std::size_t numItems() const { return m_numItems; }
  int dim() const { return m_dim; }

  // The `k` items most similar to catalog row `item` (never `item` itself nor any of `exclude`),
  // highest cosine first, equal cosines by lower row; Recommendation::score is the cosine in [-1, 1]
  // and rank runs 1..m. Items with a zero embedding have cosine 0 with everything.
  Result<std::vector<Recommendation>> similarTo(std::int32_t item, int k,
                                                const std::vector<std::int32_t>& exclude = {}) const;
  // The same for an arbitrary vector of dim() values (e.g. a user vector), excluding only `exclude`.
  Result<std::vector<Recommendation>> nearest(const std::vector<float>& vector, int k,
                                              const std::vector<std::int32_t>& exclude = {}) const;
  // Cosine similarity of rows `a` and `b` (0 when either embedding is zero); both must be valid rows.
  float cosine(std::int32_t a, std::int32_t b) const;

 private:
  SimilarItems() = default;
  std::vector<Recommendation> rank(const float* query, float queryInverseNorm, int k,
                                   const std::vector<std::int32_t>& exclude) const;

  std::vector<float> m_embeddings;
  std::vector<float> m_inverseNorm;  // 1 / |row|, 0 for a zero row
  std::size_t m_numItems = 0;
  int m_dim = 0;
};

}  // namespace reclens
