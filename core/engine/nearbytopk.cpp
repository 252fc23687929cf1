#include "engine/nearbytopk.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "engine/topk.h"

namespace reclens {

namespace {

// True when a ranks before b: higher score first, equal scores by lower row (as selectTopK).
bool before(const Recommendation& a, const Recommendation& b) {
  return a.score > b.score || (a.score == b.score && a.item < b.item);
}

double norm(const std::vector<float>& v) {
  double s = 0.0;
  for (const float x : v) s += double(x) * double(x);
  return std::sqrt(s);
}

// A vector farther than this share of |u0| from u0 is ranked by a full pass: its bound would let
// most of the catalog through.
constexpr double kMaxRelativeDistance = 0.5;

// Rows visited in score order beyond which a full pass is cheaper: a visit fetches each row at random,
// a full pass streams the matrix (measured with `reclens-cli bench whatif`).
constexpr std::size_t kMostVisits = 2048;

}  // namespace

void NearbyTopK::setItems(const float* items, std::size_t n, int dim, const float* norms) {
  clear();
  m_items = items;
  m_n = n;
  m_dim = dim;
  m_norms = norms;
  m_maxNorm = 0.0f;
  for (std::size_t i = 0; i < n; ++i) m_maxNorm = std::max(m_maxNorm, norms[i]);
}

void NearbyTopK::clear() {
  m_valid = false;
  m_sorted = false;
  m_sortable = true;
  m_answered = 0;
  m_cheap = false;
  m_order.clear();
}

void NearbyTopK::remember(const std::vector<float>& userVector, std::vector<float>& scores,
                          const std::vector<std::int32_t>& excluded, const std::vector<Recommendation>& top) {
  clear();
  if (m_items == nullptr || scores.size() != m_n || userVector.size() != static_cast<std::size_t>(m_dim))
    return;
  m_user = userVector;
  m_userNorm = norm(userVector);
  m_scores.swap(scores);
  for (const auto row : excluded) {
    if (row >= 0 && static_cast<std::size_t>(row) < m_n)
      m_scores[static_cast<std::size_t>(row)] = exactScore(static_cast<std::size_t>(row), m_user);
  }
  m_top.clear();
  for (const auto& r : top) m_top.push_back(r.item);
  m_valid = std::isfinite(m_userNorm);
}

double NearbyTopK::distance(const std::vector<float>& userVector) const {
  if (!m_valid || userVector.size() != m_user.size()) return INFINITY;
  double r2 = 0.0;
  for (std::size_t i = 0; i < userVector.size(); ++i) {
    const double d = double(userVector[i]) - double(m_user[i]);
    r2 += d * d;
  }
  return std::sqrt(r2);
}

float NearbyTopK::exactScore(std::size_t row, const std::vector<float>& u) const {
  const float* v = m_items + row * static_cast<std::size_t>(m_dim);
  const float* w = u.data();
  // Four running sums in double, so that the products overlap.
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  int i = 0;
  for (; i + 4 <= m_dim; i += 4) {
    s0 += double(v[i]) * double(w[i]);
    s1 += double(v[i + 1]) * double(w[i + 1]);
    s2 += double(v[i + 2]) * double(w[i + 2]);
    s3 += double(v[i + 3]) * double(w[i + 3]);
  }
  for (; i < m_dim; ++i) s0 += double(v[i]) * double(w[i]);
  return static_cast<float>((s0 + s1) + (s2 + s3));
}

bool NearbyTopK::excluded(std::int32_t row) const {
  return std::binary_search(m_sortedExclude.begin(), m_sortedExclude.end(), row);
}

void NearbyTopK::sortRemembered() {
  m_sorted = true;
  for (const float s : m_scores) {
    if (!std::isfinite(s)) {
      m_sortable = false;  // no order to rely on: later queries make one pass each
      return;
    }
  }
  // The best eighth of the catalog (at least 4096 rows) in order; the bound on the rest is the best
  // score left out.
  const std::size_t part = std::min(m_n, std::max<std::size_t>(4096, m_n / 8));
  m_order.resize(m_n);
  for (std::size_t i = 0; i < m_n; ++i) m_order[i] = static_cast<std::int32_t>(i);
  const auto higher = [this](std::int32_t a, std::int32_t b) {
    const float sa = m_scores[static_cast<std::size_t>(a)], sb = m_scores[static_cast<std::size_t>(b)];
    return sa > sb || (sa == sb && a < b);
  };
  if (part < m_n) {
    std::nth_element(m_order.begin(), m_order.begin() + static_cast<std::ptrdiff_t>(part), m_order.end(),
                     higher);
    m_restBound = m_scores[static_cast<std::size_t>(m_order[part])];
    for (std::size_t i = part + 1; i < m_n; ++i)
      m_restBound = std::max(m_restBound, m_scores[static_cast<std::size_t>(m_order[i])]);
  } else {
    m_restBound = -INFINITY;
  }
  m_order.resize(part);
  std::sort(m_order.begin(), m_order.end(), higher);
  // The visit reads s0 and the norms in this order: keep them side by side.
  m_sortedScores.resize(part);
  m_sortedNorms.resize(part);
  for (std::size_t p = 0; p < part; ++p) {
    m_sortedScores[p] = m_scores[static_cast<std::size_t>(m_order[p])];
    m_sortedNorms[p] = m_norms[static_cast<std::size_t>(m_order[p])];
  }
}

// Visits the sorted rows best first into `heap` (front: the worst kept entry) until no row left can
// reach its k-th best.
bool NearbyTopK::bySortedScores(const std::vector<float>& u, std::size_t k, double reach, double slack,
                                std::vector<Recommendation>& heap, Stats& st) const {
  const double globalReach = double(m_maxNorm) * reach;
  const std::size_t part = m_order.size();
  // The visit settles about where s0 falls a reach below the k-th best s0; when that is deep, scoring
  // the whole catalog (one streaming pass) is cheaper than visiting rows at random.
  if (part > k) {
    const double target = double(m_sortedScores[k - 1]) - globalReach;
    const auto depth =
        static_cast<std::size_t>(std::partition_point(m_sortedScores.begin(), m_sortedScores.end(),
                                                      [target](float s0) { return double(s0) >= target; }) -
                                 m_sortedScores.begin());
    if (depth > std::max<std::size_t>(k, kMostVisits)) return false;
  }
  constexpr std::size_t kAhead = 8;  // rows fetched ahead of the visit
  for (std::size_t p = 0; p < part; ++p) {
    if (p + kAhead < part)
      __builtin_prefetch(m_items +
                         static_cast<std::size_t>(m_order[p + kAhead]) * static_cast<std::size_t>(m_dim));
    const auto row = m_order[p];
    const double s0 = m_sortedScores[p];
    const bool full = heap.size() == k;
    const double threshold = full ? double(heap.front().score) - slack : -INFINITY;
    if (full && s0 + globalReach < threshold) return true;  // every row after this one has s0 at most this
    if (excluded(row)) continue;
    if (full && s0 + double(m_sortedNorms[p]) * reach < threshold) continue;
    const Recommendation rec{row, exactScore(static_cast<std::size_t>(row), u), 0};
    ++st.scored;
    if (!full) {
      heap.push_back(rec);
      std::push_heap(heap.begin(), heap.end(), before);
    } else if (before(rec, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), before);
      heap.back() = rec;
      std::push_heap(heap.begin(), heap.end(), before);
    }
  }
  // The sorted part is used up: the rows outside it score at most m_restBound + |v|·reach.
  if (m_order.size() == m_n) return true;
  return heap.size() == k && double(m_restBound) + globalReach < double(heap.front().score) - slack;
}

// The remembered top list scored anew gives a floor for the k-th best; one pass keeps the rows whose
// bound reaches it, and selectTopK ranks their exact scores.
bool NearbyTopK::byOnePass(const std::vector<float>& u, std::size_t k, double reach, double slack,
                           std::vector<Recommendation>& out, Stats& st) {
  m_compact.clear();
  for (const auto row : m_top) {
    if (!excluded(row)) m_compact.push_back(exactScore(static_cast<std::size_t>(row), u));
  }
  st.scored += m_compact.size();
  if (m_compact.size() < k) return false;
  std::nth_element(m_compact.begin(), m_compact.begin() + static_cast<std::ptrdiff_t>(k - 1), m_compact.end(),
                   [](float a, float b) { return a > b; });
  const double floor = double(m_compact[k - 1]) - slack;
  // More rows than this and a full pass is cheaper.
  const std::size_t most = m_n / 8;
  m_rows.clear();
  for (std::size_t i = 0; i < m_n; ++i) {
    if (double(m_scores[i]) + double(m_norms[i]) * reach >= floor) {
      m_rows.push_back(static_cast<std::int32_t>(i));
      if (m_rows.size() > most) return false;
    }
  }
  m_compact.clear();
  for (const auto row : m_rows)
    m_compact.push_back(excluded(row) ? -INFINITY : exactScore(static_cast<std::size_t>(row), u));
  st.scored += m_rows.size();
  selectTopK(m_compact.data(), m_compact.size(), static_cast<int>(k), out);
  for (auto& r : out)
    r.item = m_rows[static_cast<std::size_t>(r.item)];  // rows ascend: ties as in a full pass
  return true;
}

bool NearbyTopK::topK(const std::vector<float>& userVector, int k, const std::vector<std::int32_t>& exclude,
                      std::vector<Recommendation>& out, Stats* stats) {
  Stats local;
  Stats& st = stats != nullptr ? *stats : local;
  st = {};
  if (!m_valid || k <= 0 || userVector.size() != static_cast<std::size_t>(m_dim)) return false;
  const double r = distance(userVector), uNorm = norm(userVector);
  if (!(r <= kMaxRelativeDistance * m_userNorm) || !std::isfinite(uNorm)) return false;
  // Rounding allowance: a float dot product of `dim` terms is off by at most about dim·eps·|v|·|u|.
  const double eps = 2.0 * m_dim * FLT_EPSILON;
  const double reach = r + eps * (m_userNorm + uNorm);   // |s_new − s0| ≤ |v|·reach
  const double slack = eps * double(m_maxNorm) * uNorm;  // on the k-th best exact score
  m_sortedExclude = exclude;
  std::sort(m_sortedExclude.begin(), m_sortedExclude.end());
  const auto want = static_cast<std::size_t>(k);
  // Scores that answered a query cheaply are likely to answer more (edits of one profile): sort them
  // once. A query that needed many rows would need as many from the sorted part, so it does not pay.
  if (m_answered > 0 && m_cheap && !m_sorted) {
    sortRemembered();
    st.sortedNow = m_sortable;
  }
  bool settled = false;
  if (m_sorted && m_sortable) {
    std::vector<Recommendation> heap;
    heap.reserve(want);
    settled = bySortedScores(userVector, want, reach, slack, heap, st);
    if (settled) {
      std::sort_heap(heap.begin(), heap.end(), before);
      for (std::size_t p = 0; p < heap.size(); ++p) heap[p].rank = static_cast<int>(p) + 1;
      out = std::move(heap);
    }
  } else {
    std::vector<Recommendation> list;
    settled = byOnePass(userVector, want, reach, slack, list, st);
    if (settled) out = std::move(list);
    m_cheap = settled && st.scored <= std::max<std::size_t>(1024, m_n / 64);
  }
  if (!settled) {
    st.fellBack = true;
    return false;
  }
  ++m_answered;
  return true;
}

}  // namespace reclens
