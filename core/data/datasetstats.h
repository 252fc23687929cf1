#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "data/dataset.h"

namespace reclens {

// Descriptive statistics of a dataset, as shown by `reclens-cli info` and the GUI status bar.
struct DatasetStats {
  std::int64_t users = 0;
  std::int64_t items = 0;
  std::int64_t interactions = 0;
  std::int64_t distinctPairs = 0;    // distinct (user, item) pairs
  std::int64_t activeUsers = 0;      // users with at least one interaction
  std::int64_t interactedItems = 0;  // items with at least one interaction
  double sparsity = 1.0;             // 1 - distinctPairs / (users * items)
  std::int64_t firstTime = kNoTime;
  std::int64_t lastTime = kNoTime;
  TimeUnit timeUnit = TimeUnit::UnixSeconds;
  double popularityGini = 0.0;  // Gini of interaction counts over all catalog items (RecBole form)
  double meanInteractionsPerUser = 0.0;
  struct FieldDistribution {
    std::string field;
    std::int64_t missing = 0;
    std::vector<std::pair<std::string, std::int64_t>> counts;  // value -> rows, most frequent first
  };
  std::vector<FieldDistribution> userAttributes;
  std::vector<FieldDistribution> itemAttributes;
};

// Computes the statistics in one pass over the interactions (plus a sort for distinct pairs).
DatasetStats computeDatasetStats(const Dataset& dataset);

// Gini coefficient of non-negative counts, zeros included: sum((2i-n-1) c_(i)) / (n sum c), c sorted
// ascending.
double giniCoefficient(std::vector<std::int64_t> counts);

}  // namespace reclens
