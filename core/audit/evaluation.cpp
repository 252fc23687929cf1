#include "audit/evaluation.h"

#include <algorithm>

#include "engine/userprofilebuilder.h"

namespace reclens {

const std::vector<ItemHistoryGroup>& itemHistoryGroups() {
  static const std::vector<ItemHistoryGroup> groups{
      {"0", 0, 0}, {"1-4", 1, 4}, {"5-19", 5, 19}, {"20+", 20, -1}};
  return groups;
}

std::int32_t historyBand(std::int64_t count) {
  const auto& groups = itemHistoryGroups();
  std::size_t g = 0;
  while (g + 1 < groups.size() && count > groups[g].high) ++g;
  return static_cast<std::int32_t>(g);
}

std::vector<std::uint8_t> itemHistoryGroupOf(const Dataset& dataset, const TrainTestSplit& split) {
  std::vector<std::int64_t> rows(dataset.items.size(), 0);
  const auto& log = dataset.interactions;
  for (std::size_t r = 0; r < log.size() && r < split.part.size(); ++r) {
    const auto item = static_cast<std::size_t>(log.item[r]);
    if (split.part[r] == SplitPart::Train && item < rows.size()) ++rows[item];
  }
  std::vector<std::uint8_t> out(rows.size(), 0);
  for (std::size_t i = 0; i < rows.size(); ++i) out[i] = static_cast<std::uint8_t>(historyBand(rows[i]));
  return out;
}

Result<EvaluationResult> evaluateModel(ScoringEngine& engine, const Dataset& dataset,
                                       const TrainTestSplit& split, const EvaluationOptions& options,
                                       const TaskControl& control) {
  if (options.ks.empty()) return makeError(ErrorCode::InvalidArgument, "no cut-off K was given");
  for (const int k : options.ks) {
    if (k < 1)
      return makeError(ErrorCode::InvalidArgument, "cut-off K must be at least 1, got " + std::to_string(k));
  }
  if (split.part.size() != dataset.interactions.size()) {
    return makeError(ErrorCode::InvalidArgument, "the split does not belong to this dataset");
  }
  if (auto s = checkModelCatalog(engine.model().metadata(), dataset.items); !s) return s.error();

  std::vector<bool> history(split.part.size());
  for (std::size_t r = 0; r < split.part.size(); ++r) history[r] = split.part[r] != SplitPart::Test;
  const UserProfileBuilder profiles(dataset, engine.model().metadata(), &history);

  std::vector<std::int32_t> users;
  for (std::size_t u = 0; u < split.test.size(); ++u) {
    if (!split.test[u].empty()) users.push_back(static_cast<std::int32_t>(u));
  }
  const int maxK = *std::max_element(options.ks.begin(), options.ks.end());
  std::vector<AccuracyMean> means(options.ks.size());
  EvaluationResult result;
  result.ks = options.ks;
  // Per item-history group: means, listed slots of the group's items, all listed slots.
  std::vector<std::uint8_t> groupOf;
  const auto groupCount = options.byItemHistory ? itemHistoryGroups().size() : 0;
  std::vector<std::vector<AccuracyMean>> groupMeans(groupCount, std::vector<AccuracyMean>(options.ks.size()));
  std::vector<std::size_t> groupTestItems(groupCount, 0), groupListed(groupCount, 0);
  std::size_t listedSlots = 0;
  if (options.byItemHistory) groupOf = itemHistoryGroupOf(dataset, split);
  std::vector<std::int32_t> groupRelevant;
  auto status = engine.recommendAll(
      users.size(), [&](std::size_t i) { return profiles.profile(users[i]); }, maxK, true, options.batchSize,
      [&](std::size_t i, const std::vector<Recommendation>& list) {
        const auto& relevant = split.test[static_cast<std::size_t>(users[i])];
        const auto flags = relevanceFlags(list, relevant);
        for (std::size_t c = 0; c < options.ks.size(); ++c) {
          means[c].add(userAccuracy(flags, relevant.size(), options.ks[c]));
        }
        result.testItems += relevant.size();
        if (groupCount == 0) return;
        listedSlots += list.size();
        for (const auto& r : list) ++groupListed[groupOf[static_cast<std::size_t>(r.item)]];
        for (std::size_t g = 0; g < groupCount; ++g) {
          groupRelevant.clear();
          for (const auto item : relevant) {
            if (groupOf[static_cast<std::size_t>(item)] == g) groupRelevant.push_back(item);
          }
          if (groupRelevant.empty()) continue;
          const auto groupFlags = relevanceFlags(list, groupRelevant);
          for (std::size_t c = 0; c < options.ks.size(); ++c) {
            groupMeans[g][c].add(userAccuracy(groupFlags, groupRelevant.size(), options.ks[c]));
          }
          groupTestItems[g] += groupRelevant.size();
        }
      },
      control);
  if (!status) return status.error();
  result.users = users.size();
  for (const auto& m : means) result.atK.push_back(m.mean());
  for (std::size_t g = 0; g < groupCount; ++g) {
    GroupEvaluation e;
    e.name = itemHistoryGroups()[g].name;
    for (const auto& m : groupMeans[g]) e.atK.push_back(m.mean());
    e.users = groupMeans[g].empty() ? 0 : groupMeans[g].front().users;
    e.testItems = groupTestItems[g];
    e.catalogItems = static_cast<std::size_t>(std::count(groupOf.begin(), groupOf.end(), g));
    e.listShare =
        listedSlots == 0 ? 0.0 : static_cast<double>(groupListed[g]) / static_cast<double>(listedSlots);
    result.itemGroups.push_back(std::move(e));
  }
  return result;
}

}  // namespace reclens
