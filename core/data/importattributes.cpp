// ImportRun: set-valued item attributes (one-hot columns or lists) and binned numeric user attributes.
#include <algorithm>
#include <optional>

#include "data/attributebins.h"
#include "data/csvreader.h"
#include "data/importrun.h"

namespace reclens {

namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The members sorted, repeats dropped, joined by kSetSeparator: one set, one stored value.
std::string canonicalSet(std::vector<std::string_view>& members) {
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  std::string out;
  for (const auto m : members) {
    if (!out.empty()) out += kSetSeparator;
    out += m;
  }
  return out;
}

}  // namespace

Result<bool> ImportRun::readSets(const CsvReader& reader, const std::vector<std::vector<int>>& columns,
                                 std::vector<std::string>& members) {
  const auto& sets = m_mapping.items->setAttributes;
  const auto& f = reader.fields();
  members.assign(sets.size(), std::string());
  std::vector<std::string_view> parts;
  for (std::size_t a = 0; a < sets.size(); ++a) {
    parts.clear();
    const auto& set = sets[a];
    if (set.listColumn.empty()) {
      for (std::size_t k = 0; k < columns[a].size(); ++k) {
        const auto c = columns[a][k];
        const auto cell = trimmed(f[static_cast<std::size_t>(c)]);
        if (cell == "1") {
          parts.push_back(set.oneHotColumns[k]);
        } else if (!cell.empty() && cell != "0") {
          const auto error = makeError(ErrorCode::Parse,
                                       "the one-hot column \"" + set.oneHotColumns[k] + "\" of \"" +
                                           set.name + "\" holds \"" + printableText(cell) + "\", not 0 or 1",
                                       reader.path(), reader.line(), c + 1);
          if (auto st = badRow(error, "one-hot column of \"" + set.name + "\" not 0 or 1"); !st)
            return st.error();
          return false;
        }
      }
    } else {
      const auto c = columns[a].front();
      const auto cell = f[static_cast<std::size_t>(c)];
      std::size_t p = 0;
      while (p <= cell.size()) {
        const auto q = std::min(cell.find(set.separator, p), cell.size());
        const auto member = trimmed(cell.substr(p, q - p));
        if (member.find(kSetSeparator) != std::string_view::npos) {
          const auto error =
              makeError(ErrorCode::Parse,
                        "the \"" + set.name + "\" member \"" + printableText(member) + "\" holds '" +
                            std::string(1, kSetSeparator) + "', which separates the members of a stored set",
                        reader.path(), reader.line(), c + 1);
          if (auto st = badRow(error, "'|' in a member of \"" + set.name + "\""); !st) return st.error();
          return false;
        }
        if (!member.empty()) parts.push_back(member);
        p = q + 1;
      }
    }
    members[a] = canonicalSet(parts);
  }
  return true;
}

std::vector<std::pair<int, std::string>> ImportRun::binnedColumns(
    const std::vector<int>& columns, const std::vector<std::string>& names) const {
  std::vector<std::pair<int, std::string>> out;
  for (std::size_t k = 0; k < columns.size() && k < names.size(); ++k) {
    for (const auto& b : m_mapping.userBins) {
      if (b.attribute == names[k]) out.emplace_back(columns[k], names[k]);
    }
  }
  return out;
}

Result<bool> ImportRun::binnableRow(const CsvReader& reader,
                                    const std::vector<std::pair<int, std::string>>& binned) {
  for (const auto& [column, name] : binned) {
    const auto cell = trimmed(reader.fields()[static_cast<std::size_t>(column)]);
    if (cell.empty() || parseNumber(cell)) continue;
    const auto error = makeError(ErrorCode::Parse,
                                 "\"" + name + "\" value \"" + printableText(cell) +
                                     "\" is not a number, and the mapping bins \"" + name + "\" into groups",
                                 reader.path(), reader.line(), column + 1);
    if (auto st = badRow(error, "\"" + name + "\" value not a number (binned)"); !st) return st.error();
    return false;
  }
  return true;
}

Status ImportRun::applyBins(UserTable& users) {
  for (const auto& rule : m_mapping.userBins) {
    const int f = users.fieldIndex(rule.attribute);
    if (f < 0) {
      std::string list;
      for (const auto& field : users.fields) list += (list.empty() ? "\"" : ", \"") + field.name() + "\"";
      return makeError(ErrorCode::Mapping, "the mapping bins the user attribute \"" + rule.attribute +
                                               "\", which the import does not have (user attributes: " +
                                               (list.empty() ? std::string("none") : list) + ")");
    }
    auto& field = users.fields[static_cast<std::size_t>(f)];
    std::vector<std::optional<double>> x(users.size());
    std::vector<double> values;
    for (std::size_t r = 0; r < users.size(); ++r) {
      x[r] = parseNumber(trimmed(field.valueAt(r)));
      if (x[r]) values.push_back(*x[r]);
    }
    const auto edges = rule.quantiles > 0 ? quantileEdges(values, rule.quantiles) : rule.edges;
    if (edges.empty()) continue;  // quantiles of no values, or of one value repeated: nothing to cut
    const auto labels = binLabels(edges);
    std::vector<bool> used(labels.size(), false);
    for (const auto& v : x) {
      if (v) used[binOf(edges, *v)] = true;
    }
    // The groups' codes follow the order of the edges, not of the users.
    CategoricalField binned(field.name());
    for (std::size_t g = 0; g < labels.size(); ++g) {
      if (used[g]) binned.intern(labels[g]);
    }
    for (const auto& v : x)
      binned.append(v ? std::string_view(labels[binOf(edges, *v)]) : std::string_view());
    field = std::move(binned);
    m_report.bins.push_back({rule.attribute, edges, labels});
  }
  return Status::success();
}

}  // namespace reclens
