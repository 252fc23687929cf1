#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace reclens {

// Separates the members of a set-valued attribute's stored value ("Comedy|Drama").
inline constexpr char kSetSeparator = '|';

// The members of a stored value: the value itself for a single-valued field, the parts between
// kSetSeparator for a set-valued one (empty parts dropped).
std::vector<std::string_view> setMembers(std::string_view value, bool setValued);

// Whether the stored value of a set-valued field holds `member`.
bool setHasMember(std::string_view value, std::string_view member);

class CategoricalField;
// The distinct members of a set-valued field's values, sorted (the values themselves, sorted, for a
// single-valued field).
std::vector<std::string> memberVocabulary(const CategoricalField& field);
// The names of the set-valued fields among `fields`, one per line (as the project stores them), and
// the reverse: marks the fields named in `names` as set-valued.
std::string setValuedFieldNames(const std::vector<CategoricalField>& fields);
void markSetValuedFields(std::vector<CategoricalField>& fields, std::string_view names);

// A categorical column stored as codes into a vocabulary. Code -1 means "missing".
// A set-valued field (an item in several genres) stores each row's members sorted and joined by
// kSetSeparator, so that one set is one code; setMembers() takes a value apart again.
class CategoricalField {
 public:
  static constexpr std::int32_t kMissing = -1;

  CategoricalField() = default;
  explicit CategoricalField(std::string name) : m_name(std::move(name)) {}

  const std::string& name() const { return m_name; }
  bool setValued() const { return m_setValued; }
  void setSetValued(bool on) { m_setValued = on; }
  const std::vector<std::string>& vocabulary() const { return m_vocabulary; }
  const std::vector<std::int32_t>& codes() const { return m_codes; }
  std::size_t size() const { return m_codes.size(); }

  // Returns the code of `value`, adding it to the vocabulary when new. Empty values are missing.
  std::int32_t intern(std::string_view value);
  // Appends one row with `value` (empty = missing).
  void append(std::string_view value) { m_codes.push_back(intern(value)); }
  void appendCode(std::int32_t code) { m_codes.push_back(code); }
  // Sets row `row` (growing the column with missing values if needed).
  void set(std::size_t row, std::string_view value);
  void resize(std::size_t rows) { m_codes.resize(rows, kMissing); }
  // The value at `row`, or an empty string when missing.
  const std::string& valueAt(std::size_t row) const;
  std::int32_t codeAt(std::size_t row) const { return row < m_codes.size() ? m_codes[row] : kMissing; }

 private:
  std::string m_name;
  bool m_setValued = false;
  std::vector<std::string> m_vocabulary;
  std::vector<std::int32_t> m_codes;
  std::unordered_map<std::string, std::int32_t> m_index;
};

}  // namespace reclens
