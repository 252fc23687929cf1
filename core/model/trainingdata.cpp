#include "model/trainingdata.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "model/modelcontract.h"

namespace reclens {

namespace {

// The rows `in` accepts grouped by user (`first` as collectHistories counts them), each user's distinct
// items ordered by their first row in (timestamp, row order), weights summed in that order.
template <typename In>
UserHistories timeOrderedHistories(const InteractionLog& log, const In& in,
                                   const std::vector<std::int64_t>& first, HistoryWeighting weighting) {
  const std::size_t users = first.size() - 1;
  std::vector<std::size_t> rows(static_cast<std::size_t>(first[users]));
  {
    std::vector<std::int64_t> cursor(first.begin(), first.end() - 1);
    for (std::size_t r = 0; r < log.size(); ++r) {
      if (in(r)) rows[static_cast<std::size_t>(cursor[static_cast<std::size_t>(log.user[r])]++)] = r;
    }
  }
  UserHistories h;
  h.start.reserve(users + 1);
  struct Entry {
    std::int32_t item;
    std::size_t firstRow;  // place of the item's first row in the user's time order
    float weight;
  };
  std::vector<Entry> entries;
  for (std::size_t u = 0; u < users; ++u) {
    const auto begin = rows.begin() + first[u], end = rows.begin() + first[u + 1];
    std::stable_sort(begin, end, [&log](std::size_t a, std::size_t b) { return log.ts[a] < log.ts[b]; });
    entries.clear();
    for (auto it = begin; it != end; ++it) {
      entries.push_back({log.item[*it], static_cast<std::size_t>(it - begin), log.weight[*it]});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.item < b.item; });
    std::size_t kept = 0;
    for (std::size_t k = 0; k < entries.size(); ++k) {
      if (kept > 0 && entries[kept - 1].item == entries[k].item) {
        entries[kept - 1].weight += entries[k].weight;
      } else {
        entries[kept++] = entries[k];
      }
    }
    entries.resize(kept);
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.firstRow < b.firstRow; });
    for (const auto& e : entries) {
      h.item.push_back(e.item);
      h.weight.push_back(historyWeight(e.weight, weighting));
    }
    h.start.push_back(static_cast<std::int64_t>(h.item.size()));
  }
  return h;
}

}  // namespace

UserHistories collectHistories(const Dataset& dataset, const TrainTestSplit& split,
                               const std::vector<SplitPart>& parts, HistoryWeighting weighting,
                               bool timeOrder) {
  const auto& log = dataset.interactions;
  const auto users = split.users();
  bool wanted[256] = {};
  for (const auto p : parts) wanted[static_cast<std::uint8_t>(p)] = true;
  const auto in = [&](std::size_t r) { return wanted[static_cast<std::uint8_t>(split.part[r])]; };
  // The rows of the parts grouped by user (a counting sort, in row order within a user), then each
  // user's rows sorted by item (stable, so repeats are summed in row order) and merged. Flat arrays
  // rather than a map per user: on a 20M-row log the maps' nodes alone took about 0.9 GiB, and the
  // allocator kept them after they were freed.
  std::vector<std::int64_t> first(users + 1, 0);
  for (std::size_t r = 0; r < log.size(); ++r) {
    if (in(r)) ++first[static_cast<std::size_t>(log.user[r]) + 1];
  }
  for (std::size_t u = 0; u < users; ++u) first[u + 1] += first[u];
  if (timeOrder) return timeOrderedHistories(log, in, first, weighting);
  std::vector<std::pair<std::int32_t, float>> rows(static_cast<std::size_t>(first[users]));
  {
    std::vector<std::int64_t> cursor(first.begin(), first.end() - 1);
    for (std::size_t r = 0; r < log.size(); ++r) {
      if (!in(r)) continue;
      rows[static_cast<std::size_t>(cursor[static_cast<std::size_t>(log.user[r])]++)] = {log.item[r],
                                                                                         log.weight[r]};
    }
  }
  UserHistories h;
  h.start.reserve(users + 1);
  std::size_t distinct = 0;
  for (std::size_t u = 0; u < users; ++u) {
    const auto begin = rows.begin() + first[u], end = rows.begin() + first[u + 1];
    std::stable_sort(begin, end, [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = begin; it != end; ++it) {
      if (it == begin || it->first != (it - 1)->first) ++distinct;
    }
  }
  h.item.reserve(distinct);
  h.weight.reserve(distinct);
  for (std::size_t u = 0; u < users; ++u) {
    const auto begin = rows.begin() + first[u], end = rows.begin() + first[u + 1];
    for (auto it = begin; it != end;) {
      const std::int32_t item = it->first;
      float weight = 0.0f;
      for (; it != end && it->first == item; ++it) weight += it->second;
      h.item.push_back(item);
      h.weight.push_back(historyWeight(weight, weighting));
    }
    h.start.push_back(static_cast<std::int64_t>(h.item.size()));
  }
  return h;
}

TrainingData makeTrainingData(const Dataset& dataset, const TrainTestSplit& split, HistoryWeighting weighting,
                              bool timeOrder) {
  TrainingData data;
  data.numItems = static_cast<std::int64_t>(dataset.items.size());
  data.numUsers = static_cast<std::int64_t>(split.users());
  data.train = collectHistories(dataset, split, {SplitPart::Train}, weighting, timeOrder);
  data.itemCount.assign(dataset.items.size(), 0.0f);
  data.itemDegree.assign(dataset.items.size(), 0.0f);
  const auto& log = dataset.interactions;
  for (std::size_t r = 0; r < log.size(); ++r) {
    if (split.part[r] != SplitPart::Train) continue;
    data.itemCount[static_cast<std::size_t>(log.item[r])] += 1.0f;
  }
  for (std::size_t e = 0; e < data.train.item.size(); ++e) {
    data.itemDegree[static_cast<std::size_t>(data.train.item[e])] += data.train.weight[e];
  }
  for (const auto& field : dataset.items.fields) {
    data.itemFieldNames.push_back(field.name());
    data.itemFieldSizes.push_back(static_cast<std::int64_t>(field.vocabulary().size()));
    std::vector<std::int64_t> codes(dataset.items.size());
    for (std::size_t i = 0; i < codes.size(); ++i) codes[i] = field.codeAt(i);
    data.itemFieldCodes.push_back(std::move(codes));
  }
  // The price band: quintiles of the catalog's known prices (code -1 without a price).
  if (!dataset.items.prices.empty() && dataset.items.fieldIndex(kPriceBandPart) < 0) {
    std::vector<double> known;
    for (const double p : dataset.items.prices) {
      if (std::isfinite(p)) known.push_back(p);
    }
    if (!known.empty()) {
      std::sort(known.begin(), known.end());
      constexpr int kBands = 5;
      std::vector<double> edges;
      for (int b = 1; b < kBands; ++b)
        edges.push_back(known[known.size() * static_cast<std::size_t>(b) / kBands]);
      std::vector<std::int64_t> codes(dataset.items.size(), -1);
      for (std::size_t i = 0; i < codes.size() && i < dataset.items.prices.size(); ++i) {
        const double p = dataset.items.prices[i];
        if (std::isfinite(p))
          codes[i] =
              static_cast<std::int64_t>(std::upper_bound(edges.begin(), edges.end(), p) - edges.begin());
      }
      data.itemFieldNames.emplace_back(kPriceBandPart);
      data.itemFieldSizes.push_back(kBands);
      data.itemFieldCodes.push_back(std::move(codes));
    }
  }
  data.itemTitles = dataset.items.titles;
  data.itemTitles.resize(dataset.items.size());
  for (const auto& field : dataset.users.fields) {
    data.userFieldNames.push_back(field.name());
    data.userFieldVocabularies.push_back(field.vocabulary());
    data.userFieldSizes.push_back(static_cast<std::int64_t>(field.vocabulary().size()));
    std::vector<std::int64_t> codes(split.users());
    for (std::size_t u = 0; u < codes.size(); ++u) codes[u] = field.codeAt(u);
    data.userFieldCodes.push_back(std::move(codes));
  }
  return data;
}

}  // namespace reclens
