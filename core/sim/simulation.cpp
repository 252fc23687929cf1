#include "sim/simulation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "audit/longtailmetrics.h"
#include "common/parallelchunks.h"
#include "engine/computethreads.h"
#include "engine/userprofilebuilder.h"
#include "model/modelfile.h"
#include "sim/simrng.h"
#include "sim/simround.h"
#include "sim/simstate.h"

namespace reclens::sim {

using detail::PolicyState;
using detail::SharedInputs;

namespace {

SharedInputs makeShared(const Dataset& dataset, const ModelFile& model, const Oracle& oracle) {
  SharedInputs s;
  s.dataset = &dataset;
  s.oracle = &oracle;
  const std::size_t items = dataset.items.size();
  UserProfileBuilder builder(dataset, model.metadata());
  s.historyLog1p = builder.weighting() == HistoryWeighting::Log1p;
  const std::size_t users = std::max(builder.users(), dataset.users.size());
  s.baseProfiles.resize(users);
  for (std::size_t u = 0; u < users; ++u) s.baseProfiles[u] = builder.profile(static_cast<std::int32_t>(u));
  s.popularity = itemPopularity(dataset.interactions, items);
  const auto head = shortHeadItems(s.popularity);
  s.tail.resize(items);
  for (std::size_t i = 0; i < items; ++i) s.tail[i] = head[i] ? 0 : 1;
  s.novelty = itemNovelty(s.popularity);
  auto codesOf = [&](const char* name) {
    std::vector<std::int32_t> codes(items, -1);
    const int f = dataset.items.fieldIndex(name);
    if (f >= 0) {
      for (std::size_t i = 0; i < items; ++i)
        codes[i] = dataset.items.fields[static_cast<std::size_t>(f)].codeAt(i);
    }
    return codes;
  };
  s.category = codesOf("category");
  s.brand = codesOf("brand");
  ReRankOptions provider;
  provider.providerFairness = 1.0;
  provider.providerField = dataset.items.fieldIndex("brand") >= 0 ? "brand" : "tier";
  // Cannot fail: the provider field is one the catalog has, or the tiers.
  if (auto inputs = makeReRankInputs(dataset, s.popularity, provider)) s.rerank = std::move(inputs).value();
  for (const auto& field : dataset.items.fields) {
    SimItemAttribute a;
    a.name = field.name();
    a.values = field.vocabulary();
    if (a.values.empty() || a.values.size() > kMaxItemGroupValues) continue;
    std::vector<std::int32_t> codes(items, -1);
    std::vector<double> counts(a.values.size(), 0.0);
    double withValue = 0.0;
    for (std::size_t i = 0; i < items; ++i) {
      codes[i] = field.codeAt(i);
      if (codes[i] < 0 || static_cast<std::size_t>(codes[i]) >= counts.size()) {
        codes[i] = -1;
        continue;
      }
      counts[static_cast<std::size_t>(codes[i])] += 1.0;
      withValue += 1.0;
    }
    if (withValue <= 0.0) continue;
    for (auto& c : counts) c /= withValue;
    a.catalogShares = std::move(counts);
    s.itemGroups.push_back(std::move(codes));
    s.itemAttributes.push_back(std::move(a));
  }
  for (const auto& field : dataset.users.fields) {
    SimAttribute a;
    a.name = field.name();
    a.values = field.vocabulary();
    if (a.values.empty()) continue;
    std::vector<std::int32_t> codes(users, -1);
    for (std::size_t u = 0; u < users; ++u) codes[u] = field.codeAt(u);
    s.userGroups.push_back(std::move(codes));
    s.attributes.push_back(std::move(a));
  }
  return s;
}

// The users of round `round`: all, or the first `count` by a seeded hash order.
std::vector<std::int32_t> roundUsers(std::size_t users, std::int64_t count, std::uint64_t seed, int round) {
  std::vector<std::int32_t> all(users);
  std::iota(all.begin(), all.end(), 0);
  if (count <= 0 || static_cast<std::size_t>(count) >= users) return all;
  std::vector<std::pair<std::uint64_t, std::int32_t>> keyed(users);
  for (std::size_t u = 0; u < users; ++u)
    keyed[u] = {drawBits(seed, Stream::Users, static_cast<std::uint64_t>(round), u, 0),
                static_cast<std::int32_t>(u)};
  const auto n = static_cast<std::size_t>(count);
  std::partial_sort(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(n), keyed.end());
  std::vector<std::int32_t> out(n);
  for (std::size_t j = 0; j < n; ++j) out[j] = keyed[j].second;
  std::sort(out.begin(), out.end());
  return out;
}

UserProfile profileOf(const SharedInputs& shared, const PolicyState& state, std::size_t user) {
  UserProfile p = shared.baseProfiles[user];
  for (auto item : state.taken[user]) detail::addTake(p, item, shared.historyLog1p);
  return p;
}

Status refreshVectors(PolicyState& state, const SharedInputs& shared, bool all) {
  const auto d = static_cast<std::size_t>(state.engine->dim());
  const std::size_t users = shared.baseProfiles.size();
  state.userVectors.resize(users * d);
  for (std::size_t u = 0; u < users; ++u) {
    if (!all && !state.changed[u]) continue;
    auto v = state.engine->userVector(profileOf(shared, state, u));
    if (!v) return makeError(v.error().code, "user " + std::to_string(u) + ": " + v.error().message);
    std::copy(v.value().begin(), v.value().end(),
              state.userVectors.begin() + static_cast<std::ptrdiff_t>(u * d));
  }
  std::fill(state.changed.begin(), state.changed.end(), 0);
  return Status::success();
}

double meanItemNorm(const std::vector<float>& matrix, int dim) {
  const auto d = static_cast<std::size_t>(dim);
  const std::size_t n = d > 0 ? matrix.size() / d : 0;
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    double s = 0.0;
    for (std::size_t k = 0; k < d; ++k) s += static_cast<double>(matrix[i * d + k]) * matrix[i * d + k];
    total += std::sqrt(s);
  }
  return n > 0 ? total / static_cast<double>(n) : 1.0;
}

void resetBandit(PolicyState& state, std::size_t users) {
  if (!state.spec.isBandit()) return;
  LinearBandits::Options o;
  if (state.spec.kind == PolicySpec::Kind::Thompson) o.priorScale = state.spec.parameter;
  if (state.spec.kind == PolicySpec::Kind::LinUcb) o.ucbAlpha = state.spec.parameter;
  state.bandit = std::make_unique<LinearBandits>(
      users, state.engine->dim(), meanItemNorm(state.engine->itemEmbeddingsOnCpu(), state.engine->dim()), o);
}

void startRound(PolicyState& state, const SharedInputs& shared, std::size_t roundUsers, bool keepSlates) {
  auto& t = state.tally;
  t = detail::RoundTally{};
  t.appearances.assign(shared.oracle->numItems(), 0);
  t.lists.assign(roundUsers, {});
  t.shown.assign(keepSlates ? roundUsers : 0, {});
  t.groups.resize(shared.attributes.size());
  for (std::size_t a = 0; a < shared.attributes.size(); ++a) {
    const auto n = shared.attributes[a].values.size();
    t.groups[a].users.assign(n, 0.0);
    t.groups[a].takes.assign(n, 0.0);
    t.groups[a].ndcg.assign(n, 0.0);
  }
  t.itemExposure.resize(shared.itemAttributes.size());
  for (std::size_t a = 0; a < shared.itemAttributes.size(); ++a)
    t.itemExposure[a].assign(shared.itemAttributes[a].values.size(), 0.0);
}

double jaccard(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b) {
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  const std::size_t uni = a.size() + b.size() - common;
  return uni > 0 ? static_cast<double>(common) / static_cast<double>(uni) : 0.0;
}

void finishRound(PolicyState& state, const SharedInputs& shared, std::uint64_t seed, int round,
                 bool keepSlates) {
  const auto& t = state.tally;
  const double items = static_cast<double>(std::max<std::size_t>(1, shared.oracle->numItems()));
  const double users = std::max(1.0, t.users);
  RoundResult r;
  auto& v = r.values;
  v[kTakes] = t.takes / users;
  state.cumulativeTakes += v[kTakes];
  v[kCumulativeTakes] = state.cumulativeTakes;
  v[kExpectedTakes] = t.expected / users;
  v[kRegret] = (t.best - t.expected) / users;
  state.cumulativeRegret += v[kRegret];
  v[kCumulativeRegret] = state.cumulativeRegret;
  v[kCoverage] = itemCoverage(t.appearances);
  v[kCumulativeCoverage] = static_cast<double>(state.distinctShown) / items;
  v[kGini] = giniIndex(t.appearances);
  v[kAplt] = t.aplt / users;
  v[kTailExposure] = t.exposure > 0.0 ? t.tailExposure / t.exposure : 0.0;
  v[kNovelty] = t.slots > 0.0 ? t.novelty / t.slots : 0.0;
  v[kDiversity] = t.diversity / users;
  // Homogenisation: Jaccard of pairs of this round's users, paired by a seeded shuffle.
  const std::size_t n = t.lists.size();
  if (n > 1) {
    std::vector<std::pair<std::uint64_t, std::size_t>> order(n);
    for (std::size_t j = 0; j < n; ++j)
      order[j] = {drawBits(seed, Stream::Users, static_cast<std::uint64_t>(round), j, 1), j};
    std::sort(order.begin(), order.end());
    double sum = 0.0;
    for (std::size_t j = 0; j < n; ++j)
      sum += jaccard(t.lists[order[j].second], t.lists[order[(j + 1) % n].second]);
    v[kHomogenisation] = sum / static_cast<double>(n);
  }
  v[kPlantedBrandShare] = shared.oracle->plantedBrandCode() >= 0 && t.exposure > 0.0
                              ? t.plantedExposure / t.exposure
                              : std::nan("");
  v[kInterestDrift] = t.driftUsers > 0.0 ? t.drift / t.driftUsers : std::nan("");
  v[kNdcg] = t.ndcg / users;
  r.groups = t.groups;
  r.itemExposure = t.itemExposure;
  state.run.rounds.push_back(std::move(r));
  if (keepSlates) state.run.slates.push_back(std::move(state.tally.shown));
}

// The events of `log` dated after `after`, in their order, with the same kinds.
InteractionLog keepInteractionsAfter(const InteractionLog& log, std::int64_t after) {
  InteractionLog kept;
  kept.kindNames = log.kindNames;
  for (std::size_t r = 0; r < log.size(); ++r) {
    if (log.ts[r] > after) kept.append(log.user[r], log.item[r], log.ts[r], log.weight[r], log.kind[r]);
  }
  return kept;
}

Status retrainPolicy(PolicyState& state, const SharedInputs& shared, const SimConfig& config,
                     const Retrainer& retrain, std::uint64_t seed, int round, const TaskControl& control) {
  Dataset extended = *shared.dataset;
  std::int64_t end = 0;
  for (auto ts : extended.interactions.ts) end = std::max(end, ts);
  if (config.retrainWindow > 0) {
    // Only the last `retrainWindow` days: round t is day t after the log's end, so at round `round` the
    // window keeps the days after end + (round - window) days.
    const std::int64_t after = end + 86400 * static_cast<std::int64_t>(round - config.retrainWindow);
    extended.interactions = keepInteractionsAfter(extended.interactions, after);
  }
  const auto kind = extended.interactions.kindIndex("simulated");
  for (std::size_t r = 0; r < state.log.size(); ++r) {
    if (config.retrainWindow > 0 && state.log.ts[r] <= round - config.retrainWindow) continue;
    // Simulated round t lands one day after the log's end per round.
    extended.interactions.append(state.log.user[r], state.log.item[r], end + 86400 * state.log.ts[r],
                                 state.log.weight[r], kind);
  }
  auto model = retrain(extended, *state.model, config.retrainEpochs,
                       seed * 1000003ull + static_cast<std::uint64_t>(round), control);
  if (!model) return model.error();
  state.model = model.value();
  state.engine = std::make_unique<ScoringEngine>(state.model);
  state.engine->setNearbyRanking(false);
  ++state.run.retrainings;
  if (auto st = refreshVectors(state, shared, true); !st) return st;
  resetBandit(state, shared.baseProfiles.size());
  return Status::success();
}

// The truth's appeal of every catalog row for each user of `part` into `out` ([part, items]): on the
// compute threads when the oracle allows it (the per-user rows are independent).
void batchAppeal(const Oracle& oracle, const std::vector<std::int32_t>& part, std::size_t items,
                 std::vector<double>& out) {
  const int threads = oracle.concurrentAppeal() ? computeThreads() : 1;
  parallelChunks(part.size(), 16, threads, [&](std::size_t first, std::size_t last, std::size_t) {
    std::vector<double> row;
    for (std::size_t j = first; j < last; ++j) {
      oracle.appeal(part[j], row);
      std::copy(row.begin(), row.end(), out.begin() + static_cast<std::ptrdiff_t>(j * items));
    }
  });
}

}  // namespace

Result<SimResult> runSimulation(const Dataset& dataset, std::shared_ptr<const ModelFile> model,
                                const Oracle& oracle, const SimConfig& config, const Retrainer& retrain,
                                const TaskControl& control, const RoundObserver& observer) {
  if (auto st = validateSimConfig(config); !st) return st.error();
  if (!model) return makeError(ErrorCode::InvalidArgument, "no model to simulate with");
  if (oracle.numItems() != dataset.items.size())
    return makeError(ErrorCode::InvalidArgument, "the truth and the project have different catalogs");
  if (dataset.items.size() == 0 || dataset.users.size() == 0)
    return makeError(ErrorCode::Empty, "the project has no items or no users to simulate");
  if (config.retrainEvery > 0 && !retrain)
    return makeError(ErrorCode::InvalidArgument, "re-training was asked for but no trainer was given");
  const auto started = std::chrono::steady_clock::now();
  const SharedInputs shared = makeShared(dataset, *model, oracle);
  const std::size_t users = shared.baseProfiles.size();
  const std::size_t items = dataset.items.size();

  SimResult result;
  result.config = config;
  result.oracle = oracle.description();
  result.model = model->path();
  result.users = users;
  result.items = items;
  result.attributes = shared.attributes;
  result.itemAttributes = shared.itemAttributes;
  for (const auto& p : config.policies) result.runs.push_back({p.name, {}});

  // The model's starting user vectors, computed once and copied into every policy.
  PolicyState proto;
  proto.model = model;
  proto.engine = std::make_unique<ScoringEngine>(model);
  proto.taken.assign(users, {});
  proto.changed.assign(users, 0);
  if (auto st = refreshVectors(proto, shared, true); !st) return st.error();

  std::vector<int> seedIndices;
  for (int s = 0; s < config.seeds; ++s) {
    if (s % config.shardCount == config.shardIndex) seedIndices.push_back(s);
  }
  const double totalSteps = static_cast<double>(std::max<std::size_t>(1, seedIndices.size())) * config.rounds;
  double step = 0.0;
  std::vector<std::uint8_t> mark(items, 0);
  TaskControl cancelOnly;  // re-training reports no progress of its own, but stops on cancel
  cancelOnly.cancel = control.cancel;
  std::vector<double> appeal;
  for (const int s : seedIndices) {
    const std::uint64_t seed = config.seed + static_cast<std::uint64_t>(s);
    std::vector<PolicyState> states(config.policies.size());
    for (std::size_t p = 0; p < states.size(); ++p) {
      auto& st = states[p];
      st.spec = config.policies[p];
      st.model = model;
      st.engine = std::make_unique<ScoringEngine>(model);
      st.engine->setNearbyRanking(false);
      st.userVectors = proto.userVectors;
      st.taken.assign(users, {});
      st.seen.resize(users);
      for (std::size_t u = 0; u < users; ++u) st.seen[u] = shared.baseProfiles[u].items;
      st.changed.assign(users, 0);
      st.shownEver.assign(items, 0);
      st.run.seed = seed;
      st.run.seedIndex = s;
      resetBandit(st, users);
    }
    for (int round = 1; round <= config.rounds; ++round) {
      if (control.cancelled()) return makeError(ErrorCode::Cancelled, "the simulation was cancelled");
      const auto who = roundUsers(users, config.usersPerRound, seed, round);
      for (auto& st : states) startRound(st, shared, who.size(), config.keepSlates);
      const auto batch = static_cast<std::size_t>(std::max(1, config.batchUsers));
      for (std::size_t first = 0; first < who.size(); first += batch) {
        const std::vector<std::int32_t> part(
            who.begin() + static_cast<std::ptrdiff_t>(first),
            who.begin() + static_cast<std::ptrdiff_t>(std::min(who.size(), first + batch)));
        appeal.resize(part.size() * items);
        batchAppeal(oracle, part, items, appeal);
        detail::BatchContext cx;
        cx.config = &config;
        cx.shared = &shared;
        cx.seed = seed;
        cx.round = round;
        cx.users = &part;
        cx.appeal = &appeal;
        cx.firstListIndex = first;
        for (auto& st : states) {
          if (auto e = detail::playBatch(st, cx, mark); !e) return e.error();
        }
      }
      std::vector<RoundResult> perPolicy;
      for (auto& st : states) {
        finishRound(st, shared, seed, round, config.keepSlates);
        if (observer) perPolicy.push_back(st.run.rounds.back());
        if (st.bandit && !st.bandit->calibrated()) st.bandit->calibrate();
        if (auto e = refreshVectors(st, shared, false); !e) return e.error();
        if (config.retrainEvery > 0 && round % config.retrainEvery == 0 && round < config.rounds) {
          if (auto e = retrainPolicy(st, shared, config, retrain, seed, round, cancelOnly); !e)
            return e.error();
        }
      }
      if (observer) observer(s, round, perPolicy);
      step += 1.0;
      control.report(step / totalSteps,
                     "simulating round " + std::to_string(round) + " of seed " + std::to_string(s + 1));
    }
    for (std::size_t p = 0; p < states.size(); ++p) result.runs[p].seeds.push_back(std::move(states[p].run));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace reclens::sim
