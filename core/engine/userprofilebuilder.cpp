#include "engine/userprofilebuilder.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "data/popularitytiers.h"

namespace reclens {

namespace {
HistoryWeighting weightingOf(const ModelMetadata& metadata) {
  // Metadata made in code has no JSON: the plain sum. A loaded model's key was checked by the loader
  // (parseModelMetadata refuses any other value), so the fallback is never taken for a model file.
  if (metadata.json.empty()) return HistoryWeighting::Sum;
  const auto weighting = historyWeightingOf(metadata.json);
  return weighting ? weighting.value() : HistoryWeighting::Sum;
}
}  // namespace

UserProfileBuilder::UserProfileBuilder(const Dataset& dataset, const ModelMetadata& metadata,
                                       const std::vector<bool>* includeRows)
    : m_dataset(dataset), m_weighting(weightingOf(metadata)) {
  const auto& log = dataset.interactions;
  std::size_t users = dataset.users.size();
  for (const auto u : log.user) users = std::max(users, static_cast<std::size_t>(u) + 1);
  m_start.assign(users + 1, 0);
  const auto included = [includeRows](std::size_t r) { return includeRows == nullptr || (*includeRows)[r]; };
  for (std::size_t r = 0; r < log.size(); ++r) {
    if (included(r)) ++m_start[static_cast<std::size_t>(log.user[r]) + 1];
  }
  std::partial_sum(m_start.begin(), m_start.end(), m_start.begin());
  m_rows.resize(m_start.back());
  auto next = m_start;
  for (std::size_t r = 0; r < log.size(); ++r) {
    if (included(r)) m_rows[next[static_cast<std::size_t>(log.user[r])]++] = r;
  }
  for (std::size_t u = 0; u < users; ++u) {
    std::stable_sort(m_rows.begin() + static_cast<std::ptrdiff_t>(m_start[u]),
                     m_rows.begin() + static_cast<std::ptrdiff_t>(m_start[u + 1]),
                     [&log](std::size_t a, std::size_t b) { return log.ts[a] < log.ts[b]; });
  }

  for (const auto& field : metadata.userFields) {
    const int index = dataset.users.fieldIndex(field.name);
    m_datasetField.push_back(index);
    std::vector<std::int32_t> map;
    if (index >= 0) {
      std::unordered_map<std::string, std::int32_t> modelCode;
      for (std::size_t c = 0; c < field.vocabulary.size(); ++c) {
        modelCode.emplace(field.vocabulary[c], static_cast<std::int32_t>(c));
      }
      for (const auto& value : dataset.users.fields[static_cast<std::size_t>(index)].vocabulary()) {
        const auto it = modelCode.find(value);
        map.push_back(it == modelCode.end() ? -1 : it->second);
      }
    }
    m_codeMap.push_back(std::move(map));
  }
}

std::vector<std::int32_t> UserProfileBuilder::fieldCodes(std::int32_t user) const {
  std::vector<std::int32_t> codes(m_datasetField.size(), -1);
  if (user < 0) return codes;
  for (std::size_t f = 0; f < m_datasetField.size(); ++f) {
    if (m_datasetField[f] < 0) continue;
    const auto& field = m_dataset.users.fields[static_cast<std::size_t>(m_datasetField[f])];
    const auto code = field.codeAt(static_cast<std::size_t>(user));
    if (code >= 0 && static_cast<std::size_t>(code) < m_codeMap[f].size()) codes[f] = m_codeMap[f][code];
  }
  return codes;
}

UserProfile UserProfileBuilder::profile(std::int32_t user) const {
  UserProfile p;
  p.fieldCodes = fieldCodes(user);
  if (user < 0 || static_cast<std::size_t>(user) >= users()) return p;
  const auto& log = m_dataset.interactions;
  std::unordered_map<std::int32_t, std::size_t> position;
  std::vector<float> summed;  // in float, as the trainer sums them
  for (auto k = m_start[user]; k < m_start[user + 1]; ++k) {
    const auto r = m_rows[k];
    if (static_cast<std::size_t>(log.item[r]) >= m_itemLimit) continue;
    const float w = std::isfinite(log.weight[r]) ? log.weight[r] : 1.0f;
    const auto [it, added] = position.emplace(log.item[r], p.items.size());
    if (added) {
      p.items.push_back(log.item[r]);
      summed.push_back(w);
    } else {
      summed[it->second] += w;
    }
  }
  p.weights.reserve(summed.size());
  for (const float w : summed) p.weights.push_back(historyWeight(w, m_weighting));
  return p;
}

std::vector<std::int64_t> itemPopularity(const InteractionLog& log, std::size_t numItems,
                                         const std::vector<bool>* includeRows) {
  std::vector<std::int64_t> counts(numItems, 0);
  for (std::size_t r = 0; r < log.size(); ++r) {
    if (includeRows != nullptr && !(*includeRows)[r]) continue;
    const auto item = static_cast<std::size_t>(log.item[r]);
    if (item < numItems) ++counts[item];
  }
  return counts;
}

std::vector<bool> shortHeadItems(const std::vector<std::int64_t>& popularity) {
  const auto tiers = popularityTiers(popularity);
  std::vector<bool> head(tiers.size(), false);
  for (std::size_t i = 0; i < tiers.size(); ++i) head[i] = tiers[i] == PopularityTier::Head;
  return head;
}

}  // namespace reclens
