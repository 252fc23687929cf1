#include "data/sessionsampler.h"

#include <algorithm>
#include <cmath>

#include "data/syntheticworld.h"

namespace reclens {

namespace {
constexpr double kFavouriteMass = 0.85;  // the rest of a user's interest is spread by category share
constexpr double kSessionStop = 0.3;     // sessions hold 1 + Geometric(0.3) events: 3.3 on average
constexpr int kAttempts = 16;

void normalize(std::vector<double>& w) {
  double s = 0.0;
  for (double x : w) s += x;
  if (s > 0.0) {
    for (double& x : w) x /= s;
  }
}
}  // namespace

const std::vector<std::string>& SessionSampler::kindNames() {
  static const std::vector<std::string> kNames = {"view", "cart", "purchase"};
  return kNames;
}

float SessionSampler::kindWeight(std::uint8_t kind) {
  return kind == kPurchase ? 4.0f : kind == kCart ? 2.0f : 1.0f;
}

SessionSampler::SessionSampler(const SyntheticWorld& world) : m_world(world) {}

int SessionSampler::drawCategory(const std::vector<double>& weights, GeneratorRng& rng) const {
  double total = 0.0;
  for (double w : weights) total += w;
  double u = rng.uniform() * total;
  for (std::size_t c = 0; c < weights.size(); ++c) {
    if (u < weights[c]) return static_cast<int>(c);
    u -= weights[c];
  }
  // Rounding left u at the end: the last category with any weight.
  for (std::size_t c = weights.size(); c-- > 0;) {
    if (weights[c] > 0.0) return static_cast<int>(c);
  }
  return 0;
}

bool SessionSampler::insertSeen(std::int32_t item) {
  auto slot = (static_cast<std::uint32_t>(item) * 0x9E3779B1u) & m_seenMask;
  while (m_seen[slot] != -1) {
    if (m_seen[slot] == item) return false;
    slot = (slot + 1) & m_seenMask;
  }
  m_seen[slot] = item;
  return true;
}

std::int32_t SessionSampler::pickItem(const Taste& taste, int category, std::int64_t ts, GeneratorRng& rng) {
  const auto items = static_cast<std::uint32_t>(m_world.catalog().size());
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    std::int32_t cand = 0;
    if (taste.noisy && rng.chance(SyntheticWorld::kIslandsRandomShare)) {
      cand = static_cast<std::int32_t>(rng.below(items));
    } else {
      const double r = rng.uniform();
      if (r < kCellShare) {
        const int style = rng.chance(kPrimaryStyle) ? taste.primaryStyle : taste.secondaryStyle;
        cand = m_world.sampleInCell(category, style, rng);
      } else if (r < kCellShare + kBrandShare) {
        cand = m_world.sampleInBrand(taste.brands[rng.below(2)], rng);
      } else {
        cand = m_world.sampleInCategory(category, rng);
      }
    }
    if (m_world.itemFirstSeen(cand) > ts) continue;  // not in the shop yet
    // Planted: the shop shows the under-exposed brand only kBrandExposure as often, whatever the source.
    if (m_world.itemBrand(cand) == m_world.underExposedBrand() && !rng.chance(SyntheticWorld::kBrandExposure))
      continue;
    if (insertSeen(cand)) return cand;
  }
  // A user who has used up the popular items of the category browses its long tail.
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const auto cand = m_world.uniformInCategory(category, rng);
    if (m_world.itemFirstSeen(cand) > ts) continue;
    if (m_world.itemBrand(cand) == m_world.underExposedBrand() && !rng.chance(SyntheticWorld::kBrandExposure))
      continue;
    if (insertSeen(cand)) return cand;
  }
  // Every draw was too new or already seen: the category's evergreen item (a rare repeat).
  const auto anchor = m_world.categoryAnchor(category);
  insertSeen(anchor);
  return anchor;
}

void SessionSampler::drawTaste(std::int32_t user, GeneratorRng& rng, Taste& taste) const {
  const int nc = m_world.categoryCount();
  const int region = m_world.userRegion(user);
  const int gender = m_world.userGender(user);
  const int age = m_world.userAgeBand(user);
  const auto& share = m_world.categoryShare();

  // Interest mix: 1-3 favourite categories drawn by share x group taste, plus a little of everything.
  std::vector<double> prior(static_cast<std::size_t>(nc));
  auto& before = taste.before;
  before.assign(static_cast<std::size_t>(nc), 0.0);
  for (int c = 0; c < nc; ++c) {
    prior[static_cast<std::size_t>(c)] =
        share[static_cast<std::size_t>(c)] * m_world.categoryBias(region, gender, c);
  }
  const double u = rng.uniform();
  const int favourites = std::min(nc, u < 0.35 ? 1 : u < 0.75 ? 2 : 3);
  int firstFavourite = 0;
  int lastFavourite = 0;
  double favouriteTotal = 0.0;
  for (int k = 0; k < favourites; ++k) {
    const int c = drawCategory(prior, rng);
    prior[static_cast<std::size_t>(c)] = 0.0;
    const double w = 1.0 + rng.uniform();
    before[static_cast<std::size_t>(c)] += w;
    favouriteTotal += w;
    if (k == 0) firstFavourite = c;
    lastFavourite = c;
  }
  for (int c = 0; c < nc; ++c) {
    auto& w = before[static_cast<std::size_t>(c)];
    w = (kFavouriteMass * w / favouriteTotal + (1.0 - kFavouriteMass) * share[static_cast<std::size_t>(c)]) *
        m_world.categoryBias(region, gender, c);
  }
  normalize(before);
  taste.after = before;
  if (age == m_world.driftCohort()) {
    // Planted drift: extra interest in one category before the switch, in another after it.
    before[static_cast<std::size_t>(m_world.driftFrom())] += SyntheticWorld::kDriftInterest;
    taste.after[static_cast<std::size_t>(m_world.driftTo())] += SyntheticWorld::kDriftInterest;
  }

  taste.noisy = region == m_world.noisyRegion();
  const double centre = age * (SyntheticWorld::kStyles - 1) / 5.0;
  taste.primaryStyle =
      std::clamp(static_cast<int>(std::lround(centre + 0.9 * rng.normal())), 0, SyntheticWorld::kStyles - 1);
  taste.secondaryStyle = static_cast<int>(rng.below(SyntheticWorld::kStyles));
  taste.brands[0] = m_world.itemBrand(m_world.sampleInCategory(firstFavourite, rng));
  taste.brands[1] = m_world.itemBrand(m_world.sampleInCategory(lastFavourite, rng));
}

SessionSampler::Taste SessionSampler::taste(std::int32_t user) const {
  GeneratorRng rng(m_world.userSeed(user));
  Taste out;
  drawTaste(user, rng, out);
  return out;
}

void SessionSampler::sample(std::int32_t user, std::vector<GeneratedEvent>& out) {
  out.clear();
  GeneratorRng rng(m_world.userSeed(user));
  drawTaste(user, rng, m_taste);
  const Taste& taste = m_taste;

  const std::int32_t count = m_world.userInteractionCount(user);
  std::uint32_t capacity = 16;
  while (capacity < 2u * static_cast<std::uint32_t>(count)) capacity <<= 1;
  m_seen.assign(capacity, -1);
  m_seenMask = capacity - 1;

  m_sessionSizes.clear();
  for (std::int32_t left = count; left > 0;) {
    const double g = std::floor(std::log(1.0 - rng.uniform()) / std::log(1.0 - kSessionStop));
    const auto size = static_cast<std::int32_t>(std::min<double>(left, 1.0 + g));
    m_sessionSizes.push_back(size);
    left -= size;
  }
  const std::int64_t start = m_world.config().startTime;
  const auto span = static_cast<double>(m_world.endTime() - start - 7200);
  m_sessionStarts.resize(m_sessionSizes.size());
  for (auto& s : m_sessionStarts) s = start + static_cast<std::int64_t>(rng.uniform() * span);
  std::sort(m_sessionStarts.begin(), m_sessionStarts.end());

  out.reserve(static_cast<std::size_t>(count));
  std::int64_t t = start;
  const std::int64_t switchTime = m_world.driftSwitchTime();
  for (std::size_t s = 0; s < m_sessionSizes.size(); ++s) {
    t = std::max(t + 60, m_sessionStarts[s]);
    const int category = drawCategory(t < switchTime ? taste.before : taste.after, rng);
    for (std::int32_t e = 0; e < m_sessionSizes[s]; ++e) {
      t += 20 + rng.below(580);
      const double k = rng.uniform();
      const std::uint8_t kind = k < 0.7 ? kView : k < 0.9 ? kCart : kPurchase;
      out.push_back({pickItem(taste, category, t, rng), t, kind});
    }
  }
}

}  // namespace reclens
