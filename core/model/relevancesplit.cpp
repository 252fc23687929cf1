#include "model/relevancesplit.h"

#include <algorithm>
#include <unordered_set>

#include "data/idlookup.h"

namespace reclens {

namespace {

std::uint64_t pairKey(std::int32_t user, std::int32_t item) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(user)) << 32) |
         static_cast<std::uint32_t>(item);
}

}  // namespace

Result<TrainTestSplit> splitFromRelevance(const std::string& path, const Dataset& dataset,
                                          const RelevanceOptions& options, RelevanceReport* report,
                                          const TaskControl& control) {
  RelevanceReport local;
  auto& rep = report != nullptr ? *report : local;
  rep = {};
  auto format = options.format;
  format.header = true;
  auto opened = CsvReader::open(path, format);
  if (!opened) return opened.error();
  auto& reader = *opened.value();
  const int userColumn = reader.columnIndex("user");
  const int itemColumn = reader.columnIndex("item");
  for (const auto& [column, name] : {std::pair{userColumn, "user"}, std::pair{itemColumn, "item"}}) {
    if (column < 0) {
      return makeError(ErrorCode::Mapping,
                       std::string("the header has no \"") + name + "\" column (it has " +
                           reader.columnList() + "); a relevance file needs the columns user and item",
                       path, 1);
    }
  }
  const IdRows userRows(dataset.users.ids);
  const IdRows itemRows(dataset.items.ids);
  UnknownIds unknownUsers, unknownItems;
  std::unordered_set<std::uint64_t> pairs;
  while (true) {
    auto more = nextRowOf(reader, rep.rows, control, path, "the relevance file");
    if (!more) return more.error();
    if (!more.value()) break;
    auto ids = resolveUserItem(reader, userRows, itemRows, userColumn, itemColumn, options.skipUnknown,
                               unknownUsers, unknownItems, path);
    if (!ids) return ids.error();
    if (ids.value().user < 0) continue;
    if (!pairs.insert(pairKey(ids.value().user, ids.value().item)).second) ++rep.duplicates;
  }
  rep.skippedUnknownUser = unknownUsers.rows;
  rep.skippedUnknownItem = unknownItems.rows;
  rep.unknownUsers = std::move(unknownUsers.examples);
  rep.unknownItems = std::move(unknownItems.examples);
  if (pairs.empty()) {
    return makeError(ErrorCode::Empty,
                     rep.rows == 0 ? "the relevance file holds no rows"
                                   : "every row of the relevance file names an unknown user or item",
                     path);
  }

  const auto& log = dataset.interactions;
  std::size_t users = dataset.users.size();
  for (const auto u : log.user) users = std::max(users, static_cast<std::size_t>(u) + 1);
  TrainTestSplit split;
  split.part.assign(log.size(), SplitPart::Train);
  split.train.resize(users);
  split.validation.resize(users);
  split.test.resize(users);
  std::unordered_set<std::uint64_t> logged;
  for (std::size_t r = 0; r < log.size(); ++r) {
    const auto key = pairKey(log.user[r], log.item[r]);
    const auto u = static_cast<std::size_t>(log.user[r]);
    if (pairs.count(key) != 0) {
      split.part[r] = SplitPart::Test;
      logged.insert(key);
      continue;
    }
    split.train[u].push_back(log.item[r]);
    if (split.trainFirst == kNoTime || log.ts[r] < split.trainFirst) split.trainFirst = log.ts[r];
    if (split.trainLast == kNoTime || log.ts[r] > split.trainLast) split.trainLast = log.ts[r];
  }
  for (const auto key : pairs) {
    split.test[static_cast<std::size_t>(key >> 32)].push_back(static_cast<std::int32_t>(key & 0xffffffffU));
  }
  for (auto* lists : {&split.train, &split.test}) {
    for (auto& items : *lists) {
      std::sort(items.begin(), items.end());
      items.erase(std::unique(items.begin(), items.end()), items.end());
    }
  }
  rep.pairs = pairs.size();
  rep.pairsInLog = logged.size();
  rep.users = split.userCount(SplitPart::Test);
  control.report(1.0, "reading the relevance file");
  return split;
}

}  // namespace reclens
