#include "engine/topk.h"

#include <algorithm>
#include <cmath>

namespace reclens {

namespace {
// True when a ranks before b.
bool before(const Recommendation& a, const Recommendation& b) {
  return a.score > b.score || (a.score == b.score && a.item < b.item);
}
}  // namespace

void selectTopK(const float* scores, std::size_t n, int k, std::vector<Recommendation>& out) {
  out.clear();
  if (k <= 0) return;
  const auto want = static_cast<std::size_t>(k);
  // A heap whose front is the worst kept entry; a later index never beats an equal score because
  // items arrive in index order, so the hot loop is a single comparison against the threshold.
  std::size_t i = 0;
  for (; i < n && out.size() < want; ++i) {
    const float s = scores[i];
    if (!(s > -INFINITY)) continue;
    out.push_back({static_cast<std::int32_t>(i), s, 0});
    std::push_heap(out.begin(), out.end(), before);
  }
  if (out.size() == want) {
    float threshold = out.front().score;
    for (; i < n; ++i) {
      const float s = scores[i];
      if (!(s > threshold)) continue;
      std::pop_heap(out.begin(), out.end(), before);
      out.back() = {static_cast<std::int32_t>(i), s, 0};
      std::push_heap(out.begin(), out.end(), before);
      threshold = out.front().score;
    }
  }
  std::sort_heap(out.begin(), out.end(), before);
  for (std::size_t r = 0; r < out.size(); ++r) out[r].rank = static_cast<int>(r) + 1;
}

}  // namespace reclens
