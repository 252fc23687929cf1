#include <algorithm>

#include "audit/audit.h"
#include "audit/auditinternal.h"

namespace reclens {

namespace {

// The log's shape: one list per user, users ascending and distinct and known, items in the catalog and
// not repeated within the audited part of a list.
Status checkLog(const RecommendationLog& log, std::size_t numUsers, std::size_t numItems, int k) {
  const auto bad = [](const std::string& what) { return makeError(ErrorCode::InvalidArgument, what); };
  if (log.users.size() != log.lists.size()) {
    return bad("the recommendation log has " + std::to_string(log.users.size()) + " users but " +
               std::to_string(log.lists.size()) + " lists");
  }
  std::vector<std::int32_t> seen;
  for (std::size_t j = 0; j < log.users.size(); ++j) {
    const auto user = log.users[j];
    if (user < 0 || static_cast<std::size_t>(user) >= numUsers)
      return bad("the recommendation log names user row " + std::to_string(user) +
                 ", which the dataset lacks");
    if (j > 0 && user <= log.users[j - 1])
      return bad("the recommendation log's users are not ascending and distinct at user row " +
                 std::to_string(user));
    const auto& list = log.lists[j];
    seen.clear();
    for (std::size_t r = 0; r < std::min(list.size(), static_cast<std::size_t>(k)); ++r) {
      const auto item = list[r].item;
      if (item < 0 || static_cast<std::size_t>(item) >= numItems) {
        return bad("the list of user row " + std::to_string(user) + " names item row " +
                   std::to_string(item) + ", outside the catalog of " + std::to_string(numItems) + " items");
      }
      seen.push_back(item);
    }
    std::sort(seen.begin(), seen.end());
    if (std::adjacent_find(seen.begin(), seen.end()) != seen.end())
      return bad("the list of user row " + std::to_string(user) + " names an item twice");
  }
  return Status::success();
}

// Each user's distinct history items (train and validation parts), for co-occurrence similarity.
std::vector<std::vector<std::int32_t>> historyItems(const TrainTestSplit& split) {
  std::vector<std::vector<std::int32_t>> items(split.users());
  for (std::size_t u = 0; u < split.users(); ++u) audit_detail::historyItemsOf(split, u, items[u]);
  return items;
}

}  // namespace

Result<AuditPartial> auditLog(const RecommendationLog& log, const Dataset& dataset,
                              const TrainTestSplit& split, const AuditConfig& config,
                              const TaskControl& control) {
  if (!config.flipAttributes.empty()) {
    return makeError(ErrorCode::InvalidArgument, "a recommendation log has no model, so attribute '" +
                                                     config.flipAttributes.front() + "' cannot be flipped");
  }
  if (config.rerank.active()) {
    return makeError(ErrorCode::InvalidArgument,
                     "a recommendation log holds finished lists with no candidates to re-rank; audit the "
                     "log without re-ranking options");
  }
  auto started = audit_detail::startPartial(dataset, split, config, "log");
  if (!started) return started.error();
  auto partial = std::move(started).value();
  if (auto s = checkLog(log, partial.numUsers, partial.numItems, config.k); !s) return s.error();
  const auto context = audit_detail::makeContext(dataset, split, partial);
  const auto similarity = ItemSimilarity::fromCooccurrence(historyItems(split), partial.numItems);
  std::vector<std::size_t> rows;
  for (std::size_t j = 0; j < log.users.size(); ++j) {
    if (log.users[j] % config.shardCount == config.shardIndex) rows.push_back(j);
  }
  partial.users.resize(rows.size());
  audit_detail::RecordScratch scratch;
  const auto step = static_cast<std::size_t>(config.batchSize);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i % step == 0) {
      if (control.cancelled()) return makeError(ErrorCode::Cancelled, "cancelled while auditing");
      control.report(double(i) / double(rows.size()), "auditing users");
    }
    const auto j = rows[i];
    audit_detail::recordList(log.users[j], log.lists[j], context, split, dataset, similarity, partial,
                             partial.users[i], scratch);
  }
  control.report(1.0, "auditing users");
  return partial;
}

}  // namespace reclens
