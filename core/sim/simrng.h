#pragma once
#include <cmath>
#include <cstdint>

namespace reclens::sim {

// Counter-based random numbers: every draw is a hash of (seed, stream, round, a, b), so a draw does
// not depend on how many came before it. Policies run side by side on the same numbers (common random
// numbers): user u's response to item i in round t is the same draw whichever policy showed it.
enum class Stream : std::uint64_t {
  Users = 1,       // which users take part in a round
  Examine = 2,     // a = user, b = rank: does the user look at that slot (position-based model)
  Attract = 3,     // a = user, b = item: does the user take the item once they look at it
  Explore = 4,     // a = user, b = slot: epsilon-greedy's coin
  RandomItem = 5,  // a = user, b = slot/attempt: uniformly drawn items
  Thompson = 6,    // a = user, b = dimension: the posterior sample
};

inline std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

inline std::uint64_t drawBits(std::uint64_t seed, Stream stream, std::uint64_t round, std::uint64_t a,
                              std::uint64_t b) {
  std::uint64_t h = mix64(seed ^ (static_cast<std::uint64_t>(stream) << 56));
  h = mix64(h ^ round);
  h = mix64(h ^ a);
  return mix64(h ^ b);
}

// Uniform in [0, 1).
inline double drawUniform(std::uint64_t seed, Stream stream, std::uint64_t round, std::uint64_t a,
                          std::uint64_t b) {
  return static_cast<double>(drawBits(seed, stream, round, a, b) >> 11) * 0x1.0p-53;
}

// Standard normal (Box-Muller over two independent uniforms of the same key).
inline double drawNormal(std::uint64_t seed, Stream stream, std::uint64_t round, std::uint64_t a,
                         std::uint64_t b) {
  const double u1 = 1.0 - drawUniform(seed, stream, round, a, 2 * b);
  const double u2 = drawUniform(seed, stream, round, a, 2 * b + 1);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

}  // namespace reclens::sim
