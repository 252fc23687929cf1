#include "explain/collapse.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "engine/scoringengine.h"

namespace reclens {

namespace {

std::vector<double> userSide(const ItemExplanation& e) {
  std::vector<double> v;
  for (const auto& f : e.fields)
    if (f.kind != FieldKind::ItemPart) v.push_back(std::isfinite(f.attribution) ? f.attribution : 0.0);
  return v;
}

// Position of the history row with the largest positive attribution, or -1.
int leadingHistory(const ItemExplanation& e) {
  int best = -1;
  double top = 0.0;
  for (std::size_t i = 0; i < e.fields.size(); ++i) {
    const auto& f = e.fields[i];
    if (f.kind == FieldKind::History && f.attribution > top) {
      top = f.attribution;
      best = static_cast<int>(i);
    }
  }
  return best;
}

}  // namespace

bool leadsWithSameHistoryItem(const Explanation& explanation) {
  const auto& items = explanation.items;
  if (items.size() < 2) return false;
  const int lead = leadingHistory(items.front());
  return lead >= 0 && std::all_of(items.begin(), items.end(),
                                  [&](const ItemExplanation& e) { return leadingHistory(e) == lead; });
}

CollapseDiagnostic diagnoseCollapse(const Explanation& explanation, const std::vector<ScoreSplit>& split) {
  CollapseDiagnostic d;
  const auto& items = explanation.items;
  d.items = items.size();
  std::vector<std::vector<double>> vectors;
  for (const auto& e : items) vectors.push_back(userSide(e));
  double cosines = 0.0;
  std::size_t pairs = 0;
  for (std::size_t a = 0; a < vectors.size(); ++a) {
    for (std::size_t b = a + 1; b < vectors.size(); ++b) {
      if (vectors[a].size() != vectors[b].size()) continue;
      double dot = 0.0, na = 0.0, nb = 0.0;
      for (std::size_t i = 0; i < vectors[a].size(); ++i) {
        dot += vectors[a][i] * vectors[b][i];
        na += vectors[a][i] * vectors[a][i];
        nb += vectors[b][i] * vectors[b][i];
      }
      if (na > 0.0 && nb > 0.0) {
        cosines += dot / std::sqrt(na * nb);
        ++pairs;
      }
    }
  }
  d.meanCosine = pairs > 0 ? cosines / double(pairs) : NAN;
  double common = 0.0, personal = 0.0;
  for (const auto& s : split) {
    common += std::abs(s.common);
    personal += std::abs(s.personal);
  }
  d.commonShare = !split.empty() && common + personal > 0.0 ? common / (common + personal) : NAN;
  d.sameLead = leadsWithSameHistoryItem(explanation);
  d.collapsed = (std::isfinite(d.meanCosine) && d.meanCosine >= kCollapseCosine) ||
                (std::isfinite(d.commonShare) && d.commonShare >= kCollapseCommonShare);
  return d;
}

ExplanationContrast automaticContrast(const Explanation& whole) {
  if (whole.items.size() < 2) return ExplanationContrast::None;
  const auto d = diagnoseCollapse(whole, {});
  return d.sameLead || d.collapsed ? ExplanationContrast::OtherItems : ExplanationContrast::None;
}

Result<ModelCollapse> measureCollapse(const std::shared_ptr<const ModelFile>& model,
                                      const std::vector<UserProfile>& profiles,
                                      const UserBackground* background, const CollapseOptions& options,
                                      const TaskControl& control) {
  if (!model) return makeError(ErrorCode::InvalidArgument, "no model");
  if (options.topK < 1) return makeError(ErrorCode::InvalidArgument, "top-K must be at least 1");
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < profiles.size(); ++i)
    if (!profiles[i].items.empty()) order.push_back(i);
  if (order.empty()) return makeError(ErrorCode::Empty, "no user with a history to diagnose");
  if (options.attribution.contrast == ExplanationContrast::Item)
    return makeError(
        ErrorCode::InvalidArgument,
        "the model-level diagnostic compares each item with the user's other items, not with one item");
  std::mt19937_64 rng(options.seed);
  std::shuffle(order.begin(), order.end(), rng);
  if (options.users > 0 && order.size() > options.users) order.resize(options.users);
  ScoringEngine engine(model);
  ModelCollapse out;
  double cosines = 0.0, commons = 0.0;
  std::size_t withCosine = 0, withCommon = 0, collapsed = 0, sameLead = 0, shownSameLead = 0, compared = 0;
  for (std::size_t n = 0; n < order.size(); ++n) {
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "the diagnostic was cancelled");
    control.report(double(n) / double(order.size()), "diagnosing explanations");
    const auto& profile = profiles[order[n]];
    auto top = engine.recommend(profile, options.topK, {});
    if (!top) return top.error();
    std::vector<std::int32_t> items;
    for (const auto& r : top.value()) items.push_back(r.item);
    if (items.empty()) continue;
    // The diagnostic describes the explanations of the whole scores; the explanations as shown (with
    // the contrast) give the share that lead with the same history item. One item has no other to be
    // compared with.
    auto attribution = options.attribution;
    if (items.size() < 2) attribution.contrast = ExplanationContrast::None;
    auto both = explainAndCompare(*model, profile, items, attribution, nullptr, control);
    if (!both) return both.error();
    const auto& e = both.value().whole;
    shownSameLead += leadsWithSameHistoryItem(both.value().shown) ? 1 : 0;
    compared += both.value().shown.options.contrast != ExplanationContrast::None ? 1 : 0;
    std::vector<ScoreSplit> split;
    if (background != nullptr) {
      auto s = splitScores(*model, profile, *background, items);
      if (!s) return s.error();
      split = std::move(s.value());
    }
    const auto d = diagnoseCollapse(e, split);
    if (std::isfinite(d.meanCosine)) {
      cosines += d.meanCosine;
      ++withCosine;
    }
    if (std::isfinite(d.commonShare)) {
      commons += d.commonShare;
      ++withCommon;
    }
    collapsed += d.collapsed ? 1 : 0;
    sameLead += d.sameLead ? 1 : 0;
    out.perUser.push_back(d);
  }
  out.users = out.perUser.size();
  if (out.users == 0) return makeError(ErrorCode::Empty, "no sampled user has an item left to recommend");
  out.meanCosine = withCosine > 0 ? cosines / double(withCosine) : NAN;
  out.meanCommonShare = withCommon > 0 ? commons / double(withCommon) : NAN;
  out.collapsedShare = double(collapsed) / double(out.users);
  out.sameLeadShare = double(sameLead) / double(out.users);
  out.shownSameLeadShare = double(shownSameLead) / double(out.users);
  out.comparedShare = double(compared) / double(out.users);
  out.contrast = options.attribution.contrast;
  return out;
}

}  // namespace reclens
