#pragma once
#include <cmath>
#include <cstdint>

namespace reclens {

// The generator's own pseudo-random source: xoshiro256** seeded through splitmix64. Unlike the
// std:: distributions, every derived draw (uniform, normal, bounded integer) is defined here, so the
// same seed gives the same world with any standard library.
class GeneratorRng {
 public:
  explicit GeneratorRng(std::uint64_t seed) {
    for (auto& s : m_s) s = splitmix64(seed);
  }

  // One step of splitmix64: advances `state` and returns a well-mixed 64-bit value.
  static std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // A seed for sub-stream `index` of `seed` (e.g. one stream per user), independent of the others.
  static std::uint64_t derive(std::uint64_t seed, std::uint64_t index) {
    std::uint64_t state = seed ^ (index * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL);
    splitmix64(state);
    return splitmix64(state);
  }

  // Next raw 64-bit value.
  std::uint64_t next() {
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
  }
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, n) for 0 < n < 2^32 (multiply-shift; the bias is below 2^-32).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }
  // Standard normal draw (Box-Muller, one value per call).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // True with probability p.
  bool chance(double p) { return uniform() < p; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t m_s[4] = {};
};

}  // namespace reclens
