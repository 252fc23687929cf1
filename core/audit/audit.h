#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "audit/accuracymetrics.h"
#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "engine/recommendation.h"
#include "engine/rerank.h"
#include "engine/scoringengine.h"
#include "model/datasplit.h"

namespace reclens {

// A whole-model audit (docs/metrics.md): top-K for every user, accuracy against the held-out items,
// long-tail and exposure metrics over the catalog, fairness across user groups and counterfactual
// flips. Work is split in two so that it scales out: auditing a shard of users gives an AuditPartial
// (per-user values and exposure counts); partials merge by concatenation and addition; finishing the
// merged partial computes every statistic. Sharded and unsharded runs therefore agree exactly.

inline constexpr const char* kMetricDefinitionsVersion = "2";

struct AuditConfig {
  int k = 20;                               // list length audited; every per-user metric is @k
  std::vector<std::string> userAttributes;  // user fields to split by; empty = every user field
  std::vector<std::string> itemGroupings;   // "tier", "category", "brand" (when the catalog has it)
  std::vector<std::string> flipAttributes;  // user fields to flip counterfactually; empty = none
  // Pairs of user attributes whose intersections are fairness groupings too (e.g. gender × age_band).
  std::vector<std::vector<std::string>> intersections;
  // A user attribute whose values are all numbers and that has more distinct values than this is split
  // into this many equal-frequency bins for fairness; below 2, numeric attributes are not binned.
  int numericBins = 4;
  double tailRatio = 0.2;       // RecBole TailPercentage: the least popular share of items counted as tail
  int bootstrapSamples = 1000;  // 95% percentile bootstrap CIs of group means
  int permutations = 1000;      // permutation test of the max−min gap per attribute and metric
  std::uint64_t seed = 1;       // bootstrap, permutations
  int batchSize = 256;          // users per scoring batch
  int shardIndex = 0;           // this run audits users u with u % shardCount == shardIndex
  int shardCount = 1;
  // Re-ranking of every audited list (and of its counterfactual flips), as `recommend` does: the model's
  // candidates re-ranked with these knobs (popularity = the audit's train counts, calibration against
  // the user's train history). Inactive by default; a log's lists are audited as they are.
  ReRankOptions rerank;
};

// One audited user's values (everything @k).
struct AuditUserRecord {
  std::int32_t user = -1;                // dataset user row
  bool hasTest = false;                  // at least one held-out item (accuracy counts only then)
  std::int32_t listLength = 0;           // items in the audited list (k unless the catalog runs out)
  AccuracyValues accuracy;               // zeros when !hasTest
  double averagePopularity = 0.0;        // mean train count of the listed items (ARP term)
  double longTailShare = 0.0;            // share of listed items outside the short head (APLT term)
  double tailPercentage = 0.0;           // share of listed items in the tailRatio least popular (RecBole)
  double novelty = 0.0;                  // Σ −log2(count/N_train) over the list (Castells numerator)
  double intraListDiversity = 0.0;       // 1 − mean pairwise cosine (embeddings; co-occurrence for a log)
  double miscalibration = 0.0;           // Steck's KL(history categories ‖ list categories), α = 0.01
  double historyPopularity = 0.0;        // mean train count of the distinct history items (GAP_p term)
  double historyPopularShare = 0.0;      // share of the distinct history items among the popular items
  std::int32_t historyLength = 0;        // distinct history items
  std::vector<std::int32_t> items;       // the audited list's items, by rank (listLength of them)
  std::vector<std::int32_t> groupCodes;  // per AuditPartial::userAttributes entry; -1 = missing
  // Per AuditPartial::flipAttributes entry: 1 when another value of the attribute changes the top-k
  // (any of the other values), and the mean Jaccard overlap of the original and flipped lists.
  std::vector<std::uint8_t> flipped;
  std::vector<double> flipJaccard;
};

// The mergeable result of auditing some users.
struct AuditPartial {
  AuditConfig config;
  std::string source;           // "model" or "log"
  std::string modelSha256;      // empty for a log
  std::string dataFingerprint;  // catalogFingerprint + interaction count, see auditDataFingerprint
  std::size_t numItems = 0;
  std::size_t numUsers = 0;                                   // users in the dataset (not only this shard)
  std::vector<std::string> userAttributes;                    // resolved names, in groupCodes order
  std::vector<std::vector<std::string>> userAttributeValues;  // vocabulary per attribute
  std::vector<std::string> flipAttributes;
  std::vector<AuditUserRecord> users;       // sorted by user row
  std::vector<std::int64_t> exposureCount;  // per catalog row: lists it appears in
  std::vector<double> exposureWeight;       // per catalog row: Σ exposureAtRank(rank) (audit/exposure.h)
  std::vector<int> shards;                  // shard indices merged into this partial
};

// A group's mean of one metric with its 95% bootstrap interval.
struct GroupStat {
  std::string group;
  std::size_t users = 0;
  double mean = 0.0;
  double ciLow = 0.0;
  double ciHigh = 0.0;
};

struct MetricFairness {
  std::string metric;  // "ndcg", "recall", "hit", "average_popularity", ... (fairnessMetricNames)
  std::vector<GroupStat> groups;
  double maxMinGap = 0.0;
  double meanAbsPairwiseGap = 0.0;  // Elliot UserMAD
  double pValue = 1.0;              // permutation test of maxMinGap
  double pAdjusted = 1.0;           // pValue adjusted by Benjamini–Hochberg over every test of the audit
  std::string highGroup;            // the group with the largest mean
  std::string lowGroup;             // ... and the smallest
  double gapCiLow = 0.0;            // 95% bootstrap interval of mean(highGroup) − mean(lowGroup)
  double gapCiHigh = 0.0;
  double effectSize = 0.0;  // Cohen's d of highGroup against lowGroup (pooled SD); NaN when the SD is 0
};

// Distinct items recommended to a group's audited users.
struct GroupCoverage {
  std::string group;
  std::size_t users = 0;  // audited users of the group (with or without a test item)
  std::size_t items = 0;  // distinct items in their lists
  double coverage = 0.0;  // items / catalog size
};

// One user grouping: an attribute, a binned numeric attribute, an intersection of two attributes, or
// the users' popularity profile (niche / diverse / blockbuster).
struct AttributeFairness {
  std::string attribute;
  std::vector<MetricFairness> metrics;
  std::string kind = "attribute";  // "attribute", "binned", "intersection", "popularity_profile"
  std::vector<GroupCoverage> coverage;
};

// Popularity lift (Abdollahpouri et al.) of one user-popularity group.
struct PopularityLiftGroup {
  std::string group;      // "niche", "diverse", "blockbuster"
  std::size_t users = 0;  // audited users with a history in the group
  double minShare = 0.0;  // range of the users' share of popular history items
  double maxShare = 0.0;
  double profilePopularity = 0.0;  // GAP_p: mean over users of the mean train count of history items
  double listPopularity = 0.0;     // GAP_r: the same over the listed items
  double deltaGap = 0.0;           // (GAP_r − GAP_p) / GAP_p; NaN when GAP_p is 0
};

struct ItemGroupExposure {
  std::string group;
  std::size_t items = 0;
  double exposureShare = 0.0;       // share of total exposure weight
  double catalogShare = 0.0;        // share of catalog items
  double interactionShare = 0.0;    // share of train interactions
  double meanExposure = 0.0;        // mean exposure weight per item of the group
  double meritShare = 0.0;          // share of the audited users' held-out items (relevance)
  double exposurePerMerit = 0.0;    // exposureShare / meritShare (Singh & Joachims); NaN without merit
  double recommendationRate = 0.0;  // RSP's P(R@k | g): listed / (users × items − history pairs)
  double hitRate = 0.0;             // REO's P(R@k | g, y = 1): listed held-out / held-out; NaN without
};

struct ItemGrouping {
  std::string name;  // "tier", "category", "brand"
  std::vector<ItemGroupExposure> groups;
  double rsp = 0.0;  // relative standard deviation of recommendationRate over the groups (Zhu et al.)
  double reo = 0.0;  // ... of hitRate over the groups with held-out items
};

struct FlipRate {
  std::string attribute;
  std::size_t users = 0;
  double rate = 0.0;         // share of users whose top-k changes
  double meanJaccard = 0.0;  // mean overlap of original and flipped lists
};

// Every statistic of a finished audit.
struct AuditResult {
  AuditPartial partial;            // what it was computed from (kept for reports and comparison)
  std::size_t evaluatedUsers = 0;  // users with a test item
  AccuracyValues accuracy;         // means over evaluated users
  double itemCoverage = 0.0;
  double gini = 0.0;
  double averagePopularity = 0.0;  // ARP
  double aplt = 0.0;
  double tailPercentage = 0.0;
  double novelty = 0.0;
  double intraListDiversity = 0.0;
  double exposureEntropyBits = 0.0;
  double miscalibration = 0.0;  // mean of the users' miscalibration; NaN when the catalog has no category
  double popularityRankCorrelation = 0.0;  // PRU over the lists: −mean Spearman(popularity, rank)
  std::vector<PopularityLiftGroup> popularityLift;
  std::vector<AttributeFairness> fairness;
  std::vector<ItemGrouping> itemGroups;
  std::vector<FlipRate> flips;
};

// Audits the users of config's shard under the engine's model: top-k from each user's train history
// (never listing it), accuracy against the split's test items. Reports progress; Cancelled when
// `control` is cancelled; InvalidArgument names a bad option or an unknown attribute or grouping.
Result<AuditPartial> auditModel(ScoringEngine& engine, const Dataset& dataset, const TrainTestSplit& split,
                                const AuditConfig& config, const TaskControl& control = {});

// A recommendation log: top-k lists computed elsewhere, in dataset rows.
struct RecommendationLog {
  std::vector<std::int32_t> users;                 // dataset user rows, ascending, distinct
  std::vector<std::vector<Recommendation>> lists;  // per users entry, by rank
};

// The same audit on a log, with no model: no flips, and diversity from item co-occurrence.
Result<AuditPartial> auditLog(const RecommendationLog& log, const Dataset& dataset,
                              const TrainTestSplit& split, const AuditConfig& config,
                              const TaskControl& control = {});

// Concatenates partials of the same configuration, data and model (else InvalidArgument naming the
// mismatch, or a shard given twice). When the shards cover all of 0..shardCount-1 the result is the
// whole audit, shaped as an unsharded run (shardCount 1, shardIndex 0, shards {0}) and equal to it.
Result<AuditPartial> mergePartials(const std::vector<AuditPartial>& partials);

// Computes every statistic of `partial`; deterministic for a given config seed.
Result<AuditResult> finishAudit(const AuditPartial& partial, const Dataset& dataset,
                                const TrainTestSplit& split, const TaskControl& control = {});

// A short fingerprint of the data an audit ran on (catalog fingerprint and interaction count).
std::string auditDataFingerprint(const Dataset& dataset);

// The item groupings an audit uses when none are asked for: "tier", then "category" and "brand" where
// the catalog has them, then every set-valued catalog attribute (an item counts in each of its values).
std::vector<std::string> defaultItemGroupings(const Dataset& dataset);

}  // namespace reclens
