#include <algorithm>
#include <numeric>
#include <random>

#include "explain/background.h"

namespace reclens {

Result<std::vector<UserBackground>> sampleUserBackgrounds(
    const ModelFile& model, std::size_t count, const std::function<UserProfile(std::size_t)>& profileOf,
    std::size_t k, std::uint64_t seed, const TaskControl& control) {
  if (k == 0) return makeError(ErrorCode::InvalidArgument, "the sample of background users is empty");
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<UserBackground> out;
  for (const auto i : order) {
    if (out.size() == k) break;
    if (control.cancelled())
      return makeError(ErrorCode::Cancelled, "sampling the background users was cancelled");
    control.report(double(out.size()) / double(k), "sampling background users");
    const auto profile = profileOf(i);
    double total = 0.0;
    for (const auto w : profile.weights) total += w;
    if (!(total > 0.0)) continue;
    auto one = computeUserBackground(model, 1, [&profile](std::size_t) { return profile; });
    if (!one) return one.error();
    out.push_back(std::move(one).value());
  }
  if (out.empty()) return makeError(ErrorCode::Empty, "no user with a history to sample as a background");
  return out;
}

}  // namespace reclens
