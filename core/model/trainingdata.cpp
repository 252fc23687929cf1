#include "model/trainingdata.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "model/modelcontract.h"

namespace reclens {

UserHistories collectHistories(const Dataset& dataset, const TrainTestSplit& split,
                               const std::vector<SplitPart>& parts, HistoryWeighting weighting) {
  const auto& log = dataset.interactions;
  const auto users = split.users();
  std::vector<std::map<std::int64_t, float>> perUser(users);
  for (std::size_t r = 0; r < log.size(); ++r) {
    if (std::find(parts.begin(), parts.end(), split.part[r]) == parts.end()) continue;
    perUser[static_cast<std::size_t>(log.user[r])][log.item[r]] += log.weight[r];
  }
  UserHistories h;
  h.start.reserve(users + 1);
  for (const auto& items : perUser) {
    for (const auto& [item, weight] : items) {
      h.item.push_back(item);
      h.weight.push_back(historyWeight(weight, weighting));
    }
    h.start.push_back(static_cast<std::int64_t>(h.item.size()));
  }
  return h;
}

TrainingData makeTrainingData(const Dataset& dataset, const TrainTestSplit& split,
                              HistoryWeighting weighting) {
  TrainingData data;
  data.numItems = static_cast<std::int64_t>(dataset.items.size());
  data.numUsers = static_cast<std::int64_t>(split.users());
  data.train = collectHistories(dataset, split, {SplitPart::Train}, weighting);
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
