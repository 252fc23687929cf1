#pragma once
// The data side of `bench audit`: a synthetic project with a model, the inputs of the plain-PyTorch
// baseline, and the comparison of the two sets of metrics.
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "engine/computedevice.h"
#include "engine/scoringengine.h"
#include "model/datasplit.h"
#include "model/modelfile.h"

namespace reclens::cli {

struct AuditBenchWorld {
  Dataset dataset;
  TrainTestSplit split;
  std::shared_ptr<const ModelFile> model;
};

// Generates a world of `items` items and `users` users (about 20 interactions each) into a project in
// `dir`, trains a one-epoch BPR model of dimension `dim` on it and loads both.
Result<AuditBenchWorld> makeAuditBenchWorld(std::int64_t items, std::int64_t users, int dim,
                                            std::uint64_t seed, int threads, const ComputeDevice& device,
                                            const std::string& dir, const TaskControl& control);

// Writes what the baseline needs into `dir`: meta.json (with the model file, whose user vectors the
// baseline computes itself inside its timer, as RecLens does) and raw little-endian arrays (item matrix,
// each user's history items and weights and model field codes, test items, history interactions, user
// groups, item fields).
Status writeBaselineInputs(const AuditBenchWorld& world, ScoringEngine& engine, const AuditConfig& config,
                           const std::string& dir);

// How the random parts of two audits compare: the bootstrap interval ends and permutation p-values come
// from other random draws on each side, so each must agree within a tolerance of its Monte Carlo error
// (five standard errors of the difference of two independent estimates): an interval end within
// 4.82 · width / sqrt(bootstrap) (the 2.5% and 97.5% quantiles of a normal bootstrap distribution from
// `bootstrap` draws) plus 1/n for a group of n users (the step of a mean of values in [0, 1], by which two
// samplers' quantiles of a discrete metric can differ), and a p-value within
// 5 · sqrt(2 p (1 − p) / permutations) + 2 / (permutations + 1).
struct RandomPartsCheck {
  int bootstrap = 0;     // resamples per side
  int permutations = 0;  // relabellings per side
  int compared = 0;
  int outside = 0;          // values outside their tolerance (each also a line in `mismatches`)
  double worstRatio = 0.0;  // largest |difference| / tolerance
};

// The largest absolute difference per metric (the path of its key with the metric or grouping it
// belongs to; groups and attributes pooled) between two "metrics" trees; the random parts (bootstrap
// intervals, permutation p-values) go to `random` instead. Where the trees differ in shape, labels or
// counts, or a random part lies outside its tolerance, a line goes to `mismatches`. Values the baseline
// does not compute (keys and array entries absent from `theirs`) are not compared.
std::map<std::string, double> metricDifferences(const nlohmann::json& ours, const nlohmann::json& theirs,
                                                RandomPartsCheck& random,
                                                std::vector<std::string>& mismatches);

}  // namespace reclens::cli
