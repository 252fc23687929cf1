#include "sim/simround.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "audit/exposure.h"
#include "engine/rerank.h"
#include "model/historyweight.h"
#include "sim/simrng.h"

namespace reclens::sim::detail {

namespace {

constexpr int kDrawAttempts = 64;

// Draws an item uniformly among those not marked; -1 when the attempts all hit marked items.
std::int32_t drawItem(std::uint64_t seed, int round, std::int32_t user, std::uint64_t slot, std::size_t items,
                      const std::vector<std::uint8_t>& mark) {
  for (int a = 0; a < kDrawAttempts; ++a) {
    const auto bits =
        drawBits(seed, Stream::RandomItem, static_cast<std::uint64_t>(round),
                 static_cast<std::uint64_t>(user), slot * kDrawAttempts + static_cast<std::uint64_t>(a));
    const auto item = static_cast<std::int32_t>(bits % items);
    if (!mark[static_cast<std::size_t>(item)]) return item;
  }
  return -1;
}

void markAll(std::vector<std::uint8_t>& mark, const std::vector<std::int32_t>& items, std::uint8_t value) {
  for (auto i : items) mark[static_cast<std::size_t>(i)] = value;
}

// The best k items of `appeal` among the unmarked ones, best first (ties to the lower row).
std::vector<std::int32_t> bestSlate(const double* appeal, std::size_t items, int k,
                                    const std::vector<std::uint8_t>& mark) {
  std::vector<std::int32_t> order;
  order.reserve(static_cast<std::size_t>(k) + 1);
  auto better = [appeal](std::int32_t a, std::int32_t b) {
    const double x = appeal[a], y = appeal[b];
    return x > y || (x == y && a < b);
  };
  for (std::size_t i = 0; i < items; ++i) {
    if (mark[i]) continue;
    const auto item = static_cast<std::int32_t>(i);
    if (order.size() == static_cast<std::size_t>(k) && !better(item, order.back())) continue;
    order.insert(std::upper_bound(order.begin(), order.end(), item, better), item);
    if (order.size() > static_cast<std::size_t>(k)) order.pop_back();
  }
  return order;
}

double cosine(const float* a, const float* b, int d) {
  double ab = 0.0, aa = 0.0, bb = 0.0;
  for (int k = 0; k < d; ++k) {
    ab += static_cast<double>(a[k]) * b[k];
    aa += static_cast<double>(a[k]) * a[k];
    bb += static_cast<double>(b[k]) * b[k];
  }
  return aa > 0.0 && bb > 0.0 ? ab / std::sqrt(aa * bb) : 0.0;
}

}  // namespace

void addTake(UserProfile& profile, std::int32_t item, bool log1p) {
  for (std::size_t j = 0; j < profile.items.size(); ++j) {
    if (profile.items[j] != item) continue;
    const double w = profile.weights[j];
    const double raw = log1p ? std::copysign(std::expm1(std::abs(w)), w) : w;
    profile.weights[j] = historyWeight(raw + 1.0, log1p ? HistoryWeighting::Log1p : HistoryWeighting::Sum);
    return;
  }
  profile.items.push_back(item);
  profile.weights.push_back(historyWeight(1.0, log1p ? HistoryWeighting::Log1p : HistoryWeighting::Sum));
}

Status playBatch(PolicyState& state, const BatchContext& cx, std::vector<std::uint8_t>& mark) {
  const auto& config = *cx.config;
  const auto& shared = *cx.shared;
  const auto& users = *cx.users;
  const std::size_t b = users.size();
  const std::size_t items = shared.oracle->numItems();
  const int k = config.k;
  const int d = state.engine->dim();
  const auto du = static_cast<std::size_t>(d);
  const auto& spec = state.spec;
  const bool banditReady = spec.isBandit() && state.bandit && state.bandit->calibrated();
  const auto& itemMatrix = state.engine->itemEmbeddingsOnCpu();

  // 1. Ranking vectors and the model's candidates.
  std::vector<float> vectors(b * du);
  for (std::size_t j = 0; j < b; ++j) {
    const float* u = state.userVectors.data() + static_cast<std::size_t>(users[j]) * du;
    float* out = vectors.data() + j * du;
    if (banditReady) {
      std::vector<double> normals;
      if (spec.kind == PolicySpec::Kind::Thompson) {
        normals.resize(du);
        for (std::size_t q = 0; q < du; ++q)
          normals[q] = drawNormal(cx.seed, Stream::Thompson, static_cast<std::uint64_t>(cx.round),
                                  static_cast<std::uint64_t>(users[j]), q);
      }
      state.bandit->rankingVector(users[j], u, normals.empty() ? nullptr : normals.data(), out);
    } else {
      std::copy(u, u + d, out);
    }
  }
  int fetch = k;
  ReRankOptions rerank;
  if (spec.kind == PolicySpec::Kind::PopularityPenalty) rerank.popularityPenalty = spec.parameter;
  if (spec.kind == PolicySpec::Kind::Mmr) rerank.diversity = spec.parameter;
  if (spec.kind == PolicySpec::Kind::CategoryCap) rerank.categoryCap = static_cast<int>(spec.parameter);
  if (spec.kind == PolicySpec::Kind::Calibrated) rerank.calibration = spec.parameter;
  if (spec.kind == PolicySpec::Kind::ProviderFair) rerank.providerFairness = spec.parameter;
  if (spec.kind == PolicySpec::Kind::UserAwarePenalty) rerank.userAwarePenalty = spec.parameter;
  if (rerank.active()) fetch = static_cast<int>(rerank.candidateCount(k, items));
  if (spec.kind == PolicySpec::Kind::LinUcb && banditReady)
    fetch = static_cast<int>(std::min<std::size_t>(items, static_cast<std::size_t>(std::max(5 * k, 100))));
  std::vector<std::vector<Recommendation>> candidates;
  if (spec.kind != PolicySpec::Kind::Random && spec.kind != PolicySpec::Kind::Oracle) {
    std::vector<const std::vector<std::int32_t>*> exclude(b);
    for (std::size_t j = 0; j < b; ++j) exclude[j] = &state.seen[static_cast<std::size_t>(users[j])];
    if (auto st = state.engine->topKBatch(vectors, b, fetch, exclude, candidates); !st) return st;
  }
  ReRankContext rcx = shared.rerank.context();
  rcx.category = &shared.category;
  rcx.embeddings = itemMatrix.data();
  rcx.dim = d;

  std::vector<double> slateAppeal;
  for (std::size_t j = 0; j < b; ++j) {
    const std::int32_t user = users[j];
    const auto us = static_cast<std::size_t>(user);
    const double* appeal = cx.appeal->data() + j * items;
    auto& seen = state.seen[us];
    markAll(mark, seen, 1);

    // 2. The slate.
    std::vector<std::int32_t> slate;
    slate.reserve(static_cast<std::size_t>(k));
    std::vector<double> scores;  // the model's score of each slate item (for the bandit's link)
    if (spec.kind == PolicySpec::Kind::Oracle) {
      slate = bestSlate(appeal, items, k, mark);
      for (auto item : slate) mark[static_cast<std::size_t>(item)] = 1;
    } else if (spec.kind == PolicySpec::Kind::Random) {
      for (int s = 0; s < k; ++s) {
        const auto item = drawItem(cx.seed, cx.round, user, static_cast<std::uint64_t>(s), items, mark);
        if (item < 0) break;
        mark[static_cast<std::size_t>(item)] = 1;
        slate.push_back(item);
      }
    } else {
      std::vector<Recommendation> list = candidates[j];
      rcx.history = &seen;  // calibration, user-aware penalty: the history so far, with the run's takes
      if (rerank.active()) list = reRank(list, k, rerank, rcx);
      if (spec.kind == PolicySpec::Kind::LinUcb && banditReady) {
        std::vector<std::pair<double, std::int32_t>> ucb;
        ucb.reserve(list.size());
        for (const auto& r : list) {
          const float* v = itemMatrix.data() + static_cast<std::size_t>(r.item) * du;
          ucb.emplace_back(static_cast<double>(r.score) + state.bandit->bonus(v), r.item);
        }
        std::stable_sort(ucb.begin(), ucb.end(),
                         [](const auto& x, const auto& y) { return x.first > y.first; });
        list.clear();
        for (std::size_t q = 0; q < ucb.size() && q < static_cast<std::size_t>(k); ++q)
          list.push_back({ucb[q].second, static_cast<float>(ucb[q].first), static_cast<int>(q) + 1});
      }
      for (const auto& r : list) {
        if (slate.size() == static_cast<std::size_t>(k)) break;
        slate.push_back(r.item);
        mark[static_cast<std::size_t>(r.item)] = 1;
      }
      if (spec.kind == PolicySpec::Kind::EpsilonGreedy) {
        for (std::size_t s = 0; s < slate.size(); ++s) {
          if (drawUniform(cx.seed, Stream::Explore, static_cast<std::uint64_t>(cx.round),
                          static_cast<std::uint64_t>(user), s) >= spec.parameter)
            continue;
          const auto item = drawItem(cx.seed, cx.round, user, s, items, mark);
          if (item < 0) continue;
          mark[static_cast<std::size_t>(item)] = 1;
          mark[static_cast<std::size_t>(slate[s])] = 0;
          slate[s] = item;
        }
      }
    }
    // The model's score of each slate item under the user's model vector (not the bandit's).
    const float* uvec = state.userVectors.data() + us * du;
    for (auto item : slate) {
      const float* v = itemMatrix.data() + static_cast<std::size_t>(item) * du;
      double s = 0.0;
      for (int q = 0; q < d; ++q) s += static_cast<double>(uvec[q]) * v[q];
      scores.push_back(s);
    }
    markAll(mark, slate, 0);

    // 3. The truth's best slate (same exclusions), expected takes and NDCG.
    const auto best = bestSlate(appeal, items, k, mark);
    markAll(mark, seen, 0);
    slateAppeal.clear();
    for (auto item : slate) slateAppeal.push_back(appeal[item]);
    std::vector<double> bestAppeal;
    for (auto item : best) bestAppeal.push_back(appeal[item]);
    const double expected = config.examination.expectedTakes(slateAppeal);
    const double bestExpected = config.examination.expectedTakes(bestAppeal);
    double dcg = 0.0, idcg = 0.0;
    for (std::size_t r = 0; r < slateAppeal.size(); ++r)
      dcg += slateAppeal[r] * exposureAtRank(static_cast<int>(r) + 1);
    for (std::size_t r = 0; r < bestAppeal.size(); ++r)
      idcg += bestAppeal[r] * exposureAtRank(static_cast<int>(r) + 1);
    const double ndcg = idcg > 0.0 ? dcg / idcg : 0.0;

    // 4. Responses, on the common random numbers.
    int takes = 0;
    std::vector<std::uint8_t> takenFlags(slate.size(), 0);
    const bool cascade = config.examination.kind == Examination::Kind::Cascade;
    bool stopped = false;
    for (std::size_t r = 0; r < slate.size(); ++r) {
      const int rank = static_cast<int>(r) + 1;
      const auto item = slate[r];
      if (cascade && stopped) break;  // nothing below the first take is looked at (or observed)
      double e = 1.0;
      bool examined = true;
      if (!cascade) {
        e = config.examination.positionWeight(rank);
        examined = drawUniform(cx.seed, Stream::Examine, static_cast<std::uint64_t>(cx.round),
                               static_cast<std::uint64_t>(user), static_cast<std::uint64_t>(rank)) < e;
      }
      const bool taken =
          examined &&
          drawUniform(cx.seed, Stream::Attract, static_cast<std::uint64_t>(cx.round),
                      static_cast<std::uint64_t>(user), static_cast<std::uint64_t>(item)) < appeal[item];
      if (state.bandit)
        state.bandit->observe(user, itemMatrix.data() + static_cast<std::size_t>(item) * du, scores[r], e,
                              taken);
      if (taken) {
        takenFlags[r] = 1;
        ++takes;
        stopped = true;
        state.taken[us].push_back(item);
        seen.push_back(item);
        state.changed[us] = 1;
        state.log.append(user, item, cx.round, 1.0f, 0);
      }
    }

    // 5. The round's tallies.
    auto& t = state.tally;
    t.users += 1.0;
    t.takes += takes;
    t.expected += expected;
    t.best += bestExpected;
    t.ndcg += ndcg;
    double tailCount = 0.0;
    for (std::size_t r = 0; r < slate.size(); ++r) {
      const auto i = static_cast<std::size_t>(slate[r]);
      const double w = exposureAtRank(static_cast<int>(r) + 1);
      ++t.appearances[i];
      if (!state.shownEver[i]) {
        state.shownEver[i] = 1;
        ++state.distinctShown;
      }
      t.exposure += w;
      if (shared.tail[i]) {
        t.tailExposure += w;
        tailCount += 1.0;
      }
      if (shared.oracle->plantedBrandCode() >= 0 && shared.brand[i] == shared.oracle->plantedBrandCode())
        t.plantedExposure += w;
      t.novelty += shared.novelty[i];
      t.slots += 1.0;
      for (std::size_t a = 0; a < shared.itemGroups.size(); ++a) {
        const auto code = shared.itemGroups[a][i];
        if (code >= 0) t.itemExposure[a][static_cast<std::size_t>(code)] += w;
      }
    }
    if (!slate.empty()) t.aplt += tailCount / static_cast<double>(slate.size());
    if (slate.size() > 1) {
      double sum = 0.0;
      for (std::size_t p = 0; p < slate.size(); ++p)
        for (std::size_t q = p + 1; q < slate.size(); ++q)
          sum += cosine(itemMatrix.data() + static_cast<std::size_t>(slate[p]) * du,
                        itemMatrix.data() + static_cast<std::size_t>(slate[q]) * du, d);
      t.diversity += 1.0 - sum / (0.5 * static_cast<double>(slate.size() * (slate.size() - 1)));
    }
    if (shared.oracle->hasTasteMix() && !slate.empty()) {
      const auto mix = shared.oracle->tasteMix(user);
      std::vector<double> shown(mix.size(), 0.0);
      for (auto item : slate) {
        const auto c = shared.category[static_cast<std::size_t>(item)];
        if (c >= 0 && static_cast<std::size_t>(c) < shown.size()) shown[static_cast<std::size_t>(c)] += 1.0;
      }
      double tv = 0.0;
      for (std::size_t c = 0; c < mix.size(); ++c)
        tv += std::abs(shown[c] / static_cast<double>(slate.size()) - mix[c]);
      t.drift += 0.5 * tv;
      t.driftUsers += 1.0;
    }
    for (std::size_t a = 0; a < shared.userGroups.size(); ++a) {
      const auto code = shared.userGroups[a][us];
      if (code < 0) continue;
      auto& g = t.groups[a];
      const auto c = static_cast<std::size_t>(code);
      g.users[c] += 1.0;
      g.takes[c] += takes;
      g.ndcg[c] += ndcg;
    }
    std::vector<std::int32_t> sorted = slate;
    std::sort(sorted.begin(), sorted.end());
    t.lists[cx.firstListIndex + j] = std::move(sorted);
    if (config.keepSlates) t.shown[cx.firstListIndex + j] = ShownSlate{user, slate, std::move(takenFlags)};
  }
  return Status::success();
}

}  // namespace reclens::sim::detail
