#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace reclens {

// Popularity tier of a catalog item; see popularityTiers() for the rule.
enum class PopularityTier : std::uint8_t { Head, Mid, Tail };

// Cumulative interaction shares that end the head and the mid tier.
inline constexpr double kHeadTierShare = 0.80;
inline constexpr double kMidTierShare = 0.95;

// The one popularity-tier rule of RecLens. Items are walked from most to least interactions (ties to
// the lower row); an item is head while the interactions before it hold less than 80% of all, mid
// while they hold less than 95%, tail otherwise; items with no interactions are always tail.
// Guarantees one tier per entry of `counts` (all tail when the counts sum to zero).
std::vector<PopularityTier> popularityTiers(const std::vector<std::int64_t>& counts);

}  // namespace reclens
