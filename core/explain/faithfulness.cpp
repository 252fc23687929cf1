#include "explain/faithfulness.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <string>

namespace reclens {

namespace {

// `profile` without the history positions in `removed` (each at most once, all in range).
UserProfile withoutPositions(const UserProfile& profile, const std::vector<std::size_t>& removed) {
  std::vector<bool> drop(profile.items.size(), false);
  for (const auto p : removed) drop[p] = true;
  UserProfile out;
  out.fieldCodes = profile.fieldCodes;
  for (std::size_t l = 0; l < profile.items.size(); ++l) {
    if (drop[l]) continue;
    out.items.push_back(profile.items[l]);
    out.weights.push_back(profile.weights[l]);
  }
  return out;
}

// The 1-based rank of each target among the items not in `seen` (sorted), under `scores`.
std::vector<int> ranksOf(const std::vector<float>& scores, const std::vector<std::int32_t>& seen,
                         const std::vector<std::int32_t>& targets) {
  std::vector<int> ranks(targets.size(), 1);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const auto row = static_cast<std::int32_t>(i);
    if (std::binary_search(seen.begin(), seen.end(), row)) continue;
    for (std::size_t t = 0; t < targets.size(); ++t) {
      const float s = scores[static_cast<std::size_t>(targets[t])];
      if (scores[i] > s || (scores[i] == s && row < targets[t])) ++ranks[t];
    }
  }
  return ranks;
}

// Scores of the whole catalog for `profile`.
Result<std::vector<float>> scoresFor(ScoringEngine& engine, const UserProfile& profile) {
  auto vector = engine.userVector(profile);
  if (!vector) return vector.error();
  return engine.scores(vector.value());
}

Result<std::vector<int>> ranksAfter(ScoringEngine& engine, const UserProfile& profile,
                                    const std::vector<std::int32_t>& seen,
                                    const std::vector<std::int32_t>& targets,
                                    const std::vector<std::size_t>& removed) {
  auto scores = scoresFor(engine, withoutPositions(profile, removed));
  if (!scores) return scores.error();
  return ranksOf(scores.value(), seen, targets);
}

// What an explanation with `options`' contrast explains for target `t`, under `scores`: the target's
// score, minus the compared item's score or the mean score of the other targets with a contrast.
double explainedQuantity(const std::vector<float>& scores, const std::vector<std::int32_t>& targets,
                         std::size_t t, const AttributionOptions& options) {
  const double own = scores[static_cast<std::size_t>(targets[t])];
  switch (options.contrast) {
    case ExplanationContrast::None:
    case ExplanationContrast::Automatic:  // resolved by the explanation before this is asked
      return own;
    case ExplanationContrast::Item:
      return own - scores[static_cast<std::size_t>(options.versusItem)];
    case ExplanationContrast::OtherItems: {
      double others = 0.0;
      for (std::size_t u = 0; u < targets.size(); ++u)
        if (u != t) others += scores[static_cast<std::size_t>(targets[u])];
      return own - others / double(targets.size() - 1);
    }
  }
  return own;
}

std::vector<std::int32_t> sortedHistory(const UserProfile& profile) {
  auto seen = profile.items;
  std::sort(seen.begin(), seen.end());
  return seen;
}

// `count` distinct positions out of `size`, drawn by a partial Fisher–Yates shuffle.
std::vector<std::size_t> randomPositions(std::size_t size, std::size_t count, std::mt19937_64& rng) {
  std::vector<std::size_t> all(size);
  std::iota(all.begin(), all.end(), std::size_t(0));
  for (std::size_t i = 0; i < count; ++i) {
    const auto j = i + static_cast<std::size_t>(rng() % (size - i));
    std::swap(all[i], all[j]);
  }
  all.resize(count);
  return all;
}

// The history positions with the largest attributions for one item, largest first (ties to the
// earlier position).
std::vector<std::size_t> mostAttributed(const ItemExplanation& e, std::size_t count) {
  std::vector<const FieldAttribution*> history;
  for (const auto& f : e.fields) {
    if (f.kind == FieldKind::History) history.push_back(&f);
  }
  std::stable_sort(history.begin(), history.end(), [](const FieldAttribution* a, const FieldAttribution* b) {
    return a->attribution > b->attribution;
  });
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < count && i < history.size(); ++i)
    out.push_back(static_cast<std::size_t>(history[i]->index));
  return out;
}

Status validate(const FaithfulnessOptions& o) {
  if (o.methods.empty())
    return makeError(ErrorCode::InvalidArgument, "the deletion test needs at least one method");
  if (o.topK < 1)
    return makeError(ErrorCode::InvalidArgument, "the deletion test needs a top-K of at least 1");
  if (o.deletions < 1)
    return makeError(ErrorCode::InvalidArgument, "the deletion test must remove at least one history item");
  if (o.randomDraws < 1)
    return makeError(ErrorCode::InvalidArgument, "the deletion test needs at least one random draw");
  return Status::success();
}

// What one user contributes: the targets with their ranks and the random baseline per target.
struct UserCases {
  std::vector<std::int32_t> targets;
  std::vector<int> ranks;
  std::vector<double> randomDrop;
  std::vector<float> scores;                     // the whole catalog's scores before any deletion
  std::vector<std::vector<float>> randomScores;  // and after each of the R random deletions
};

Result<UserCases> baselineFor(ScoringEngine& engine, const UserProfile& profile, const FaithfulnessOptions& o,
                              std::mt19937_64& rng) {
  UserCases u;
  auto top = engine.recommend(profile, o.topK, {});
  if (!top) return top.error();
  for (const auto& r : top.value()) u.targets.push_back(r.item);
  if (u.targets.empty()) return u;
  const auto seen = sortedHistory(profile);
  auto full = scoresFor(engine, profile);
  if (!full) return full.error();
  u.scores = std::move(full).value();
  u.ranks = ranksOf(u.scores, seen, u.targets);
  u.randomDrop.assign(u.targets.size(), 0.0);
  const auto m = static_cast<std::size_t>(o.deletions);
  for (int draw = 0; draw < o.randomDraws; ++draw) {
    auto scores = scoresFor(engine, withoutPositions(profile, randomPositions(profile.items.size(), m, rng)));
    if (!scores) return scores.error();
    const auto ranks = ranksOf(scores.value(), seen, u.targets);
    for (std::size_t t = 0; t < u.targets.size(); ++t)
      u.randomDrop[t] += double(ranks[t] - u.ranks[t]) / o.randomDraws;
    u.randomScores.push_back(std::move(scores).value());
  }
  return u;
}

}  // namespace

Result<int> rankAfterRemoval(ScoringEngine& engine, const UserProfile& profile, std::int32_t target,
                             const std::vector<std::size_t>& removed) {
  if (target < 0 || static_cast<std::size_t>(target) >= engine.numItems())
    return makeError(ErrorCode::InvalidArgument,
                     "target row " + std::to_string(target) + " is outside the catalog");
  std::vector<bool> used(profile.items.size(), false);
  for (const auto p : removed) {
    if (p >= profile.items.size() || used[p])
      return makeError(ErrorCode::InvalidArgument,
                       "history position " + std::to_string(p) + " is outside the history or given twice");
    used[p] = true;
  }
  auto ranks = ranksAfter(engine, profile, sortedHistory(profile), {target}, removed);
  if (!ranks) return ranks.error();
  return ranks.value()[0];
}

Result<FaithfulnessReport> measureFaithfulness(const std::shared_ptr<const ModelFile>& model,
                                               const std::vector<UserProfile>& profiles,
                                               const FaithfulnessOptions& options,
                                               const TaskControl& control) {
  if (auto valid = validate(options); !valid) return valid.error();
  if (!model) return makeError(ErrorCode::InvalidArgument, "the deletion test needs a model");
  ScoringEngine engine(model);
  const auto m = static_cast<std::size_t>(options.deletions);

  std::mt19937_64 rng(options.seed);
  std::vector<std::size_t> order(profiles.size());
  std::iota(order.begin(), order.end(), std::size_t(0));
  order = randomPositions(order.size(), order.size(), rng);
  const std::size_t wanted = options.users == 0 ? profiles.size() : std::min(options.users, profiles.size());

  FaithfulnessReport report;
  for (const auto method : options.methods) report.methods.push_back({method, {}});
  for (const auto user : order) {
    if (report.usersTested == wanted) break;
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "the deletion test was cancelled");
    control.report(double(report.usersTested) / double(wanted), "deletion test");
    const auto& profile = profiles[user];
    if (profile.items.size() <= m) {
      ++report.usersSkipped;
      continue;
    }
    auto cases = baselineFor(engine, profile, options, rng);
    if (!cases) return cases.error();
    const auto& u = cases.value();
    ++report.usersTested;
    if (u.targets.empty()) continue;
    const auto seen = sortedHistory(profile);
    for (auto& entry : report.methods) {
      auto attribution = options.attribution;
      attribution.method = entry.method;
      // A single target has no other items to be compared with: its whole score is explained.
      if (attribution.contrast == ExplanationContrast::OtherItems && u.targets.size() < 2)
        attribution.contrast = ExplanationContrast::None;
      auto explanation = explainItems(*model, profile, u.targets, attribution, nullptr, control);
      if (!explanation) return explanation.error();
      attribution.contrast = explanation.value().options.contrast;  // what Automatic chose
      for (std::size_t t = 0; t < u.targets.size(); ++t) {
        FaithfulnessCase c;
        c.user = user;
        c.target = u.targets[t];
        c.rank = u.ranks[t];
        c.removed = mostAttributed(explanation.value().items[t], m);
        auto after = scoresFor(engine, withoutPositions(profile, c.removed));
        if (!after) return after.error();
        c.attributedDrop = ranksOf(after.value(), seen, {c.target})[0] - c.rank;
        c.randomDrop = u.randomDrop[t];
        const double before = explainedQuantity(u.scores, u.targets, t, attribution);
        c.explainedDrop = before - explainedQuantity(after.value(), u.targets, t, attribution);
        for (const auto& random : u.randomScores)
          c.randomExplainedDrop +=
              (before - explainedQuantity(random, u.targets, t, attribution)) / options.randomDraws;
        entry.cases.push_back(std::move(c));
      }
    }
  }
  if (report.usersTested == 0)
    return makeError(ErrorCode::Empty,
                     "no user has more than " + std::to_string(m) + " history items to remove");
  for (auto& entry : report.methods) {
    if (entry.cases.empty()) continue;
    double wins = 0.0;
    double explainedWins = 0.0;
    for (const auto& c : entry.cases) {
      entry.meanAttributedDrop += c.attributedDrop;
      entry.meanRandomDrop += c.randomDrop;
      wins += c.attributedDrop > c.randomDrop ? 1.0 : 0.0;
      entry.meanExplainedDrop += c.explainedDrop;
      entry.meanRandomExplainedDrop += c.randomExplainedDrop;
      explainedWins += c.explainedDrop > c.randomExplainedDrop ? 1.0 : 0.0;
    }
    const auto n = double(entry.cases.size());
    entry.meanAttributedDrop /= n;
    entry.meanRandomDrop /= n;
    entry.shareAttributedBeatsRandom = wins / n;
    entry.meanExplainedDrop /= n;
    entry.meanRandomExplainedDrop /= n;
    entry.shareExplainedBeatsRandom = explainedWins / n;
  }
  control.report(1.0, "deletion test");
  return report;
}

}  // namespace reclens
