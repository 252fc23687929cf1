#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"

namespace reclens {

class ProjectStore;

// Parameters of the synthetic e-commerce world. Same config and seed, same world, bit for bit.
struct GeneratorConfig {
  std::uint64_t seed = 42;
  std::int64_t items = 5000;
  std::int64_t users = 2000;
  std::int64_t interactions = 100000;  // approximate total; the exact count is in the summary
  int categories = 12;
  int brands = 60;
  double zipfExponent = 1.05;
  std::int64_t startTime = 1672531200;  // 2023-01-01T00:00:00Z
  int days = 365;
  std::string size = "custom";  // the preset it came from, shown in the dataset name

  // Named sizes: "tiny" (tests), "demo", "large" (100k items), "huge" (1M x 1M x 50M).
  static Result<GeneratorConfig> preset(const std::string& size);
  // The preset names, smallest first.
  static const std::vector<std::string>& presetNames();
};

struct GeneratorSummary {
  std::int64_t items = 0;
  std::int64_t users = 0;
  std::int64_t interactions = 0;
  std::string plantedTruthJson;  // the planted ground truth, as also written to the project
};

// Writes a synthetic world into `store` in one transaction, replacing its dataset, with the
// planted ground truth in the project's planted_truth table. Memory stays bounded by catalog + users.
Result<GeneratorSummary> generateProject(const GeneratorConfig& config, ProjectStore& store,
                                         const TaskControl& control = {});
// Writes the same world as interactions.csv, items.csv, users.csv and truth.json into `dir`,
// in the generic import layout (so `reclens-cli import` can read it back).
Result<GeneratorSummary> generateCsv(const GeneratorConfig& config, const std::string& dir,
                                     const TaskControl& control = {});

}  // namespace reclens
