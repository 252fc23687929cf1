#include "audit/accuracymetrics.h"

#include <algorithm>
#include <cmath>

namespace reclens {

AccuracyValues userAccuracy(const std::vector<std::uint8_t>& hits, std::size_t relevantCount, int k) {
  AccuracyValues v;
  if (relevantCount == 0 || k <= 0) return v;
  const auto cut = static_cast<std::size_t>(k);
  const auto depth = std::min(cut, hits.size());
  double found = 0.0;
  double dcg = 0.0;
  double precisionSum = 0.0;
  for (std::size_t j = 0; j < depth; ++j) {
    if (hits[j] == 0) continue;
    found += 1.0;
    dcg += 1.0 / std::log2(double(j) + 2.0);
    precisionSum += found / double(j + 1);
    if (v.mrr == 0.0) v.mrr = 1.0 / double(j + 1);
  }
  const auto idealCount = std::min(relevantCount, cut);
  double idcg = 0.0;
  for (std::size_t j = 0; j < idealCount; ++j) idcg += 1.0 / std::log2(double(j) + 2.0);
  v.hit = found > 0.0 ? 1.0 : 0.0;
  v.precision = found / double(cut);
  v.recall = found / double(relevantCount);
  v.map = precisionSum / double(idealCount);
  v.ndcg = dcg / idcg;
  return v;
}

std::vector<std::uint8_t> relevanceFlags(const std::vector<Recommendation>& ranked,
                                         const std::vector<std::int32_t>& relevantSorted) {
  std::vector<std::uint8_t> flags(ranked.size(), 0);
  for (std::size_t j = 0; j < ranked.size(); ++j) {
    flags[j] = std::binary_search(relevantSorted.begin(), relevantSorted.end(), ranked[j].item) ? 1 : 0;
  }
  return flags;
}

void AccuracyMean::add(const AccuracyValues& v) {
  sum.hit += v.hit;
  sum.precision += v.precision;
  sum.recall += v.recall;
  sum.mrr += v.mrr;
  sum.map += v.map;
  sum.ndcg += v.ndcg;
  ++users;
}

AccuracyValues AccuracyMean::mean() const {
  if (users == 0) return {};
  const double n = double(users);
  return {sum.hit / n, sum.precision / n, sum.recall / n, sum.mrr / n, sum.map / n, sum.ndcg / n};
}

}  // namespace reclens
