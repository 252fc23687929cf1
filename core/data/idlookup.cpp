#include "data/idlookup.h"

#include <algorithm>

namespace reclens {

IdRows::IdRows(const std::vector<std::string>& ids) {
  m_rows.reserve(ids.size());
  for (std::size_t r = 0; r < ids.size(); ++r) m_rows.emplace(ids[r], static_cast<std::int32_t>(r));
}

std::int32_t IdRows::find(std::string_view id) const {
  const auto it = m_rows.find(id);
  return it == m_rows.end() ? -1 : it->second;
}

std::string quotedId(std::string_view v) {
  return "\"" + std::string(v.substr(0, 64)) + (v.size() > 64 ? "...\"" : "\"");
}

void UnknownIds::note(std::string_view id) {
  ++rows;
  if (examples.size() < kExamples && seen.emplace(id).second) examples.emplace_back(id);
}

Result<std::int32_t> resolveId(const IdRows& rows, std::string_view id, const char* what, const char* home,
                               bool skipUnknown, UnknownIds& unknown, const std::string& path,
                               std::int64_t line, int column) {
  const auto row = rows.find(id);
  if (row >= 0) return row;
  if (!skipUnknown) {
    return makeError(ErrorCode::NotFound, std::string(what) + " " + quotedId(id) + " is not in " + home, path,
                     line, column);
  }
  unknown.note(id);
  return std::int32_t{-1};
}

Result<UserItemRow> resolveUserItem(const CsvReader& reader, const IdRows& users, const IdRows& items,
                                    int userColumn, int itemColumn, bool skipUnknown,
                                    UnknownIds& unknownUsers, UnknownIds& unknownItems,
                                    const std::string& path) {
  const auto& f = reader.fields();
  auto user = resolveId(users, f[static_cast<std::size_t>(userColumn)], "user", "the project", skipUnknown,
                        unknownUsers, path, reader.line(), userColumn + 1);
  if (!user) return user.error();
  if (user.value() < 0) return UserItemRow{};
  auto item = resolveId(items, f[static_cast<std::size_t>(itemColumn)], "item", "the catalog", skipUnknown,
                        unknownItems, path, reader.line(), itemColumn + 1);
  if (!item) return item.error();
  if (item.value() < 0) return UserItemRow{};
  return UserItemRow{user.value(), item.value()};
}

Result<bool> nextRowOf(CsvReader& reader, std::int64_t& rows, const TaskControl& control,
                       const std::string& path, const std::string& what) {
  auto more = reader.next();
  if (!more) return more.error();
  if (!more.value()) return false;
  if ((++rows & 0xffff) == 0) {
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "reading " + what + " was cancelled");
    control.report(static_cast<double>(reader.bytesRead()) /
                       static_cast<double>(std::max<std::int64_t>(1, reader.fileSize())),
                   "reading " + what);
  }
  const auto width = reader.header().size();
  if (reader.fields().size() != width) {
    return makeError(ErrorCode::Parse,
                     "expected " + std::to_string(width) + " fields (" + reader.columnList() +
                         ") but found " + std::to_string(reader.fields().size()),
                     path, reader.line());
  }
  return true;
}

}  // namespace reclens
