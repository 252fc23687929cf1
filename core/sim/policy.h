#pragma once
#include <string>
#include <vector>

#include "common/result.h"

namespace reclens::sim {

// A way of choosing each simulated slate. Written as name[:parameter]:
//   greedy            the model's top-K
//   egreedy[:eps]     each slot, with probability eps (0.1), a uniformly drawn item instead
//   thompson[:s]      linear Thompson sampling over the item vectors (prior scale s, 0.1)
//   linucb[:a]        LinUCB over the item vectors (a = 1 posterior std of bonus)
//   random            K uniformly drawn items
//   popularity[:l]    the popularity penalty re-ranker (l = 0.5)
//   mmr[:m]           the MMR diversity re-ranker (m = 0.3)
//   catcap[:n]        at most n (3) items per category
//   calibrated[:k]    Steck's calibrated re-ranker with weight k (0.5): the slate's category mix towards
//                     the user's history so far
//   providerfair[:p]  provider-fair exposure with weight p (0.5): the slate's exposure shares of the brands
//                     (of the popularity tiers without brands) towards their catalog shares
//   useraware[:l]     the popularity penalty l (1) scaled by the share of the user's history so far
//                     outside the popular items
//   oracle            the truth's best slate (an upper bound: its regret is 0 by definition)
struct PolicySpec {
  enum class Kind {
    Greedy,
    EpsilonGreedy,
    Thompson,
    LinUcb,
    Random,
    PopularityPenalty,
    Mmr,
    CategoryCap,
    Calibrated,
    ProviderFair,
    UserAwarePenalty,
    Oracle
  };
  Kind kind = Kind::Greedy;
  double parameter = 0.0;
  std::string name;  // canonical, e.g. "egreedy:0.1"

  static Result<PolicySpec> parse(const std::string& text);
  // A comma-separated list; names must be distinct.
  static Result<std::vector<PolicySpec>> parseList(const std::string& text);
  bool isBandit() const { return kind == Kind::Thompson || kind == Kind::LinUcb; }
};

// The policy names accepted, for help texts.
const std::vector<std::string>& policyNames();

}  // namespace reclens::sim
