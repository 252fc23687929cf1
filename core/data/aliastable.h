#pragma once
#include <cstdint>
#include <vector>

#include "data/generatorrng.h"

namespace reclens {

// Constant-time sampling of an index with probability proportional to a weight (Walker/Vose alias
// method). Built once from non-negative weights; construction is deterministic.
class AliasTable {
 public:
  AliasTable() = default;
  // Builds the table; an empty or all-zero weight vector gives an empty table.
  explicit AliasTable(const std::vector<double>& weights);

  bool empty() const { return m_prob.empty(); }
  std::size_t size() const { return m_prob.size(); }
  // An index in [0, size()) drawn with probability weight / sum(weights). The table must not be empty.
  std::uint32_t sample(GeneratorRng& rng) const {
    const std::uint32_t slot = rng.below(static_cast<std::uint32_t>(m_prob.size()));
    return rng.uniform() < m_prob[slot] ? slot : m_alias[slot];
  }

 private:
  std::vector<double> m_prob;
  std::vector<std::uint32_t> m_alias;
};

}  // namespace reclens
