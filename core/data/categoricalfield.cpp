#include "data/categoricalfield.h"

namespace reclens {

namespace {
const std::string kEmpty;
}

std::int32_t CategoricalField::intern(std::string_view value) {
  if (value.empty()) return kMissing;
  auto it = m_index.find(std::string(value));
  if (it != m_index.end()) return it->second;
  const auto code = static_cast<std::int32_t>(m_vocabulary.size());
  m_vocabulary.emplace_back(value);
  m_index.emplace(m_vocabulary.back(), code);
  return code;
}

void CategoricalField::set(std::size_t row, std::string_view value) {
  if (row >= m_codes.size()) m_codes.resize(row + 1, kMissing);
  m_codes[row] = intern(value);
}

const std::string& CategoricalField::valueAt(std::size_t row) const {
  const auto code = codeAt(row);
  return code == kMissing ? kEmpty : m_vocabulary[static_cast<std::size_t>(code)];
}

}  // namespace reclens
