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
  // What drives a user's picks (the hidden truth behind their interactions): the category interest
  // mix before and after the drift switch (each sums to 1 before the drift cohort's addition), the
  // preferred and second latent style, two favourite brands, and whether the user's region picks at random.
  struct Taste {
    bool noisy = false;
    int primaryStyle = 0;
    int secondaryStyle = 0;
    int brands[2] = {0, 0};
    std::vector<double> before;
    std::vector<double> after;
  };
  // Picks from a user's session category: the style cell, a favourite brand, or the category by
  // popularity (the rest), and inside the cell the primary style's share.
  static constexpr double kCellShare = 0.6;
  static constexpr double kBrandShare = 0.2;
  static constexpr double kPrimaryStyle = 0.75;

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
  // The user's taste, exactly as sample() draws it.
  Taste taste(std::int32_t user) const;

 private:
  void drawTaste(std::int32_t user, GeneratorRng& rng, Taste& taste) const;
  std::int32_t pickItem(const Taste& taste, int category, std::int64_t ts, GeneratorRng& rng);
  bool insertSeen(std::int32_t item);
  int drawCategory(const std::vector<double>& weights, GeneratorRng& rng) const;

  const SyntheticWorld& m_world;
  std::vector<std::int32_t> m_seen;  // open-addressing set of the user's items (-1 = empty)
  std::uint32_t m_seenMask = 0;
  Taste m_taste;
  std::vector<std::int32_t> m_sessionSizes;
  std::vector<std::int64_t> m_sessionStarts;
};

}  // namespace reclens
