#include "model/negativesampler.h"

#include <algorithm>

namespace reclens {

NegativeSampler::NegativeSampler(const UserHistories& train, std::int64_t numItems, std::uint64_t seed)
    : m_train(train), m_numItems(numItems), m_rng(seed) {}

std::int64_t NegativeSampler::sampleNegative(std::int64_t user) {
  const auto begin = m_train.item.begin() + m_train.start[static_cast<std::size_t>(user)];
  const auto end = m_train.item.begin() + m_train.start[static_cast<std::size_t>(user) + 1];
  // Distributions from the standard library differ between implementations; a plain modulo of the
  // 64-bit engine keeps files reproducible everywhere (the bias is negligible for catalog sizes).
  std::int64_t item = 0;
  // Rejection sampling; a user owning nearly the whole catalog falls back after a bounded number of tries.
  for (int attempt = 0; attempt < 64; ++attempt) {
    item = static_cast<std::int64_t>(m_rng() % static_cast<std::uint64_t>(m_numItems));
    if (!std::binary_search(begin, end, item)) return item;
  }
  return item;
}

NegativeSampler::Triplets NegativeSampler::epoch(int negatives) {
  const std::size_t perPositive = static_cast<std::size_t>(std::max(1, negatives));
  std::vector<std::size_t> order(m_train.item.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Fisher-Yates with the engine directly, for the same reason as above.
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[m_rng() % i]);

  std::vector<std::int64_t> owner(m_train.item.size());
  for (std::size_t u = 0; u < m_train.users(); ++u) {
    for (auto e = m_train.start[u]; e < m_train.start[u + 1]; ++e) owner[static_cast<std::size_t>(e)] = static_cast<std::int64_t>(u);
  }
  Triplets t;
  t.users.reserve(order.size() * perPositive);
  t.positives.reserve(order.size() * perPositive);
  t.negatives.reserve(order.size() * perPositive);
  for (const auto e : order) {
    for (std::size_t n = 0; n < perPositive; ++n) {
      t.users.push_back(owner[e]);
      t.positives.push_back(m_train.item[e]);
      t.negatives.push_back(sampleNegative(owner[e]));
    }
  }
  return t;
}

}  // namespace reclens
