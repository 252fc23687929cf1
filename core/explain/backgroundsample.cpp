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

std::vector<std::int32_t> usersSharingValue(const UserTable& users, int field, std::int32_t user) {
  if (field < 0 || static_cast<std::size_t>(field) >= users.fields.size() || user < 0) return {};
  const auto& codes = users.fields[static_cast<std::size_t>(field)].codes();
  if (static_cast<std::size_t>(user) >= codes.size()) return {};
  const auto code = codes[static_cast<std::size_t>(user)];
  std::vector<std::int32_t> out;
  for (std::size_t u = 0; u < codes.size(); ++u)
    if (codes[u] == code) out.push_back(static_cast<std::int32_t>(u));
  return out;
}

}  // namespace reclens
