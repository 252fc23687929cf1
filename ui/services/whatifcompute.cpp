#include "services/whatifcompute.h"

#include <QElapsedTimer>

#include <algorithm>
#include <exception>

#include "audit/exposure.h"
#include "audit/longtailmetrics.h"
#include "engine/whatifreplay.h"

namespace reclens {

namespace {

double elapsedMs(const QElapsedTimer& clock) {
  return static_cast<double>(clock.nsecsElapsed()) / 1e6;
}

// The sorted union of two lists of catalog rows.
std::vector<std::int32_t> unite(std::vector<std::int32_t> a, const std::vector<std::int32_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

// Share per category code of `items` weighted by `weights` (all 1 when empty).
std::vector<double> categoryMix(const Catalog& catalog, const std::vector<std::int32_t>& items,
                                const std::vector<float>& weights) {
  const int field = catalog.fieldIndex("category");
  if (field < 0) return {};
  const auto& category = catalog.fields[static_cast<std::size_t>(field)];
  std::vector<double> mix(category.vocabulary().size(), 0.0);
  double total = 0.0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto code = category.codeAt(static_cast<std::size_t>(items[i]));
    const double w = weights.empty() ? 1.0 : static_cast<double>(weights[i]);
    if (code < 0) continue;
    mix[static_cast<std::size_t>(code)] += w;
    total += w;
  }
  if (total > 0.0) {
    for (auto& m : mix) m /= total;
  }
  return mix;
}

std::vector<std::int32_t> itemsOf(const std::vector<Recommendation>& list) {
  std::vector<std::int32_t> out;
  out.reserve(list.size());
  for (const auto& r : list) out.push_back(r.item);
  return out;
}

ListSetMetrics metricsOf(const std::vector<std::vector<Recommendation>>& lists, int k,
                         const DatasetSnapshot& snapshot, const std::vector<std::uint8_t>& notHead,
                         const std::vector<std::int32_t>& delisted) {
  std::vector<std::int64_t> counts(snapshot.itemCount(), 0);
  double exposure = 0.0;
  double delistedExposure = 0.0;
  double tail = 0.0;
  for (const auto& list : lists) {
    for (const auto& r : list) {
      ++counts[static_cast<std::size_t>(r.item)];
      const double e = exposureAtRank(r.rank);
      exposure += e;
      if (std::binary_search(delisted.begin(), delisted.end(), r.item)) delistedExposure += e;
    }
    tail += listFlaggedShare(list, notHead, static_cast<std::size_t>(k));
  }
  ListSetMetrics m;
  m.coverage = itemCoverage(counts);
  m.gini = giniIndex(counts);
  m.entropy = entropyBits(counts);
  m.tailShare = lists.empty() ? 0.0 : tail / static_cast<double>(lists.size());
  m.delistedShare = exposure > 0.0 ? delistedExposure / exposure : 0.0;
  return m;
}

}  // namespace

WhatIfCompute::WhatIfCompute() = default;
WhatIfCompute::~WhatIfCompute() = default;

ScoringEngine& WhatIfCompute::engineFor(const ModelSession& session) {
  if (m_model != session.model() || !m_engine) {
    m_engine.reset();
    m_engine = std::make_unique<ScoringEngine>(session.model());
    m_model = session.model();
  }
  return *m_engine;
}

Result<UserProfile> WhatIfCompute::editedProfile(const WhatIfRequest& request,
                                                 const std::vector<WhatIfEdit>& edits) {
  const auto& session = *request.session;
  UserProfile base = session.profiles().profile(request.user);
  if (request.asOf) {
    const auto events = userHistoryEvents(session.snapshot().dataset(), request.user);
    base = profileAsOf(base, events, *request.asOf);
    // A cut history comes back with the plain sums of its events, the whole one as the profile builder
    // made it: weight a cut one as the model's profiles are weighted (docs/training.md, "History weights").
    const bool cut = std::any_of(events.begin(), events.end(),
                                 [&request](const HistoryEvent& e) { return e.ts > *request.asOf; });
    if (cut) {
      for (auto& w : base.weights) w = historyWeight(w, session.profiles().weighting());
    }
  }
  return applyWhatIfEdits(base, applicableEdits(base, edits), session.model()->metadata());
}

Result<std::vector<Recommendation>> WhatIfCompute::listFor(const UserProfile& profile, int k,
                                                           const std::vector<std::int32_t>& delisted) {
  auto vector = m_engine->userVector(profile);
  if (!vector) return vector.error();
  return m_engine->topK(vector.value(), k, unite(profile.items, delisted));
}

WhatIfOutcome WhatIfCompute::run(const WhatIfRequest& request, const TaskControl& control) {
  WhatIfOutcome out;
  out.request = request;
  QElapsedTimer clock;
  clock.start();
  try {
    const auto& session = *request.session;
    const auto& catalog = session.snapshot().dataset().items;
    engineFor(session);
    auto profile = editedProfile(request, request.edits);
    if (!profile) {
      out.error = profile.error();
      out.milliseconds = elapsedMs(clock);
      return out;
    }
    auto& result = out.result;
    result.profile = std::move(profile).value();
    auto vector = m_engine->userVector(result.profile);
    auto list = vector
                    ? m_engine->topK(vector.value(), request.k, unite(result.profile.items, request.delisted))
                    : Result<std::vector<Recommendation>>(vector.error());
    if (!list) {
      out.error = list.error();
      out.milliseconds = elapsedMs(clock);
      return out;
    }
    result.userVector = std::move(vector).value();
    result.list = std::move(list).value();
    Result<std::vector<Recommendation>> baseline = std::vector<Recommendation>{};
    if (request.compareEdits) {
      WhatIfRequest other = request;
      other.asOf.reset();
      auto otherProfile = editedProfile(other, *request.compareEdits);
      baseline = otherProfile ? listFor(otherProfile.value(), request.k, request.compareDelisted)
                              : Result<std::vector<Recommendation>>(otherProfile.error());
    } else if (request.baseline) {
      baseline = *request.baseline;
    } else {
      baseline = listFor(session.profiles().profile(request.user), request.k, {});
    }
    if (!baseline) {
      out.error = baseline.error();
      out.milliseconds = elapsedMs(clock);
      return out;
    }
    result.baseline = std::move(baseline).value();
    result.comparison = compareRankings(result.baseline, result.list);
    out.historyMix = categoryMix(catalog, result.profile.items, result.profile.weights);
    out.listMix = categoryMix(catalog, itemsOf(result.list), {});
    out.baselineMix = categoryMix(catalog, itemsOf(result.baseline), {});
    if (request.explainRows > 0 && !result.list.empty()) {
      QElapsedTimer explainClock;
      explainClock.start();
      auto items = itemsOf(result.list);
      items.resize(std::min(items.size(), static_cast<std::size_t>(request.explainRows)));
      auto explanation =
          explainItems(*session.model(), result.profile, items, request.attribution, &catalog, control);
      if (explanation) {
        out.explanation = std::move(explanation).value();
      } else {
        out.explanationError = explanation.error();
      }
      out.explainMilliseconds = elapsedMs(explainClock);
    }
  } catch (const std::exception& e) {
    out.error = makeError(ErrorCode::Internal, e.what());
  }
  out.milliseconds = elapsedMs(clock);
  return out;
}

WhatIfGraphOutcome WhatIfCompute::graph(const WhatIfGraphRequest& request, const TaskControl& control) {
  WhatIfGraphOutcome out;
  out.request = request;
  QElapsedTimer clock;
  clock.start();
  try {
    const auto& scenario = request.scenario;
    const auto& session = *scenario.session;
    auto profile = editedProfile(scenario, scenario.edits);
    if (!profile) {
      out.error = profile.error();
    } else {
      auto graph = explainByGraph(*session.model(), session.snapshot().dataset(), scenario.user,
                                  profile.value(), request.target, request.options, control);
      if (graph) {
        out.graph = std::move(graph).value();
      } else {
        out.error = graph.error();
      }
    }
  } catch (const std::exception& e) {
    out.error = makeError(ErrorCode::Internal, e.what());
  }
  out.milliseconds = elapsedMs(clock);
  return out;
}

Status WhatIfCompute::sampleBaseline(const WhatIfImpactRequest& request, const TaskControl& control) {
  if (m_sampleSession == request.session && m_sampleK == request.k && m_sampleUsers == request.users)
    return Status::success();
  const auto& session = *request.session;
  const auto& snapshot = session.snapshot();
  std::vector<std::int32_t> active;
  for (std::size_t u = 0; u < snapshot.userCount(); ++u) {
    if (snapshot.userInteractions(u) > 0) active.push_back(static_cast<std::int32_t>(u));
  }
  const std::size_t want = std::min(active.size(), static_cast<std::size_t>(std::max(request.users, 1)));
  m_sampleVectors.clear();
  m_sampleHistories.clear();
  for (std::size_t s = 0; s < want; ++s) {
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "the impact computation was cancelled");
    // Evenly spread over the active users, so the sample does not depend on the table's order of arrival.
    const auto user = active[s * active.size() / want];
    auto profile = session.profiles().profile(user);
    auto vector = m_engine->userVector(profile);
    if (!vector) return vector.error();
    m_sampleVectors.insert(m_sampleVectors.end(), vector.value().begin(), vector.value().end());
    std::sort(profile.items.begin(), profile.items.end());
    m_sampleHistories.push_back(std::move(profile.items));
  }
  std::vector<const std::vector<std::int32_t>*> exclude;
  for (const auto& h : m_sampleHistories) exclude.push_back(&h);
  if (auto st = m_engine->topKBatch(m_sampleVectors, want, request.k, exclude, m_sampleBaseline); !st)
    return st;
  m_sampleSession = request.session;
  m_sampleK = request.k;
  m_sampleUsers = request.users;
  return Status::success();
}

WhatIfImpactOutcome WhatIfCompute::impact(const WhatIfImpactRequest& request, const TaskControl& control) {
  WhatIfImpactOutcome out;
  out.request = request;
  QElapsedTimer clock;
  clock.start();
  try {
    const auto& session = *request.session;
    engineFor(session);
    if (auto st = sampleBaseline(request, control); !st) {
      out.error = st.error();
      out.milliseconds = elapsedMs(clock);
      return out;
    }
    std::vector<std::vector<std::int32_t>> excluded;
    excluded.reserve(m_sampleHistories.size());
    for (const auto& h : m_sampleHistories) excluded.push_back(unite(h, request.delisted));
    std::vector<const std::vector<std::int32_t>*> exclude;
    for (const auto& e : excluded) exclude.push_back(&e);
    std::vector<std::vector<Recommendation>> after;
    if (auto st = m_engine->topKBatch(m_sampleVectors, excluded.size(), request.k, exclude, after); !st) {
      out.error = st.error();
      out.milliseconds = elapsedMs(clock);
      return out;
    }
    const auto& snapshot = session.snapshot();
    std::vector<std::uint8_t> notHead(snapshot.itemCount(), 0);
    for (std::size_t i = 0; i < notHead.size(); ++i)
      notHead[i] = snapshot.itemTier(i) != PopularityTier::Head;
    out.users = static_cast<int>(after.size());
    out.before = metricsOf(m_sampleBaseline, request.k, snapshot, notHead, request.delisted);
    out.after = metricsOf(after, request.k, snapshot, notHead, request.delisted);
    double jaccard = 0.0;
    int changed = 0;
    for (std::size_t u = 0; u < after.size(); ++u) {
      const auto c = compareRankings(m_sampleBaseline[u], after[u]);
      jaccard += c.jaccard;
      if (c.added + c.dropped + c.moved > 0) ++changed;
    }
    if (!after.empty()) {
      out.meanJaccard = jaccard / static_cast<double>(after.size());
      out.changedShare = static_cast<double>(changed) / static_cast<double>(after.size());
    }
  } catch (const std::exception& e) {
    out.error = makeError(ErrorCode::Internal, e.what());
  }
  out.milliseconds = elapsedMs(clock);
  return out;
}

}  // namespace reclens
