#include "engine/similaritems.h"

#include <cmath>
#include <string>

#include "engine/topk.h"

namespace reclens {

namespace {

// Eight independent partial sums let the compiler keep the products in vector registers.
float dot(const float* a, const float* b, int n) {
  float s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    for (int j = 0; j < 8; ++j) s[j] += a[i + j] * b[i + j];
  }
  float total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  for (; i < n; ++i) total += a[i] * b[i];
  return total;
}

float inverseNorm(const float* v, int n) {
  const double norm = std::sqrt(static_cast<double>(dot(v, v, n)));
  return norm > 0.0 ? static_cast<float>(1.0 / norm) : 0.0f;
}

}  // namespace

Result<SimilarItems> SimilarItems::create(std::vector<float> embeddings, std::size_t numItems, int dim) {
  if (dim <= 0 || embeddings.size() != numItems * static_cast<std::size_t>(dim)) {
    return makeError(ErrorCode::InvalidArgument, "the item matrix does not have " + std::to_string(numItems) +
                                                     " x " + std::to_string(dim) + " values");
  }
  for (std::size_t i = 0; i < embeddings.size(); ++i) {
    if (!std::isfinite(embeddings[i])) {
      return makeError(ErrorCode::InvalidArgument, "the embedding of item row " +
                                                       std::to_string(i / static_cast<std::size_t>(dim)) +
                                                       " holds a value that is not finite");
    }
  }
  SimilarItems s;
  s.m_embeddings = std::move(embeddings);
  s.m_numItems = numItems;
  s.m_dim = dim;
  s.m_inverseNorm.resize(numItems);
  for (std::size_t r = 0; r < numItems; ++r)
    s.m_inverseNorm[r] = inverseNorm(s.m_embeddings.data() + r * static_cast<std::size_t>(dim), dim);
  return s;
}

float SimilarItems::cosine(std::int32_t a, std::int32_t b) const {
  const auto d = static_cast<std::size_t>(m_dim);
  const auto ra = static_cast<std::size_t>(a);
  const auto rb = static_cast<std::size_t>(b);
  return dot(m_embeddings.data() + ra * d, m_embeddings.data() + rb * d, m_dim) * m_inverseNorm[ra] *
         m_inverseNorm[rb];
}

Result<std::vector<Recommendation>> SimilarItems::similarTo(std::int32_t item, int k,
                                                            const std::vector<std::int32_t>& exclude) const {
  if (item < 0 || static_cast<std::size_t>(item) >= m_numItems) {
    return makeError(ErrorCode::NotFound, "item row " + std::to_string(item) + " is outside the catalog of " +
                                              std::to_string(m_numItems) + " items");
  }
  if (k < 0) return makeError(ErrorCode::InvalidArgument, "k must not be negative");
  std::vector<std::int32_t> skip = exclude;
  skip.push_back(item);
  const auto row = static_cast<std::size_t>(item) * static_cast<std::size_t>(m_dim);
  return rank(m_embeddings.data() + row, m_inverseNorm[static_cast<std::size_t>(item)], k, skip);
}

Result<std::vector<Recommendation>> SimilarItems::nearest(const std::vector<float>& vector, int k,
                                                          const std::vector<std::int32_t>& exclude) const {
  if (static_cast<int>(vector.size()) != m_dim) {
    return makeError(ErrorCode::InvalidArgument, "the vector has " + std::to_string(vector.size()) +
                                                     " values, the embeddings have " + std::to_string(m_dim));
  }
  if (k < 0) return makeError(ErrorCode::InvalidArgument, "k must not be negative");
  return rank(vector.data(), inverseNorm(vector.data(), m_dim), k, exclude);
}

std::vector<Recommendation> SimilarItems::rank(const float* query, float queryInverseNorm, int k,
                                               const std::vector<std::int32_t>& exclude) const {
  std::vector<float> cosines(m_numItems);
  const auto d = static_cast<std::size_t>(m_dim);
  for (std::size_t r = 0; r < m_numItems; ++r)
    cosines[r] = dot(query, m_embeddings.data() + r * d, m_dim) * m_inverseNorm[r] * queryInverseNorm;
  for (const auto e : exclude) {
    if (e >= 0 && static_cast<std::size_t>(e) < m_numItems) cosines[static_cast<std::size_t>(e)] = -INFINITY;
  }
  std::vector<Recommendation> out;
  selectTopK(cosines.data(), m_numItems, k, out);
  return out;
}

}  // namespace reclens
