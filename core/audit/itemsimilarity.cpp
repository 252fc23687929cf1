#include "audit/itemsimilarity.h"

#include <algorithm>
#include <cmath>

namespace reclens {

namespace {
// Co-occurrence counts kept for reuse; the cache starts over when it holds this many pairs.
constexpr std::size_t kMaxCachedPairs = std::size_t{1} << 20;
}  // namespace

ItemSimilarity ItemSimilarity::fromEmbeddings(const float* rows, std::size_t numItems, int dim) {
  ItemSimilarity s;
  s.m_numItems = numItems;
  s.m_rows = rows;
  s.m_dim = std::max(dim, 0);
  s.m_inverseNorm.assign(numItems, 0.0);
  const auto d = static_cast<std::size_t>(s.m_dim);
  for (std::size_t i = 0; i < numItems; ++i) {
    double norm = 0.0;
    for (std::size_t j = 0; j < d; ++j) norm += double(rows[i * d + j]) * double(rows[i * d + j]);
    s.m_inverseNorm[i] = norm > 0.0 ? 1.0 / std::sqrt(norm) : 0.0;
  }
  return s;
}

ItemSimilarity ItemSimilarity::fromCooccurrence(const std::vector<std::vector<std::int32_t>>& userItems,
                                                std::size_t numItems) {
  ItemSimilarity s;
  s.m_numItems = numItems;
  s.m_start.assign(numItems + 1, 0);
  const auto valid = [numItems](std::int32_t item) {
    return item >= 0 && static_cast<std::size_t>(item) < numItems;
  };
  for (const auto& items : userItems) {
    for (const auto item : items) {
      if (valid(item)) ++s.m_start[static_cast<std::size_t>(item) + 1];
    }
  }
  for (std::size_t i = 0; i < numItems; ++i) s.m_start[i + 1] += s.m_start[i];
  s.m_users.resize(s.m_start.back());
  auto next = s.m_start;
  // Users are visited in ascending order, so each item's user list comes out sorted.
  for (std::size_t u = 0; u < userItems.size(); ++u) {
    for (const auto item : userItems[u]) {
      if (valid(item)) s.m_users[next[static_cast<std::size_t>(item)]++] = static_cast<std::int32_t>(u);
    }
  }
  return s;
}

std::int64_t ItemSimilarity::sharedUsers(std::int32_t a, std::int32_t b) const {
  if (a > b) std::swap(a, b);
  const auto key =
      (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) | static_cast<std::uint32_t>(b);
  if (const auto it = m_shared.find(key); it != m_shared.end()) return it->second;
  const auto* pa = m_users.data() + m_start[static_cast<std::size_t>(a)];
  const auto* ea = m_users.data() + m_start[static_cast<std::size_t>(a) + 1];
  const auto* pb = m_users.data() + m_start[static_cast<std::size_t>(b)];
  const auto* eb = m_users.data() + m_start[static_cast<std::size_t>(b) + 1];
  if (ea - pa > eb - pb) {
    std::swap(pa, pb);
    std::swap(ea, eb);
  }
  std::int64_t shared = 0;
  if ((eb - pb) > 16 * (ea - pa)) {
    // Very different sizes: look each user of the short list up in the long one.
    for (; pa != ea && pb != eb; ++pa) {
      pb = std::lower_bound(pb, eb, *pa);
      if (pb != eb && *pb == *pa) ++shared;
    }
  } else {
    while (pa != ea && pb != eb) {
      if (*pa < *pb) {
        ++pa;
      } else if (*pb < *pa) {
        ++pb;
      } else {
        ++shared;
        ++pa;
        ++pb;
      }
    }
  }
  if (m_shared.size() >= kMaxCachedPairs) m_shared.clear();
  m_shared.emplace(key, shared);
  return shared;
}

double ItemSimilarity::cosine(std::int32_t a, std::int32_t b) const {
  if (a < 0 || b < 0 || static_cast<std::size_t>(a) >= m_numItems ||
      static_cast<std::size_t>(b) >= m_numItems)
    return 0.0;
  const auto ia = static_cast<std::size_t>(a);
  const auto ib = static_cast<std::size_t>(b);
  if (m_rows != nullptr) {
    const auto d = static_cast<std::size_t>(m_dim);
    const float* ra = m_rows + ia * d;
    const float* rb = m_rows + ib * d;
    double dot = 0.0;
    for (std::size_t j = 0; j < d; ++j) dot += double(ra[j]) * double(rb[j]);
    return dot * m_inverseNorm[ia] * m_inverseNorm[ib];
  }
  const auto usersA = m_start[ia + 1] - m_start[ia];
  const auto usersB = m_start[ib + 1] - m_start[ib];
  if (usersA == 0 || usersB == 0) return 0.0;
  return double(sharedUsers(a, b)) / std::sqrt(double(usersA) * double(usersB));
}

double ItemSimilarity::intraListDiversity(const std::vector<Recommendation>& list, std::size_t k) const {
  const auto depth = std::min(k, list.size());
  if (depth < 2) return 0.0;
  double sum = 0.0;
  for (std::size_t x = 0; x < depth; ++x) {
    for (std::size_t y = x + 1; y < depth; ++y) sum += cosine(list[x].item, list[y].item);
  }
  const double pairs = double(depth) * double(depth - 1) / 2.0;
  return 1.0 - sum / pairs;
}

}  // namespace reclens
