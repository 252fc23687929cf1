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

// Writes what the baseline needs into `dir`: meta.json and raw little-endian arrays (item matrix, user
// vectors, history and test items per user, history interactions, user groups, item fields).
Status writeBaselineInputs(const AuditBenchWorld& world, ScoringEngine& engine, const AuditConfig& config,
                           const std::string& dir);

// The largest absolute difference per metric (the path of its key with the metric or grouping it
// belongs to; groups and attributes pooled) between two "metrics" trees, leaving out the random parts
// (bootstrap intervals, permutation p-values). Where the trees differ in shape, labels or counts, a line
// goes to `mismatches`.
std::map<std::string, double> metricDifferences(const nlohmann::json& ours, const nlohmann::json& theirs,
                                                std::vector<std::string>& mismatches);

}  // namespace reclens::cli
