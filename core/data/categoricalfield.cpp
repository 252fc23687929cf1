#include "data/categoricalfield.h"

#include <algorithm>

namespace reclens {

namespace {
const std::string kEmpty;
}

std::vector<std::string_view> setMembers(std::string_view value, bool setValued) {
  std::vector<std::string_view> out;
  if (!setValued) {
    if (!value.empty()) out.push_back(value);
    return out;
  }
  std::size_t p = 0;
  while (p <= value.size()) {
    const auto q = std::min(value.find(kSetSeparator, p), value.size());
    if (q > p) out.push_back(value.substr(p, q - p));
    p = q + 1;
  }
  return out;
}

bool setHasMember(std::string_view value, std::string_view member) {
  for (const auto m : setMembers(value, true)) {
    if (m == member) return true;
  }
  return false;
}

std::vector<std::string> memberVocabulary(const CategoricalField& field) {
  std::vector<std::string> out;
  for (const auto& value : field.vocabulary()) {
    for (const auto m : setMembers(value, field.setValued())) out.emplace_back(m);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string setValuedFieldNames(const std::vector<CategoricalField>& fields) {
  std::string out;
  for (const auto& f : fields) {
    if (f.setValued()) out += f.name() + "\n";
  }
  return out;
}

void markSetValuedFields(std::vector<CategoricalField>& fields, std::string_view names) {
  std::size_t p = 0;
  while (p < names.size()) {
    const auto q = std::min(names.find('\n', p), names.size());
    for (auto& f : fields) {
      if (f.name() == names.substr(p, q - p)) f.setSetValued(true);
    }
    p = q + 1;
  }
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
