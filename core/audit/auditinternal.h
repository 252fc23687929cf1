#pragma once
// Pieces shared by the model and log audits and the finish step; not part of the public API.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "audit/itemsimilarity.h"

namespace reclens::audit_detail {

// The per-user metrics that user-group fairness reports, in MetricFairness order; "miscalibration"
// (last) only when the catalog has a category field.
inline std::vector<std::string> fairnessMetricNames(bool withCalibration) {
  std::vector<std::string> names = {"ndcg", "recall",          "hit",     "average_popularity",
                                    "aplt", "tail_percentage", "novelty", "intra_list_diversity"};
  if (withCalibration) names.emplace_back("miscalibration");
  return names;
}

// The catalog field whose distribution calibration compares.
inline constexpr const char* kCalibrationField = "category";

// What every per-user value needs to know about the data, computed once per audit.
struct AuditContext {
  std::vector<bool> historyRows;          // interaction rows before the test part (train + validation)
  std::vector<std::int64_t> trainCounts;  // per catalog row: history rows of the item
  std::vector<std::uint8_t> longTail;     // 1 outside the short head (80% of train interactions)
  std::vector<std::uint8_t> tail;         // RecBole TailPercentage's tail
  std::vector<double> novelty;            // −log2(count / total), 0 for unseen items
  std::vector<std::uint8_t> popular;      // ΔGAP's popular items: the top 20% of the items seen in train
  std::vector<std::int32_t> category;     // calibration category per catalog row (-1: none); may be empty
  std::size_t categories = 0;             // size of the category vocabulary
  std::vector<int> userFields;            // dataset user field per AuditPartial::userAttributes entry
};

// Reusable buffers of recordList (one per thread).
struct RecordScratch {
  std::vector<std::uint8_t> flags;
  std::vector<std::int32_t> history;
  std::vector<double> historyCategories;
  std::vector<double> listCategories;
};

// Checks the options and that `split` belongs to `dataset`; the error names the bad option.
Status checkAuditInputs(const Dataset& dataset, const TrainTestSplit& split, const AuditConfig& config);

// A partial with everything but users filled in: identity, resolved attributes, zeroed exposure.
// InvalidArgument names an unknown user attribute or item grouping.
Result<AuditPartial> startPartial(const Dataset& dataset, const TrainTestSplit& split,
                                  const AuditConfig& config, const std::string& source);

AuditContext makeContext(const Dataset& dataset, const TrainTestSplit& split, const AuditPartial& partial);

// Users of the dataset (and of the split, which may name more).
std::size_t userCount(const Dataset& dataset, const TrainTestSplit& split);

// Fills every list-derived value of `record` (accuracy, popularity, tail, novelty, diversity,
// calibration, history popularity, the listed items, group codes) for user `user` and its top-k
// `list`, and adds the list's exposure to `partial`.
void recordList(std::int32_t user, const std::vector<Recommendation>& list, const AuditContext& context,
                const TrainTestSplit& split, const Dataset& dataset, const ItemSimilarity& similarity,
                AuditPartial& partial, AuditUserRecord& record, RecordScratch& scratch);

// The distinct history items of user row u (train and validation parts), ascending, into `out`.
void historyItemsOf(const TrainTestSplit& split, std::size_t u, std::vector<std::int32_t>& out);

// Item groupings of an audit: "tier" and catalog field names; an empty request gives
// defaultItemGroupings(). InvalidArgument names an unknown grouping.
Result<std::vector<std::string>> resolveItemGroupings(const Dataset& dataset,
                                                      const std::vector<std::string>& asked);

}  // namespace reclens::audit_detail
