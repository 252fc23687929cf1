#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/generatorrng.h"

namespace reclens {

class SyntheticWorld;

// One generated interaction of a known user.
struct GeneratedEvent {
  std::int32_t item = 0;
  std::int64_t ts = 0;
  std::uint8_t kind = 0;
};

// Derives one user's time-stamped sessions from a SyntheticWorld: an interest mix over 1-3
// favourite categories (tilted by region and gender, shifted for the drift cohort), a preferred
// latent style tied to the age band, two favourite brands, and popularity inside those. Repeats of
// the same item are avoided. Keeps only per-user scratch memory.
class SessionSampler {
 public:
  static constexpr std::uint8_t kView = 0;
  static constexpr std::uint8_t kCart = 1;
  static constexpr std::uint8_t kPurchase = 2;
  // Interaction kind names, indexed by kind: "view", "cart", "purchase".
  static const std::vector<std::string>& kindNames();
  // Weight of a kind: view 1, cart 2, purchase 4.
  static float kindWeight(std::uint8_t kind);

  explicit SessionSampler(const SyntheticWorld& world);

  // Replaces `out` with the user's interactions in time order; the same user always gives the same events.
  void sample(std::int32_t user, std::vector<GeneratedEvent>& out);

 private:
  struct Taste;
  std::int32_t pickItem(const Taste& taste, int category, std::int64_t ts, GeneratorRng& rng);
  bool insertSeen(std::int32_t item);
  int drawCategory(const std::vector<double>& weights, GeneratorRng& rng) const;

  const SyntheticWorld& m_world;
  std::vector<std::int32_t> m_seen;  // open-addressing set of the user's items (-1 = empty)
  std::uint32_t m_seenMask = 0;
  std::vector<double> m_prior;
  std::vector<double> m_before;
  std::vector<double> m_after;
  std::vector<std::int32_t> m_sessionSizes;
  std::vector<std::int64_t> m_sessionStarts;
};

}  // namespace reclens
