#include "services/datasetsnapshot.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <numeric>

namespace reclens {

namespace {

char lowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool isDigits(const std::string& s) {
  return !s.empty() && s.size() <= 18 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Natural order: numbers before text, numbers by value, text case-insensitively.
bool naturalLess(const std::string& a, const std::string& b) {
  const bool da = isDigits(a);
  const bool db = isDigits(b);
  if (da != db) return da;
  if (da) {
    const auto va = std::stoll(a);
    const auto vb = std::stoll(b);
    if (va != vb) return va < vb;
    return a < b;
  }
  const auto n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char ca = lowerAscii(a[i]);
    const char cb = lowerAscii(b[i]);
    if (ca != cb) return static_cast<unsigned char>(ca) < static_cast<unsigned char>(cb);
  }
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

// naturalRanks(values) when `ranks` are those of values[0, ranks.size()): the new values are sorted
// and merged into the old order, O(n) instead of a sort of everything. std::merge keeps an old value
// before an equal new one, as the stable sort of naturalRanks keeps the lower index first.
std::vector<std::int32_t> extendedRanks(const std::vector<std::int32_t>& ranks,
                                        const std::vector<std::string>& values) {
  std::vector<std::int32_t> order(ranks.size());
  for (std::size_t i = 0; i < ranks.size(); ++i)
    order[static_cast<std::size_t>(ranks[i])] = static_cast<std::int32_t>(i);
  std::vector<std::int32_t> added(values.size() - ranks.size());
  std::iota(added.begin(), added.end(), static_cast<std::int32_t>(ranks.size()));
  const auto less = [&values](std::int32_t a, std::int32_t b) {
    return naturalLess(values[static_cast<std::size_t>(a)], values[static_cast<std::size_t>(b)]);
  };
  std::stable_sort(added.begin(), added.end(), less);
  std::vector<std::int32_t> merged;
  merged.reserve(values.size());
  std::merge(order.begin(), order.end(), added.begin(), added.end(), std::back_inserter(merged), less);
  std::vector<std::int32_t> out(values.size());
  for (std::size_t pos = 0; pos < merged.size(); ++pos)
    out[static_cast<std::size_t>(merged[pos])] = static_cast<std::int32_t>(pos);
  return out;
}

Error cancelledError() {
  return makeError(ErrorCode::Cancelled, "Loading was cancelled.");
}

template <class Fields>
std::vector<std::vector<std::int32_t>> vocabularyRanks(const Fields& fields) {
  std::vector<std::vector<std::int32_t>> ranks;
  ranks.reserve(fields.size());
  for (const auto& field : fields) ranks.push_back(DatasetSnapshot::naturalRanks(field.vocabulary()));
  return ranks;
}

std::int32_t rankOf(const std::vector<std::vector<std::int32_t>>& ranks, std::size_t field,
                    std::int32_t code) {
  if (field >= ranks.size() || code < 0 || static_cast<std::size_t>(code) >= ranks[field].size()) return -1;
  return ranks[field][static_cast<std::size_t>(code)];
}

}  // namespace

std::vector<std::int32_t> DatasetSnapshot::naturalRanks(const std::vector<std::string>& values) {
  std::vector<std::int32_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&values](std::int32_t a, std::int32_t b) {
    return naturalLess(values[static_cast<std::size_t>(a)], values[static_cast<std::size_t>(b)]);
  });
  std::vector<std::int32_t> ranks(values.size());
  for (std::size_t pos = 0; pos < order.size(); ++pos)
    ranks[static_cast<std::size_t>(order[pos])] = static_cast<std::int32_t>(pos);
  return ranks;
}

bool DatasetSnapshot::containsIgnoringCase(std::string_view haystack, std::string_view lowerNeedle) {
  if (lowerNeedle.empty()) return true;
  const auto it = std::search(haystack.begin(), haystack.end(), lowerNeedle.begin(), lowerNeedle.end(),
                              [](char h, char n) { return lowerAscii(h) == n; });
  return it != haystack.end();
}

std::int32_t DatasetSnapshot::userValueRank(std::size_t field, std::int32_t code) const {
  return rankOf(m_userValueRanks, field, code);
}

std::int32_t DatasetSnapshot::itemValueRank(std::size_t field, std::int32_t code) const {
  return rankOf(m_itemValueRanks, field, code);
}

Result<std::shared_ptr<const DatasetSnapshot>> DatasetSnapshot::build(Dataset dataset,
                                                                      std::string projectPath,
                                                                      const TaskControl& control) {
  std::shared_ptr<DatasetSnapshot> s(new DatasetSnapshot);
  s->m_dataset = std::move(dataset);
  s->m_projectPath = std::move(projectPath);
  const auto nUsers = s->m_dataset.users.size();
  const auto nItems = s->m_dataset.items.size();
  // Normalise optional columns to full length so that the table models can index them directly.
  auto& catalog = s->m_dataset.items;
  catalog.titles.resize(nItems);
  catalog.prices.resize(nItems, std::numeric_limits<double>::quiet_NaN());
  catalog.firstSeen.resize(nItems, kNoTime);
  for (auto& field : catalog.fields) field.resize(nItems);
  for (auto& field : s->m_dataset.users.fields) field.resize(nUsers);
  const auto& d = s->m_dataset;
  const auto& log = d.interactions;

  control.report(0.0, "counting interactions");
  s->m_userCount.assign(nUsers, 0);
  s->m_userFirst.assign(nUsers, kNoTime);
  s->m_userLast.assign(nUsers, kNoTime);
  s->m_itemCount.assign(nItems, 0);
  std::vector<std::int64_t> itemFirstInteraction(nItems, kNoTime);
  constexpr std::size_t kChunk = 1 << 20;
  for (std::size_t start = 0; start < log.size(); start += kChunk) {
    if (control.cancelled()) return cancelledError();
    const auto end = std::min(log.size(), start + kChunk);
    for (std::size_t r = start; r < end; ++r) {
      const auto u = static_cast<std::size_t>(log.user[r]);
      const auto i = static_cast<std::size_t>(log.item[r]);
      const auto t = log.ts[r];
      if (u < nUsers) {
        ++s->m_userCount[u];
        if (s->m_userFirst[u] == kNoTime || t < s->m_userFirst[u]) s->m_userFirst[u] = t;
        if (s->m_userLast[u] == kNoTime || t > s->m_userLast[u]) s->m_userLast[u] = t;
      }
      if (i < nItems) {
        ++s->m_itemCount[i];
        if (itemFirstInteraction[i] == kNoTime || t < itemFirstInteraction[i]) itemFirstInteraction[i] = t;
      }
    }
    control.report(0.5 * static_cast<double>(end) / static_cast<double>(log.size()), "counting interactions");
  }

  s->m_itemFirstSeen.resize(nItems);
  for (std::size_t i = 0; i < nItems; ++i) {
    const auto catalogValue = i < d.items.firstSeen.size() ? d.items.firstSeen[i] : kNoTime;
    s->m_itemFirstSeen[i] = catalogValue != kNoTime ? catalogValue : itemFirstInteraction[i];
  }

  control.report(0.55, "ranking item popularity");
  s->m_itemTier = popularityTiers(s->m_itemCount);
  for (const auto tier : s->m_itemTier) ++s->m_tierSize[static_cast<std::size_t>(tier)];

  if (control.cancelled()) return cancelledError();
  control.report(0.65, "ordering ids");
  s->m_userIdRank = naturalRanks(d.users.ids);
  if (control.cancelled()) return cancelledError();
  s->m_itemIdRank = naturalRanks(d.items.ids);
  if (control.cancelled()) return cancelledError();
  control.report(0.85, "ordering titles");
  s->m_itemTitleRank = naturalRanks(d.items.titles);
  s->m_userValueRanks = vocabularyRanks(d.users.fields);
  s->m_itemValueRanks = vocabularyRanks(d.items.fields);
  control.report(1.0, "ready");
  return std::shared_ptr<const DatasetSnapshot>(std::move(s));
}

std::shared_ptr<const DatasetSnapshot> DatasetSnapshot::extended(const DatasetSnapshot& base,
                                                                 const AppendedRows& rows) {
  // Member by member rather than a copy of `base` and appends: each column of the log is copied once
  // into a buffer that already has room for the new rows.
  std::shared_ptr<DatasetSnapshot> s(new DatasetSnapshot);
  s->m_projectPath = base.m_projectPath;
  auto& d = s->m_dataset;
  const auto& b = base.m_dataset;
  d.info = b.info;
  d.items = b.items;
  d.users = b.users;
  const auto& added = rows.interactions;
  const auto joined = [](auto& into, const auto& first, const auto& second) {
    into.reserve(first.size() + second.size());
    into.assign(first.begin(), first.end());
    into.insert(into.end(), second.begin(), second.end());
  };
  auto& log = d.interactions;
  joined(log.user, b.interactions.user, added.user);
  joined(log.item, b.interactions.item, added.item);
  joined(log.ts, b.interactions.ts, added.ts);
  joined(log.weight, b.interactions.weight, added.weight);
  joined(log.kind, b.interactions.kind, added.kind);
  joined(log.kindNames, b.interactions.kindNames, rows.kinds);
  joined(d.users.ids, b.users.ids, rows.users.ids);
  const auto nUsers = d.users.ids.size();
  for (auto& field : d.users.fields) field.resize(nUsers);
  auto& catalog = d.items;
  catalog.ids.insert(catalog.ids.end(), rows.items.ids.begin(), rows.items.ids.end());
  catalog.titles.insert(catalog.titles.end(), rows.items.titles.begin(), rows.items.titles.end());
  catalog.prices.insert(catalog.prices.end(), rows.items.prices.begin(), rows.items.prices.end());
  catalog.firstSeen.insert(catalog.firstSeen.end(), rows.items.firstSeen.begin(), rows.items.firstSeen.end());
  const auto nItems = catalog.ids.size();
  catalog.titles.resize(nItems);
  catalog.prices.resize(nItems, std::numeric_limits<double>::quiet_NaN());
  catalog.firstSeen.resize(nItems, kNoTime);
  for (auto& field : catalog.fields) field.resize(nItems);

  s->m_userCount = base.m_userCount;
  s->m_userFirst = base.m_userFirst;
  s->m_userLast = base.m_userLast;
  s->m_userIdRank = base.m_userIdRank;
  s->m_itemCount = base.m_itemCount;
  s->m_itemFirstSeen = base.m_itemFirstSeen;
  s->m_itemIdRank = base.m_itemIdRank;
  s->m_itemTitleRank = base.m_itemTitleRank;
  s->m_userValueRanks = base.m_userValueRanks;
  s->m_itemValueRanks = base.m_itemValueRanks;
  s->m_userCount.resize(nUsers, 0);
  s->m_userFirst.resize(nUsers, kNoTime);
  s->m_userLast.resize(nUsers, kNoTime);
  s->m_itemCount.resize(nItems, 0);
  s->m_itemFirstSeen.resize(nItems, kNoTime);
  for (std::size_t i = base.itemCount(); i < nItems; ++i) s->m_itemFirstSeen[i] = catalog.firstSeen[i];
  for (std::size_t r = 0; r < added.size(); ++r) {
    const auto u = static_cast<std::size_t>(added.user[r]);
    const auto i = static_cast<std::size_t>(added.item[r]);
    const auto t = added.ts[r];
    if (u < nUsers) {
      ++s->m_userCount[u];
      if (s->m_userFirst[u] == kNoTime || t < s->m_userFirst[u]) s->m_userFirst[u] = t;
      if (s->m_userLast[u] == kNoTime || t > s->m_userLast[u]) s->m_userLast[u] = t;
    }
    if (i < nItems) {
      ++s->m_itemCount[i];
      // As build(): the catalog's first-seen time wins; without one, the earliest interaction.
      auto& first = s->m_itemFirstSeen[i];
      if (catalog.firstSeen[i] == kNoTime && (first == kNoTime || t < first)) first = t;
    }
  }
  s->m_itemTier = popularityTiers(s->m_itemCount);
  for (auto& size : s->m_tierSize) size = 0;
  for (const auto tier : s->m_itemTier) ++s->m_tierSize[static_cast<std::size_t>(tier)];
  if (nUsers != base.userCount()) s->m_userIdRank = extendedRanks(base.m_userIdRank, d.users.ids);
  if (nItems != base.itemCount()) {
    s->m_itemIdRank = extendedRanks(base.m_itemIdRank, catalog.ids);
    s->m_itemTitleRank = extendedRanks(base.m_itemTitleRank, catalog.titles);
  }
  return s;
}

}  // namespace reclens
