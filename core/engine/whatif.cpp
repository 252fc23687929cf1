#include "engine/whatif.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

namespace reclens {

namespace {

Error editError(std::size_t index, const std::string& what) {
  return makeError(ErrorCode::InvalidArgument, "what-if edit " + std::to_string(index + 1) + ": " + what);
}

std::ptrdiff_t historyPosition(const UserProfile& p, std::int32_t item) {
  const auto it = std::find(p.items.begin(), p.items.end(), item);
  return it == p.items.end() ? -1 : it - p.items.begin();
}

}  // namespace

Result<UserProfile> applyWhatIfEdits(const UserProfile& base, const std::vector<WhatIfEdit>& edits,
                                     const ModelMetadata& metadata) {
  UserProfile p = base;
  for (std::size_t e = 0; e < edits.size(); ++e) {
    const auto& edit = edits[e];
    if (edit.kind == WhatIfEdit::Kind::SetUserField) {
      if (edit.field < 0 || static_cast<std::size_t>(edit.field) >= metadata.userFields.size())
        return editError(e, "the model has no user field " + std::to_string(edit.field));
      const auto& field = metadata.userFields[static_cast<std::size_t>(edit.field)];
      if (edit.code < -1 || edit.code >= static_cast<std::int32_t>(field.vocabulary.size()))
        return editError(
            e, "code " + std::to_string(edit.code) + " is outside the vocabulary of '" + field.name + "'");
      p.fieldCodes.resize(metadata.userFields.size(), -1);
      p.fieldCodes[static_cast<std::size_t>(edit.field)] = edit.code;
      continue;
    }
    if (edit.item < 0 || edit.item >= metadata.numItems)
      return editError(e, "item row " + std::to_string(edit.item) + " is outside the model's catalog");
    if (edit.kind != WhatIfEdit::Kind::RemoveItem && (!std::isfinite(edit.weight) || edit.weight < 0.0f))
      return editError(e, "the weight must be a finite number of at least 0");
    const auto at = historyPosition(p, edit.item);
    switch (edit.kind) {
      case WhatIfEdit::Kind::RemoveItem:
        if (at < 0) return editError(e, "item row " + std::to_string(edit.item) + " is not in the history");
        p.items.erase(p.items.begin() + at);
        p.weights.erase(p.weights.begin() + at);
        break;
      case WhatIfEdit::Kind::AddItem:
        if (at >= 0)
          return editError(e, "item row " + std::to_string(edit.item) + " is already in the history");
        p.items.push_back(edit.item);
        p.weights.push_back(edit.weight);
        break;
      case WhatIfEdit::Kind::SetWeight:
        if (at < 0) return editError(e, "item row " + std::to_string(edit.item) + " is not in the history");
        p.weights[static_cast<std::size_t>(at)] = edit.weight;
        break;
      case WhatIfEdit::Kind::SetUserField:
        break;
    }
  }
  return p;
}

RankComparison compareRankings(const std::vector<Recommendation>& before,
                               const std::vector<Recommendation>& after) {
  RankComparison c;
  std::unordered_map<std::int32_t, int> beforeRank;
  for (const auto& r : before) beforeRank.emplace(r.item, r.rank);
  std::unordered_map<std::int32_t, int> afterRank;
  for (const auto& r : after) {
    afterRank.emplace(r.item, r.rank);
    RankChange change{r.item, 0, r.rank, RankChangeKind::New};
    if (const auto it = beforeRank.find(r.item); it != beforeRank.end()) {
      change.before = it->second;
      change.kind = it->second == r.rank ? RankChangeKind::Same : RankChangeKind::Moved;
    }
    switch (change.kind) {
      case RankChangeKind::Same:
        ++c.same;
        break;
      case RankChangeKind::Moved:
        ++c.moved;
        break;
      case RankChangeKind::New:
        ++c.added;
        break;
      case RankChangeKind::Dropped:
        break;
    }
    c.changes.push_back(change);
  }
  for (const auto& r : before) {
    if (afterRank.count(r.item) != 0) continue;
    c.changes.push_back({r.item, r.rank, 0, RankChangeKind::Dropped});
    ++c.dropped;
  }
  const int common = c.same + c.moved;
  const auto longer = std::max(before.size(), after.size());
  const auto either = static_cast<std::size_t>(c.same + c.moved + c.added + c.dropped);
  c.overlap = longer == 0 ? 1.0 : static_cast<double>(common) / static_cast<double>(longer);
  c.jaccard = either == 0 ? 1.0 : static_cast<double>(common) / static_cast<double>(either);
  return c;
}

Result<WhatIfResult> runWhatIf(ScoringEngine& engine, const UserProfile& base,
                               const std::vector<WhatIfEdit>& edits, int k,
                               const ScoringEngine::Options& options,
                               const std::vector<Recommendation>* baseline) {
  if (!engine.hasModel())
    return makeError(ErrorCode::InvalidArgument, "a what-if needs an engine made from a model");
  auto profile = applyWhatIfEdits(base, edits, engine.model().metadata());
  if (!profile) return profile.error();
  WhatIfResult result;
  if (baseline != nullptr) {
    result.baseline = *baseline;
  } else {
    auto list = engine.recommend(base, k, options);
    if (!list) return list.error();
    result.baseline = std::move(list).value();
  }
  auto u = engine.userVector(profile.value());
  if (!u) return u.error();
  result.userVector = std::move(u).value();
  result.profile = std::move(profile).value();
  // recommend() would compute the user vector again; ranking from the one in hand keeps the round trip
  // to one user_vector call when no re-ranking is asked for.
  if (options.reRank.active()) {
    auto list = engine.recommend(result.profile, k, options);
    if (!list) return list.error();
    result.list = std::move(list).value();
  } else {
    static const std::vector<std::int32_t> kNone;
    auto list = engine.topK(result.userVector, k, options.excludeSeen ? result.profile.items : kNone);
    if (!list) return list.error();
    result.list = std::move(list).value();
  }
  result.comparison = compareRankings(result.baseline, result.list);
  return result;
}

}  // namespace reclens
