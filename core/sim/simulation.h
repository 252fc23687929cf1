#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "sim/examination.h"
#include "sim/oracle.h"
#include "sim/policy.h"

namespace reclens {
class ModelFile;
}

namespace reclens::sim {

// What one simulation run does (docs/simulation.md).
struct SimConfig {
  std::vector<PolicySpec> policies;
  int rounds = 50;
  std::int64_t usersPerRound = 0;  // a seeded sample of users each round; 0 (or more than there are) = all
  int k = 20;
  int retrainEvery = 0;   // rounds between warm-started re-trainings of the model; 0 = a frozen model
  int retrainEpochs = 3;  // epochs of each re-training
  // Rounds of interactions a re-training sees (one day per round, counted back from the round re-trained
  // at; the project's log falls out of a window once it lies further back); 0 = all the data.
  int retrainWindow = 0;
  int seeds = 5;
  std::uint64_t seed = 1;  // seed index s runs with seed + s
  Examination examination;
  int shardIndex = 0;  // this process runs the seed indices s with s % shardCount == shardIndex
  int shardCount = 1;
  int batchUsers = 256;     // users scored together (memory: batch x catalog)
  bool keepSlates = false;  // keep every slate shown (rounds x users x K), for "why did round t show this?"
};

// The per-round figures of one policy under one seed.
enum Metric : int {
  kTakes,               // items taken per user (sampled)
  kCumulativeTakes,     // running sum of kTakes over rounds
  kExpectedTakes,       // expected takes of the slates shown, from the truth
  kRegret,              // oracle's best expected takes minus kExpectedTakes, per user
  kCumulativeRegret,    // running sum of kRegret
  kCoverage,            // distinct items shown this round / catalog size
  kCumulativeCoverage,  // distinct items shown so far / catalog size
  kGini,                // Gini of this round's slate appearances over all items
  kAplt,                // mean long-tail share per slate
  kTailExposure,        // long-tail share of position-weighted exposure (1/log2(1+r))
  kNovelty,             // Castells novelty against the train counts
  kDiversity,           // 1 - mean pairwise cosine of a slate's item vectors
  kHomogenisation,      // mean Jaccard of two users' slates (pairs drawn each round)
  kPlantedBrandShare,   // the planted under-exposed brand's share of exposure (NaN when none)
  kInterestDrift,  // mean total variation between a slate's category mix and the user's true mix (NaN when
                   // unknown)
  kNdcg,           // DCG of the slate with the truth's appeal as gain over the best slate's
  kMetricCount
};
// JSON key and readable label of each metric.
const char* metricKey(int metric);
const char* metricLabel(int metric);

// The metrics of the final-figures table (command line and GUI), with a short column heading and the
// printf format of their values.
struct HeadlineMetric {
  int metric;
  const char* heading;
  const char* format;
};
const std::vector<HeadlineMetric>& headlineMetrics();

// Per user attribute value: users seen, sum of takes, sum of NDCG in one round.
struct GroupRound {
  std::vector<double> users;
  std::vector<double> takes;
  std::vector<double> ndcg;
};

struct RoundResult {
  std::array<double, kMetricCount> values{};
  std::vector<GroupRound> groups;  // one per user attribute (SimResult::attributes)
  // Per item attribute (SimResult::itemAttributes), the position-weighted exposure (1/log2(1+r)) of each
  // of its values this round.
  std::vector<std::vector<double>> itemExposure;
};

// One slate shown in a round: the user row, the items in slate order, and which were taken.
struct ShownSlate {
  std::int32_t user = -1;
  std::vector<std::int32_t> items;
  std::vector<std::uint8_t> taken;
};

struct SeedRun {
  std::uint64_t seed = 0;
  int seedIndex = 0;
  std::vector<RoundResult> rounds;
  int retrainings = 0;
  std::vector<std::vector<ShownSlate>> slates;  // per round, per round user; only with keepSlates
};

struct PolicyRun {
  std::string policy;
  std::vector<SeedRun> seeds;  // in seed order
};

struct SimAttribute {
  std::string name;
  std::vector<std::string> values;
};

// An item attribute whose groups' exposure is measured: its values and each value's share of the catalog
// items that have a value. Catalog attributes with more than kMaxItemGroupValues values are left out.
struct SimItemAttribute {
  std::string name;
  std::vector<std::string> values;
  std::vector<double> catalogShares;
};
inline constexpr std::size_t kMaxItemGroupValues = 400;
// Item attributes with at most this many values get a share per value in tables and plots; the others
// their exposure gap only.
inline constexpr std::size_t kItemValuesListed = 20;

struct SimResult {
  SimConfig config;
  std::string oracle;     // the truth's description
  std::string model;      // the model's name / file
  std::size_t users = 0;  // users in the project
  std::size_t items = 0;
  std::vector<SimAttribute> attributes;
  std::vector<SimItemAttribute> itemAttributes;
  std::vector<PolicyRun> runs;  // one per policy, in config order
  double seconds = 0.0;
};

// Where a re-training writes and how it loads the result; set by the caller when retrainEvery > 0.
// `extended` is the project's dataset with the simulated takes appended; it returns the new model.
using Retrainer = std::function<Result<std::shared_ptr<const ModelFile>>(
    const Dataset& extended, const ModelFile& current, int epochs, std::uint64_t seed,
    const TaskControl& control)>;

// Called after every round of every seed with that round's figures, one per policy (config order), e.g.
// to plot a run while it goes. Runs on the simulating thread.
using RoundObserver =
    std::function<void(int seedIndex, int round, const std::vector<RoundResult>& perPolicy)>;

// Runs the simulation for every policy and this shard's seeds. The dataset is never modified.
// Reports progress per round and stops with ErrorCode::Cancelled when cancelled.
Result<SimResult> runSimulation(const Dataset& dataset, std::shared_ptr<const ModelFile> model,
                                const Oracle& oracle, const SimConfig& config, const Retrainer& retrain = {},
                                const TaskControl& control = {}, const RoundObserver& observer = {});

// What a re-training sees, in words: "all the data plus the simulated takes" or "the last N rounds' data".
std::string retrainDataText(const SimConfig& config);

// Checks a configuration before a run; the error names the field.
Status validateSimConfig(const SimConfig& config);

// Merges partial results of the shards of one run (same configuration but the shard): the seeds of all.
Result<SimResult> mergeSimResults(const std::vector<SimResult>& parts);

// Mean and 95% t interval over seeds of one metric at one round (0-based) of one policy.
struct Interval {
  double mean = 0.0;
  double low = 0.0;
  double high = 0.0;
  int n = 0;
};
Interval metricInterval(const PolicyRun& run, int metric, int round);
// The same for a group gap at one round: max minus min over the attribute's groups of the per-group
// mean takes (or NDCG), each seed's gap first, then over seeds.
Interval groupGapInterval(const PolicyRun& run, std::size_t attribute, bool ndcg, int round);
// The share of one item attribute's exposure that went to one of its values at one round.
Interval itemExposureShareInterval(const PolicyRun& run, std::size_t attribute, std::size_t value, int round);
// The exposure gap of an item attribute at one round: the total variation distance between its values'
// exposure shares and their catalog shares (0: every group exposed in proportion to its catalog presence;
// 1: all exposure on groups that hold none of the catalog), each seed's first, then over seeds.
Interval itemExposureGapInterval(const SimResult& result, const PolicyRun& run, std::size_t attribute,
                                 int round);

}  // namespace reclens::sim
