#include "data/recommendationlog.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>

#include "data/csvreader.h"
#include "data/idlookup.h"

namespace reclens {

namespace {

struct Entry {
  std::int32_t user = 0;
  std::int32_t item = 0;
  std::int32_t rank = 0;
  float score = 0.0f;
};

bool parseRank(std::string_view v, std::int32_t& out) {
  std::int64_t x = 0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || ptr != v.data() + v.size() || x < 1 ||
      x > std::numeric_limits<std::int32_t>::max())
    return false;
  out = static_cast<std::int32_t>(x);
  return true;
}

bool parseScore(std::string_view v, float& out) {
  if (!v.empty() && v.front() == '+') v.remove_prefix(1);
  double x = 0.0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (v.empty() || ec != std::errc() || ptr != v.data() + v.size() || !std::isfinite(x)) return false;
  out = static_cast<float>(x);
  return true;
}

// Orders the entries by (user, rank) and builds the lists; duplicates of a rank or an item are errors.
Result<RecommendationLog> buildLog(std::vector<Entry>& entries, const Dataset& dataset,
                                   const std::string& path, RecommendationLogReport& report) {
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.user != b.user ? a.user < b.user : a.rank < b.rank;
  });
  RecommendationLog log;
  std::vector<std::int32_t> items;
  for (std::size_t begin = 0; begin < entries.size();) {
    const auto user = entries[begin].user;
    std::size_t end = begin;
    while (end < entries.size() && entries[end].user == user) ++end;
    const auto& userId = dataset.users.ids[static_cast<std::size_t>(user)];
    items.clear();
    std::vector<Recommendation> list;
    list.reserve(end - begin);
    for (std::size_t e = begin; e < end; ++e) {
      if (e > begin && entries[e].rank == entries[e - 1].rank) {
        return makeError(
            ErrorCode::Duplicate,
            "user " + quotedId(userId) + " lists rank " + std::to_string(entries[e].rank) + " twice", path);
      }
      items.push_back(entries[e].item);
      list.push_back({entries[e].item, entries[e].score, static_cast<int>(e - begin + 1)});
    }
    std::sort(items.begin(), items.end());
    if (const auto twice = std::adjacent_find(items.begin(), items.end()); twice != items.end()) {
      return makeError(ErrorCode::Duplicate,
                       "user " + quotedId(userId) + " lists item " +
                           quotedId(dataset.items.ids[static_cast<std::size_t>(*twice)]) + " twice",
                       path);
    }
    if (entries[end - 1].rank != static_cast<std::int32_t>(end - begin)) ++report.renumberedLists;
    report.longestList = std::max(report.longestList, list.size());
    log.users.push_back(user);
    log.lists.push_back(std::move(list));
    begin = end;
  }
  report.users = log.users.size();
  return log;
}

}  // namespace

Result<RecommendationLog> readRecommendationLog(const std::string& path, const Dataset& dataset,
                                                const RecommendationLogOptions& options,
                                                RecommendationLogReport* report, const TaskControl& control) {
  RecommendationLogReport local;
  auto& rep = report != nullptr ? *report : local;
  rep = {};
  auto format = options.format;
  format.header = true;
  auto opened = CsvReader::open(path, format);
  if (!opened) return opened.error();
  auto& reader = *opened.value();
  int columns[3] = {-1, -1, -1};
  const char* names[3] = {"user", "item", "rank"};
  for (int c = 0; c < 3; ++c) {
    columns[c] = reader.columnIndex(names[c]);
    if (columns[c] < 0) {
      return makeError(ErrorCode::Mapping,
                       std::string("the header has no \"") + names[c] + "\" column (it has " +
                           reader.columnList() +
                           "); a recommendation log needs the columns user, item and rank",
                       path, 1);
    }
  }
  const auto [userColumn, itemColumn, rankColumn] = columns;
  const int scoreColumn = reader.columnIndex("score");
  const IdRows userRows(dataset.users.ids);
  const IdRows itemRows(dataset.items.ids);
  UnknownIds unknownUsers, unknownItems;
  std::vector<Entry> entries;
  while (true) {
    auto more = nextRowOf(reader, rep.rows, control, path, "the recommendation log");
    if (!more) return more.error();
    if (!more.value()) break;
    const auto& f = reader.fields();
    Entry e;
    const auto rankText = f[static_cast<std::size_t>(rankColumn)];
    if (!parseRank(rankText, e.rank)) {
      return makeError(ErrorCode::Parse, "rank " + quotedId(rankText) + " is not a positive whole number",
                       path, reader.line(), rankColumn + 1);
    }
    auto ids = resolveUserItem(reader, userRows, itemRows, userColumn, itemColumn, options.skipUnknown,
                               unknownUsers, unknownItems, path);
    if (!ids) return ids.error();
    if (ids.value().user < 0) continue;
    if (scoreColumn >= 0) {
      const auto scoreText = f[static_cast<std::size_t>(scoreColumn)];
      if (!scoreText.empty() && !parseScore(scoreText, e.score)) {
        return makeError(ErrorCode::Parse, "score " + quotedId(scoreText) + " is not a number", path,
                         reader.line(), scoreColumn + 1);
      }
    }
    e.user = ids.value().user;
    e.item = ids.value().item;
    entries.push_back(e);
  }
  rep.skippedUnknownUser = unknownUsers.rows;
  rep.skippedUnknownItem = unknownItems.rows;
  rep.unknownUsers = std::move(unknownUsers.examples);
  rep.unknownItems = std::move(unknownItems.examples);
  if (entries.empty()) {
    return makeError(ErrorCode::Empty,
                     rep.rows == 0 ? "the recommendation log holds no rows"
                                   : "every row of the recommendation log names an unknown user or item",
                     path);
  }
  control.report(1.0, "reading the recommendation log");
  return buildLog(entries, dataset, path, rep);
}

}  // namespace reclens
