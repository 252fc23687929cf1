#include "audit/tradeoff.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "audit/accuracymetrics.h"
#include "audit/beyondaccuracy.h"
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
  ReRankOptions provider;
  provider.providerFairness = 1.0;
  provider.providerField = dataset.items.fieldIndex("brand") >= 0 ? "brand" : "tier";
  auto inputs = makeReRankInputs(dataset, sample.trainCounts, provider);
  if (!inputs) return inputs.error();
  sample.inputs = std::move(inputs).value();
  sample.providerField = provider.providerField;
  if (const int f = dataset.items.fieldIndex("category"); f >= 0)
    sample.categories = dataset.items.fields[static_cast<std::size_t>(f)].vocabulary().size();
  sample.embeddings = engine.itemEmbeddingsOnCpu();
  sample.dim = engine.dim();
  for (const auto& field : dataset.users.fields) {
    const auto values = field.vocabulary().size();
    if (values < 2 || values > kMaxGapGroups) continue;
    sample.attributes.push_back(field.name());
    std::vector<std::int32_t> codes;
    for (const auto u : sample.users) codes.push_back(field.codeAt(static_cast<std::size_t>(u)));
    sample.userGroups.push_back(std::move(codes));
  }

  const UserProfileBuilder profiles(dataset, engine.model().metadata(), &history);
  const auto candidates = ReRankOptions{}.candidateCount(k, engine.numItems());
  sample.candidates.resize(sample.users.size());
  auto status = engine.recommendAll(
      sample.users.size(), [&](std::size_t i) { return profiles.profile(sample.users[i]); },
      static_cast<int>(candidates), true, 256,
      [&](std::size_t i, const std::vector<Recommendation>& list) { sample.candidates[i] = list; }, control);
  if (!status) return status.error();
  for (const auto u : sample.users) {
    sample.relevant.push_back(split.test[static_cast<std::size_t>(u)]);
    sample.history.push_back(profiles.profile(u).items);
  }
  return sample;
}

ReRankOptions tradeoffOptions(const TradeoffSample& sample, TradeoffKnob knob, double value) {
  ReRankOptions o;
  o.providerField = sample.providerField;
  switch (knob) {
    case TradeoffKnob::PopularityPenalty:
      o.popularityPenalty = value;
      break;
    case TradeoffKnob::UserAwarePenalty:
      o.userAwarePenalty = value;
      break;
    case TradeoffKnob::Diversity:
      o.diversity = value;
      break;
    case TradeoffKnob::Calibration:
      o.calibration = value;
      break;
    case TradeoffKnob::ProviderFairness:
      o.providerFairness = value;
      break;
  }
  return o;
}

double providerExposureDistance(const std::vector<Recommendation>& list,
                                const std::vector<std::int32_t>& provider,
                                const std::vector<double>& target) {
  const std::size_t groups = target.size();
  std::vector<double> exposure(groups + 1, 0.0);
  double total = 0.0;
  for (std::size_t r = 0; r < list.size(); ++r) {
    const auto i = static_cast<std::size_t>(list[r].item);
    const auto g = i < provider.size() ? provider[i] : -1;
    const auto slot = g >= 0 && static_cast<std::size_t>(g) < groups ? static_cast<std::size_t>(g) : groups;
    const double w = 1.0 / std::log2(double(r) + 2.0);
    exposure[slot] += w;
    total += w;
  }
  if (total <= 0.0) return 0.0;
  double sum = 0.0, tv = 0.0;
  for (std::size_t g = 0; g < groups; ++g) {
    sum += target[g];
    tv += std::abs(exposure[g] / total - target[g]);
  }
  tv += std::abs(exposure[groups] / total - std::max(0.0, 1.0 - sum));
  return 0.5 * tv;
}

std::vector<TradeoffPoint> tradeoffSweep(const TradeoffSample& sample, TradeoffKnob knob,
                                         const std::vector<double>& values) {
  std::vector<TradeoffPoint> points;
  ReRankContext context = sample.inputs.context();
  if (!sample.embeddings.empty()) {
    context.embeddings = sample.embeddings.data();
    context.dim = sample.dim;
  }
  const auto k = static_cast<std::size_t>(sample.k);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::int64_t> exposure(sample.numItems);
  std::vector<double> h, l, ndcgs(sample.users.size());
  for (const double value : values) {
    const auto options = tradeoffOptions(sample, knob, value);
    std::fill(exposure.begin(), exposure.end(), 0);
    AccuracyMean accuracy;
    double longTail = 0.0, arp = 0.0, miscalibration = 0.0, distance = 0.0;
    for (std::size_t j = 0; j < sample.users.size(); ++j) {
      context.history = &sample.history[j];
      const auto list = reRank(sample.candidates[j], sample.k, options, context);
      const auto a =
          userAccuracy(relevanceFlags(list, sample.relevant[j]), sample.relevant[j].size(), sample.k);
      accuracy.add(a);
      ndcgs[j] = a.ndcg;
      longTail += listFlaggedShare(list, sample.longTail, k);
      double listPopularity = 0.0;
      for (const auto& r : list) {
        ++exposure[static_cast<std::size_t>(r.item)];
        listPopularity += double(sample.trainCounts[static_cast<std::size_t>(r.item)]);
      }
      arp += list.empty() ? 0.0 : listPopularity / double(list.size());
      if (sample.categories > 0) {
        const double kl = listMiscalibration(sample.history[j], list, list.size(), sample.inputs.category,
                                             sample.categories, h, l);
        miscalibration += kl;
      }
      distance += providerExposureDistance(list, sample.inputs.provider, sample.inputs.providerTarget);
    }
    const double n = double(std::max<std::size_t>(sample.users.size(), 1));
    TradeoffPoint p;
    p.lambda = value;
    const auto mean = accuracy.mean();
    p.ndcg = mean.ndcg;
    p.recall = mean.recall;
    p.hit = mean.hit;
    p.coverage = itemCoverage(exposure);
    p.gini = giniIndex(exposure);
    p.aplt = longTail / n;
    p.arp = arp / n;
    p.miscalibration = sample.categories > 0 ? miscalibration / n : nan;
    p.providerDistance = distance / n;
    for (const auto& codes : sample.userGroups) {
      std::vector<double> sum(kMaxGapGroups, 0.0), count(kMaxGapGroups, 0.0);
      for (std::size_t j = 0; j < codes.size(); ++j) {
        if (codes[j] < 0 || static_cast<std::size_t>(codes[j]) >= kMaxGapGroups) continue;
        sum[static_cast<std::size_t>(codes[j])] += ndcgs[j];
        count[static_cast<std::size_t>(codes[j])] += 1.0;
      }
      double best = -1.0, worst = 2.0;
      int groups = 0;
      for (std::size_t g = 0; g < kMaxGapGroups; ++g) {
        if (count[g] < double(kMinGapGroupUsers)) continue;
        ++groups;
        best = std::max(best, sum[g] / count[g]);
        worst = std::min(worst, sum[g] / count[g]);
      }
      p.ndcgGap.push_back(groups >= 2 ? best - worst : nan);
    }
    points.push_back(std::move(p));
  }
  return points;
}

std::vector<TradeoffPoint> popularityTradeoff(const TradeoffSample& sample,
                                              const std::vector<double>& lambdas) {
  return tradeoffSweep(sample, TradeoffKnob::PopularityPenalty, lambdas);
}

}  // namespace reclens
