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
  // Users in a seeded random order, each with its train entries shuffled (Fisher-Yates with the
  // engine directly, for the same reason as above). Keeping a user's triplets together means a batch
  // touches few distinct users, so pooling their histories costs about as much as the batch itself.
  std::vector<std::size_t> users(m_train.users());
  for (std::size_t u = 0; u < users.size(); ++u) users[u] = u;
  for (std::size_t i = users.size(); i > 1; --i) std::swap(users[i - 1], users[m_rng() % i]);

  Triplets t;
  const std::size_t size = m_train.item.size() * perPositive;
  t.users.reserve(size);
  t.positives.reserve(size);
  t.negatives.reserve(size);
  std::vector<std::size_t> entries;
  for (const auto u : users) {
    entries.clear();
    for (auto e = m_train.start[u]; e < m_train.start[u + 1]; ++e)
      entries.push_back(static_cast<std::size_t>(e));
    for (std::size_t i = entries.size(); i > 1; --i) std::swap(entries[i - 1], entries[m_rng() % i]);
    for (const auto e : entries) {
      for (std::size_t n = 0; n < perPositive; ++n) {
        t.users.push_back(static_cast<std::int32_t>(u));
        t.positives.push_back(static_cast<std::int32_t>(m_train.item[e]));
        t.negatives.push_back(static_cast<std::int32_t>(sampleNegative(static_cast<std::int64_t>(u))));
      }
    }
  }
  return t;
}

}  // namespace reclens
