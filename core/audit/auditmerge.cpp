#include <algorithm>

#include "audit/audit.h"

namespace reclens {

namespace {

// The first option in which two audits differ (the shard index aside), or an empty string.
std::string configDifference(const AuditConfig& a, const AuditConfig& b) {
  if (a.k != b.k) return "k";
  if (a.userAttributes != b.userAttributes) return "user attributes";
  if (a.itemGroupings != b.itemGroupings) return "item groupings";
  if (a.flipAttributes != b.flipAttributes) return "flip attributes";
  if (a.intersections != b.intersections) return "intersections";
  if (a.numericBins != b.numericBins) return "numeric bins";
  if (a.tailRatio != b.tailRatio) return "tail ratio";
  if (a.bootstrapSamples != b.bootstrapSamples) return "bootstrap samples";
  if (a.permutations != b.permutations) return "permutations";
  if (a.seed != b.seed) return "seed";
  if (a.batchSize != b.batchSize) return "batch size";
  if (a.shardCount != b.shardCount) return "shard count";
  if (a.rerank != b.rerank) return "re-ranking";
  return {};
}

// The first identity field in which two partials differ, or an empty string.
std::string partialDifference(const AuditPartial& a, const AuditPartial& b) {
  if (auto c = configDifference(a.config, b.config); !c.empty()) return c;
  if (a.source != b.source) return "source (model or log)";
  if (a.modelSha256 != b.modelSha256) return "model";
  if (a.dataFingerprint != b.dataFingerprint) return "data";
  if (a.numItems != b.numItems || a.exposureCount.size() != b.exposureCount.size() ||
      a.exposureWeight.size() != b.exposureWeight.size())
    return "catalog size";
  if (a.numUsers != b.numUsers) return "user count";
  if (a.userAttributes != b.userAttributes || a.userAttributeValues != b.userAttributeValues)
    return "user attribute values";
  if (a.flipAttributes != b.flipAttributes) return "flip attributes";
  return {};
}

}  // namespace

Result<AuditPartial> mergePartials(const std::vector<AuditPartial>& partials) {
  if (partials.empty()) return makeError(ErrorCode::InvalidArgument, "there is no partial audit to merge");
  AuditPartial merged = partials.front();
  merged.users.clear();
  merged.shards.clear();
  std::fill(merged.exposureCount.begin(), merged.exposureCount.end(), 0);
  std::fill(merged.exposureWeight.begin(), merged.exposureWeight.end(), 0.0);
  std::size_t users = 0;
  for (const auto& p : partials) users += p.users.size();
  merged.users.reserve(users);
  for (std::size_t i = 0; i < partials.size(); ++i) {
    const auto& p = partials[i];
    if (const auto diff = partialDifference(merged, p); !diff.empty()) {
      return makeError(ErrorCode::InvalidArgument,
                       "partial audit " + std::to_string(i + 1) + " differs from the first in its " + diff);
    }
    for (const int shard : p.shards) {
      if (std::find(merged.shards.begin(), merged.shards.end(), shard) != merged.shards.end())
        return makeError(ErrorCode::InvalidArgument, "shard " + std::to_string(shard) + " is given twice");
      merged.shards.push_back(shard);
    }
    merged.users.insert(merged.users.end(), p.users.begin(), p.users.end());
    // Exposure weights lie on a 2^-28 grid (exposureAtRank), so these sums are exact in any order.
    for (std::size_t item = 0; item < p.exposureCount.size(); ++item) {
      merged.exposureCount[item] += p.exposureCount[item];
      merged.exposureWeight[item] += p.exposureWeight[item];
    }
  }
  std::sort(merged.shards.begin(), merged.shards.end());
  std::stable_sort(merged.users.begin(), merged.users.end(),
                   [](const AuditUserRecord& a, const AuditUserRecord& b) { return a.user < b.user; });
  for (std::size_t j = 1; j < merged.users.size(); ++j) {
    if (merged.users[j].user == merged.users[j - 1].user) {
      return makeError(ErrorCode::InvalidArgument,
                       "user row " + std::to_string(merged.users[j].user) + " is in two partial audits");
    }
  }
  const auto count = merged.config.shardCount;
  if (count > 1 && static_cast<int>(merged.shards.size()) == count && merged.shards.front() == 0 &&
      merged.shards.back() == count - 1) {
    merged.config.shardCount = 1;
    merged.shards = {0};
  }
  merged.config.shardIndex = merged.shards.front();
  return merged;
}

std::string auditDataFingerprint(const Dataset& dataset) {
  return catalogFingerprint(dataset.items).substr(0, 16) + "-" + std::to_string(dataset.interactions.size());
}

}  // namespace reclens
