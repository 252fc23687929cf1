#include "explain/faithfulnesscurves.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>

#include "engine/scoringengine.h"
#include "engine/targetstanding.h"

namespace reclens {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// `profile` with only the history positions marked in `keep`, in history order with their weights.
UserProfile keeping(const UserProfile& profile, const std::vector<bool>& keep) {
  UserProfile out;
  out.fieldCodes = profile.fieldCodes;
  for (std::size_t l = 0; l < profile.items.size(); ++l) {
    if (!keep[l]) continue;
    out.items.push_back(profile.items[l]);
    out.weights.push_back(profile.weights[l]);
  }
  return out;
}

// The history positions of `e` by attribution, largest first, ties to the earlier position.
void rankHistory(const ItemExplanation& e, MethodCurves& out) {
  std::vector<const FieldAttribution*> history;
  for (const auto& f : e.fields) {
    if (f.kind == FieldKind::History) history.push_back(&f);
  }
  std::stable_sort(history.begin(), history.end(), [](const FieldAttribution* a, const FieldAttribution* b) {
    return a->attribution > b->attribution || (a->attribution == b->attribution && a->index < b->index);
  });
  for (const auto* f : history) {
    out.order.push_back(static_cast<std::size_t>(f->index));
    out.attributions.push_back(f->attribution);
  }
}

// A full Fisher–Yates shuffle of the positions 0..size−1.
std::vector<std::size_t> randomOrder(std::size_t size, std::mt19937_64& rng) {
  std::vector<std::size_t> all(size);
  std::iota(all.begin(), all.end(), std::size_t(0));
  for (std::size_t i = 0; i + 1 < size; ++i) {
    const auto j = i + static_cast<std::size_t>(rng() % (size - i));
    std::swap(all[i], all[j]);
  }
  return all;
}

Status validate(const FaithfulnessCurveOptions& o) {
  if (o.methods.empty())
    return makeError(ErrorCode::InvalidArgument, "the faithfulness curves need at least one method");
  if (o.maxSteps < 0)
    return makeError(ErrorCode::InvalidArgument, "the faithfulness curves need a step cap of 0 or more");
  if (o.randomOrders < 1)
    return makeError(ErrorCode::InvalidArgument, "the faithfulness curves need at least one random order");
  return Status::success();
}

// The profiles every curve is scored on, queued so that one batched call scores them all. Deletion
// k and insertion k of an order are the profiles without (with only) its first k positions.
class CurveProfiles {
 public:
  CurveProfiles(const UserProfile& profile, std::size_t steps) : m_profile(profile), m_steps(steps) {
    m_queue.push_back(profile);                                                           // row 0: full
    m_queue.push_back(keeping(profile, std::vector<bool>(profile.items.size(), false)));  // row 1: empty
  }
  // Queues the deletion and insertion profiles of `order` (k = 1..steps); returns the first row.
  std::size_t add(const std::vector<std::size_t>& order) {
    const std::size_t first = m_queue.size();
    std::vector<bool> kept(m_profile.items.size(), true);
    std::vector<bool> added(m_profile.items.size(), false);
    for (std::size_t k = 1; k <= m_steps; ++k) {
      kept[order[k - 1]] = false;
      m_queue.push_back(keeping(m_profile, kept));
    }
    for (std::size_t k = 1; k <= m_steps; ++k) {
      added[order[k - 1]] = true;
      m_queue.push_back(keeping(m_profile, added));
    }
    return first;
  }
  const std::vector<UserProfile>& queue() const { return m_queue; }

 private:
  const UserProfile& m_profile;
  std::size_t m_steps;
  std::vector<UserProfile> m_queue;
};

// The two curves of an order whose profiles start at `first` in `standings`.
void fillCurves(const std::vector<TargetStanding>& standings, std::size_t first, std::size_t steps,
                FaithfulnessCurve& deletion, FaithfulnessCurve& insertion) {
  deletion.scores = {standings[0].score};
  deletion.ranks = {double(standings[0].rank)};
  insertion.scores = {standings[1].score};
  insertion.ranks = {double(standings[1].rank)};
  for (std::size_t k = 0; k < steps; ++k) {
    const auto& d = standings[first + k];
    const auto& i = standings[first + steps + k];
    deletion.scores.push_back(d.score);
    deletion.ranks.push_back(d.rank);
    insertion.scores.push_back(i.score);
    insertion.ranks.push_back(i.rank);
  }
}

void addInto(FaithfulnessCurve& sum, const FaithfulnessCurve& curve, double weight) {
  sum.scores.resize(curve.scores.size(), 0.0);
  sum.ranks.resize(curve.ranks.size(), 0.0);
  for (std::size_t k = 0; k < curve.scores.size(); ++k) {
    sum.scores[k] += weight * curve.scores[k];
    sum.ranks[k] += weight * curve.ranks[k];
  }
}

}  // namespace

double normalisedCurveArea(const std::vector<double>& scores, double full, double empty) {
  const double scale = std::max({1.0, std::abs(full), std::abs(empty)});
  if (scores.size() < 2 || std::abs(full - empty) <= 1e-9 * scale) return kNaN;
  const double width = 1.0 / double(scores.size() - 1);
  double area = 0.0;
  for (std::size_t k = 0; k + 1 < scores.size(); ++k)
    area += width * ((scores[k] - empty) + (scores[k + 1] - empty)) / 2.0;
  return area / (full - empty);
}

Result<FaithfulnessCurves> measureFaithfulnessCurves(const std::shared_ptr<const ModelFile>& model,
                                                     const UserProfile& profile, std::int32_t target,
                                                     const FaithfulnessCurveOptions& options,
                                                     const TaskControl& control) {
  if (auto valid = validate(options); !valid) return valid.error();
  if (!model) return makeError(ErrorCode::InvalidArgument, "the faithfulness curves need a model");
  ScoringEngine engine(model);
  if (target < 0 || static_cast<std::size_t>(target) >= engine.numItems())
    return makeError(ErrorCode::InvalidArgument,
                     "target row " + std::to_string(target) + " is outside the catalog");
  if (std::find(profile.items.begin(), profile.items.end(), target) != profile.items.end())
    return makeError(ErrorCode::InvalidArgument, "the target item is in the user's history");
  if (profile.items.empty())
    return makeError(ErrorCode::Empty, "the user has no history item to remove or add");

  FaithfulnessCurves out;
  out.target = target;
  out.history = profile.items.size();
  out.steps =
      options.maxSteps == 0 ? out.history : std::min(out.history, static_cast<std::size_t>(options.maxSteps));
  out.randomOrders = options.randomOrders;
  // Explaining is the slow part for most methods: it gets the first half of the progress.
  const double explainShare = 0.5;
  const auto methods = double(options.methods.size());
  CurveProfiles profiles(profile, out.steps);
  std::vector<std::size_t> firstRow;
  for (const auto method : options.methods) {
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "the faithfulness curves were cancelled");
    control.report(explainShare * double(out.methods.size()) / methods, "explaining");
    auto attribution = options.attribution;
    attribution.method = method;
    attribution.contrast = ExplanationContrast::None;
    attribution.versusItem = -1;
    TaskControl inner;
    inner.cancel = control.cancel;
    auto explanation = explainItems(*model, profile, {target}, attribution, nullptr, inner);
    if (!explanation) return explanation.error();
    MethodCurves curves;
    curves.method = method;
    rankHistory(explanation.value().items.front(), curves);
    firstRow.push_back(profiles.add(curves.order));
    out.methods.push_back(std::move(curves));
  }
  std::mt19937_64 rng(options.seed);
  std::vector<std::size_t> randomRows;
  for (int r = 0; r < options.randomOrders; ++r)
    randomRows.push_back(profiles.add(randomOrder(out.history, rng)));

  const auto& queue = profiles.queue();
  const auto dim = static_cast<std::size_t>(engine.dim());
  std::vector<float> vectors(queue.size() * dim);
  for (std::size_t j = 0; j < queue.size(); ++j) {
    if (j % 64 == 0) {
      if (control.cancelled())
        return makeError(ErrorCode::Cancelled, "the faithfulness curves were cancelled");
      control.report(explainShare + (1.0 - explainShare) * double(j) / double(queue.size()), "scoring");
    }
    auto u = engine.userVector(queue[j]);
    if (!u) return u.error();
    std::copy(u.value().begin(), u.value().end(), vectors.begin() + static_cast<std::ptrdiff_t>(j * dim));
  }
  auto seen = profile.items;
  std::sort(seen.begin(), seen.end());
  auto standings = targetStandings(*model, vectors, queue.size(), target, seen);
  if (!standings) return standings.error();
  const auto& s = standings.value();
  out.fullScore = s[0].score;
  out.emptyScore = s[1].score;
  const auto area = [&out](FaithfulnessCurve& c) {
    c.area = normalisedCurveArea(c.scores, out.fullScore, out.emptyScore);
  };
  for (std::size_t m = 0; m < out.methods.size(); ++m) {
    auto& curves = out.methods[m];
    fillCurves(s, firstRow[m], out.steps, curves.deletion, curves.insertion);
    area(curves.deletion);
    area(curves.insertion);
  }
  for (const auto first : randomRows) {
    FaithfulnessCurve deletion, insertion;
    fillCurves(s, first, out.steps, deletion, insertion);
    addInto(out.randomDeletion, deletion, 1.0 / options.randomOrders);
    addInto(out.randomInsertion, insertion, 1.0 / options.randomOrders);
  }
  area(out.randomDeletion);
  area(out.randomInsertion);
  control.report(1.0, "faithfulness curves");
  return out;
}

}  // namespace reclens
