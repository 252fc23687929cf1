#include "audit/tradeoff.h"

#include <algorithm>

#include "audit/accuracymetrics.h"
#include "audit/longtailmetrics.h"
#include "data/generatorrng.h"
#include "engine/rerank.h"
#include "engine/userprofilebuilder.h"

namespace reclens {

Result<TradeoffSample> sampleTradeoff(ScoringEngine& engine, const Dataset& dataset,
                                      const TrainTestSplit& split, int k, std::size_t users,
                                      std::uint64_t seed, const TaskControl& control) {
  if (k < 1) return makeError(ErrorCode::InvalidArgument, "the list length k must be at least 1");
  if (!engine.hasModel()) return makeError(ErrorCode::InvalidArgument, "the engine has no model");
  if (split.part.size() != dataset.interactions.size())
    return makeError(ErrorCode::InvalidArgument, "the split does not belong to this dataset");
  if (auto s = checkModelCatalog(engine.model().metadata(), dataset.items); !s) return s.error();

  TradeoffSample sample;
  sample.k = k;
  sample.numItems = dataset.items.size();
  for (std::size_t u = 0; u < split.test.size(); ++u) {
    if (!split.test[u].empty()) sample.users.push_back(static_cast<std::int32_t>(u));
  }
  if (sample.users.size() > users) {
    // A partial Fisher-Yates shuffle picks `users` of them; sorting restores row order.
    GeneratorRng rng(seed);
    for (std::size_t j = 0; j < users; ++j) {
      const auto r = j + rng.below(static_cast<std::uint32_t>(sample.users.size() - j));
      std::swap(sample.users[j], sample.users[r]);
    }
    sample.users.resize(users);
    std::sort(sample.users.begin(), sample.users.end());
  }
  std::vector<bool> history(split.part.size());
  for (std::size_t r = 0; r < split.part.size(); ++r) history[r] = split.part[r] != SplitPart::Test;
  sample.trainCounts = itemPopularity(dataset.interactions, dataset.items.size(), &history);
  const auto head = shortHeadItems(sample.trainCounts);
  sample.longTail.resize(head.size());
  for (std::size_t i = 0; i < head.size(); ++i) sample.longTail[i] = head[i] ? 0 : 1;

  const UserProfileBuilder profiles(dataset, engine.model().metadata(), &history);
  const auto candidates = ReRankOptions{}.candidateCount(k, engine.numItems());
  sample.candidates.resize(sample.users.size());
  auto status = engine.recommendAll(
      sample.users.size(), [&](std::size_t i) { return profiles.profile(sample.users[i]); },
      static_cast<int>(candidates), true, 256,
      [&](std::size_t i, const std::vector<Recommendation>& list) { sample.candidates[i] = list; }, control);
  if (!status) return status.error();
  for (const auto u : sample.users) sample.relevant.push_back(split.test[static_cast<std::size_t>(u)]);
  return sample;
}

std::vector<TradeoffPoint> popularityTradeoff(const TradeoffSample& sample,
                                              const std::vector<double>& lambdas) {
  std::vector<TradeoffPoint> points;
  ReRankContext context;
  context.popularity = &sample.trainCounts;
  const auto k = static_cast<std::size_t>(sample.k);
  std::vector<std::int64_t> exposure(sample.numItems);
  for (const double lambda : lambdas) {
    ReRankOptions options;
    options.popularityPenalty = lambda;
    std::fill(exposure.begin(), exposure.end(), 0);
    AccuracyMean accuracy;
    double longTail = 0.0;
    for (std::size_t j = 0; j < sample.users.size(); ++j) {
      const auto list = reRank(sample.candidates[j], sample.k, options, context);
      accuracy.add(
          userAccuracy(relevanceFlags(list, sample.relevant[j]), sample.relevant[j].size(), sample.k));
      longTail += listFlaggedShare(list, sample.longTail, k);
      for (const auto& r : list) ++exposure[static_cast<std::size_t>(r.item)];
    }
    TradeoffPoint p;
    p.lambda = lambda;
    p.ndcg = accuracy.mean().ndcg;
    p.coverage = itemCoverage(exposure);
    p.gini = giniIndex(exposure);
    p.aplt = sample.users.empty() ? 0.0 : longTail / double(sample.users.size());
    points.push_back(p);
  }
  return points;
}

}  // namespace reclens
