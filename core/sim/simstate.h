#pragma once
// Internal to the simulator: the state one policy carries through the rounds of one seed.
#include <cstdint>
#include <memory>
#include <vector>

#include "audit/rerankinputs.h"
#include "data/dataset.h"
#include "engine/recommendation.h"
#include "engine/scoringengine.h"
#include "engine/userprofile.h"
#include "sim/linearbandit.h"
#include "sim/policy.h"
#include "sim/simulation.h"

namespace reclens::sim::detail {

// What the metrics of one round add up, per policy.
struct RoundTally {
  double users = 0.0;
  double takes = 0.0;
  double expected = 0.0;
  double best = 0.0;
  double ndcg = 0.0;
  double aplt = 0.0;
  double exposure = 0.0;
  double tailExposure = 0.0;
  double plantedExposure = 0.0;
  double novelty = 0.0;
  double slots = 0.0;
  double diversity = 0.0;
  double drift = 0.0;
  double driftUsers = 0.0;
  std::vector<std::int64_t> appearances;         // per item, this round
  std::vector<std::vector<std::int32_t>> lists;  // the round's slates (sorted), in round-user order
  std::vector<ShownSlate> shown;                 // the round's slates as shown, with keepSlates
  std::vector<GroupRound> groups;
  std::vector<std::vector<double>> itemExposure;  // per item attribute, per value
};

struct PolicyState {
  PolicySpec spec;
  std::shared_ptr<const ModelFile> model;
  std::unique_ptr<ScoringEngine> engine;
  std::vector<float> userVectors;                // [users, dim]
  std::vector<std::vector<std::int32_t>> taken;  // per user, the items taken in the simulation
  std::vector<std::vector<std::int32_t>> seen;   // per user: history + taken (never shown again)
  std::vector<std::uint8_t> changed;             // per user: took something this round
  std::vector<std::uint8_t> shownEver;           // per item
  std::unique_ptr<LinearBandits> bandit;
  InteractionLog log;  // the simulated takes, for re-training
  double cumulativeTakes = 0.0;
  double cumulativeRegret = 0.0;
  std::size_t distinctShown = 0;
  RoundTally tally;
  SeedRun run;
};

// The project-wide inputs every policy shares.
struct SharedInputs {
  const Dataset* dataset = nullptr;
  const Oracle* oracle = nullptr;
  std::vector<UserProfile> baseProfiles;              // from the whole log, in the model's vocabulary
  std::vector<std::int64_t> popularity;               // train interactions per item (the whole log)
  std::vector<std::uint8_t> tail;                     // per item: in the long tail
  std::vector<double> novelty;                        // per item
  std::vector<std::int32_t> category;                 // per item, -1 none
  std::vector<std::int32_t> brand;                    // per item, -1 none
  std::vector<std::vector<std::int32_t>> userGroups;  // per attribute: code per user (-1 none)
  std::vector<SimAttribute> attributes;
  std::vector<std::vector<std::int32_t>> itemGroups;  // per item attribute: code per item (-1 none)
  std::vector<SimItemAttribute> itemAttributes;
  std::size_t categories = 0;
  bool historyLog1p = false;
  // What the re-ranking policies read; the provider groups of providerfair are the brands, or the
  // popularity tiers when the catalog has no brand.
  ReRankInputs rerank;
};

// Adds one take of `item` to a profile (raw weight 1 through the model's history weighting).
void addTake(UserProfile& profile, std::int32_t item, bool log1p);

}  // namespace reclens::sim::detail
