// ImportRun: staging the optional items file, users file and item attribute JSON.
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "data/csvreader.h"
#include "data/importrun.h"
#include "data/timestampparser.h"

namespace reclens {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

Status ImportRun::readItemsFile() {
  const auto& src = *m_mapping.items;
  std::unique_ptr<CsvReader> reader;
  if (auto st = openReader(src.path, src.format, reader); !st) return st;
  auto id = column(*reader, src.idColumn, "item id");
  if (!id) return id.error();
  struct Col {
    int index;
    std::string field;
  };
  std::vector<Col> cats;
  auto optional = [&](const std::string& name, const char* role, int& out) -> Status {
    out = -1;
    if (name.empty()) return Status::success();
    auto c = column(*reader, name, role);
    if (!c) return c.error();
    out = c.value();
    return Status::success();
  };
  int title = -1, price = -1, firstSeen = -1, category = -1, brand = -1;
  for (auto st :
       {optional(src.titleColumn, "item title", title), optional(src.priceColumn, "item price", price),
        optional(src.firstSeenColumn, "item first-seen", firstSeen),
        optional(src.categoryColumn, "item category", category),
        optional(src.brandColumn, "item brand", brand)}) {
    if (!st) return st;
  }
  if (category >= 0) cats.push_back({category, "category"});
  if (brand >= 0) cats.push_back({brand, "brand"});
  for (const auto& name : src.attributeColumns) {
    auto c = column(*reader, name, "item attribute");
    if (!c) return c.error();
    cats.push_back({c.value(), name});
  }
  std::vector<TextColumn> texts = {{id.value(), TextRule::Label, "item id"}};
  if (title >= 0) texts.push_back({title, TextRule::FreeText, "item title"});
  for (const auto& c : cats) texts.push_back({c.index, TextRule::Label, "\"" + c.field + "\" value"});
  // Set-valued attributes: the columns of each (one-hot columns, or the one list column).
  std::vector<std::vector<int>> setColumns;
  for (const auto& set : src.setAttributes) {
    setColumns.emplace_back();
    for (const auto& name : set.listColumn.empty() ? set.oneHotColumns : std::vector{set.listColumn}) {
      auto c = column(*reader, name, set.listColumn.empty() ? "one-hot" : "item set");
      if (!c) return c.error();
      setColumns.back().push_back(c.value());
    }
    if (!set.listColumn.empty())
      texts.push_back({setColumns.back().front(), TextRule::Label, "\"" + set.name + "\" value"});
  }
  std::vector<std::string> members;
  auto& s = m_stagedItems;
  for (const auto& c : cats) s.fields.emplace_back(c.field);
  for (const auto& set : src.setAttributes) {
    s.fields.emplace_back(set.name);
    s.fields.back().setSetValued(true);
  }
  std::int64_t rows = 0;
  while (true) {
    auto more = nextRow(*reader, rows, "reading items");
    if (!more) return more.error();
    if (!more.value()) break;
    const auto& f = reader->fields();
    const std::string key = src.uppercaseIds ? upper(f[id.value()]) : std::string(f[id.value()]);
    if (key.empty()) {
      if (auto st = badRow(
              makeError(ErrorCode::Parse, "the item id is empty", src.path, reader->line(), id.value() + 1),
              "empty item id");
          !st) {
        return st;
      }
      continue;
    }
    auto clean = cleanText(*reader, texts);
    if (!clean) return clean.error();
    if (!clean.value()) continue;
    if (s.rowOf.count(key) != 0) {
      if (auto st = badRow(makeError(ErrorCode::Duplicate, "item id \"" + key + "\" appears a second time",
                                     src.path, reader->line(), id.value() + 1),
                           "duplicate item id");
          !st) {
        return st;
      }
      continue;
    }
    double p = std::nan("");
    if (price >= 0 && !f[price].empty()) {
      const auto v = f[price];
      double parsed = 0.0;
      const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), parsed);
      if (ec != std::errc() || ptr != v.data() + v.size()) {
        if (auto st = badRow(makeError(ErrorCode::Parse, "price \"" + std::string(v) + "\" is not a number",
                                       src.path, reader->line(), price + 1),
                             "unparsable price");
            !st) {
          return st;
        }
        continue;
      }
      p = parsed;
    }
    auto sets = readSets(*reader, setColumns, members);
    if (!sets) return sets.error();
    if (!sets.value()) continue;
    std::int64_t seen = kNoTime;
    if (firstSeen >= 0 && !f[firstSeen].empty()) {
      auto t = parseTimestamp(f[firstSeen], TimestampFormat::Auto);
      if (!t) {
        if (auto st = badRow(makeError(ErrorCode::Parse,
                                       "first-seen time \"" + std::string(f[firstSeen]) +
                                           "\" is neither ISO-8601 nor Unix seconds",
                                       src.path, reader->line(), firstSeen + 1),
                             "unparsable first-seen time");
            !st) {
          return st;
        }
        continue;
      }
      seen = *t;
    }
    s.rowOf.emplace(key, static_cast<std::int32_t>(s.ids.size()));
    s.ids.push_back(key);
    s.titles.emplace_back(title >= 0 ? f[title] : std::string_view());
    s.prices.push_back(p);
    s.firstSeen.push_back(seen);
    for (std::size_t k = 0; k < cats.size(); ++k) s.fields[k].append(f[cats[k].index]);
    for (std::size_t a = 0; a < members.size(); ++a) s.fields[cats.size() + a].append(members[a]);
  }
  if (rows == 0) return noDataRows(*reader);
  m_doneBytes += reader->fileSize();
  return Status::success();
}

Status ImportRun::readUsersFile() {
  const auto& src = *m_mapping.users;
  std::unique_ptr<CsvReader> reader;
  if (auto st = openReader(src.path, src.format, reader); !st) return st;
  auto id = column(*reader, src.idColumn, "user id");
  if (!id) return id.error();
  std::vector<int> cols;
  auto& s = m_stagedUsers;
  if (src.attributeColumns.empty()) {
    for (std::size_t c = 0; c < reader->header().size(); ++c) {
      if (static_cast<int>(c) == id.value()) continue;
      // Without a list every column is kept, and its name becomes a field name.
      const auto& name = reader->header()[c];
      if (const auto at = firstForbiddenControl(name, TextRule::Label); at != std::string::npos) {
        return makeError(ErrorCode::Parse,
                         "the column name \"" + printableText(name) + "\" holds the control character " +
                             controlCharacterName(name, at),
                         src.path, 1, static_cast<int>(c + 1));
      }
      cols.push_back(static_cast<int>(c));
      s.fields.emplace_back(reader->header()[c]);
    }
  } else {
    for (const auto& name : src.attributeColumns) {
      auto c = column(*reader, name, "user attribute");
      if (!c) return c.error();
      cols.push_back(c.value());
      s.fields.emplace_back(name);
    }
  }
  std::vector<TextColumn> texts = {{id.value(), TextRule::Label, "user id"}};
  std::vector<std::string> names;
  for (std::size_t k = 0; k < cols.size(); ++k) {
    texts.push_back({cols[k], TextRule::Label, "\"" + s.fields[k].name() + "\" value"});
    names.push_back(s.fields[k].name());
  }
  const auto binned = binnedColumns(cols, names);
  std::int64_t rows = 0;
  while (true) {
    auto more = nextRow(*reader, rows, "reading users");
    if (!more) return more.error();
    if (!more.value()) break;
    const auto& f = reader->fields();
    const auto key = f[id.value()];
    if (!key.empty()) {
      auto clean = cleanText(*reader, texts);
      if (!clean) return clean.error();
      if (!clean.value()) continue;
      auto numbers = binnableRow(*reader, binned);
      if (!numbers) return numbers.error();
      if (!numbers.value()) continue;
    }
    if (key.empty() || s.rowOf.count(key) != 0) {
      const bool empty = key.empty();
      if (auto st = badRow(makeError(empty ? ErrorCode::Parse : ErrorCode::Duplicate,
                                     empty ? "the user id is empty"
                                           : "user id \"" + std::string(key) + "\" appears a second time",
                                     src.path, reader->line(), id.value() + 1),
                           empty ? "empty user id" : "duplicate user id");
          !st) {
        return st;
      }
      continue;
    }
    s.rowOf.emplace(std::string(key), static_cast<std::int32_t>(s.ids.size()));
    s.ids.emplace_back(key);
    for (std::size_t k = 0; k < cols.size(); ++k) s.fields[k].append(f[static_cast<std::size_t>(cols[k])]);
  }
  if (rows == 0) return noDataRows(*reader);
  m_doneBytes += reader->fileSize();
  return Status::success();
}

Status ImportRun::readItemAttributesJson() {
  const auto& path = m_mapping.itemAttributesJsonPath;
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, "cannot open the item attribute file for reading", path);
  const auto json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return makeError(ErrorCode::Parse, "is not a JSON object {\"item id\": [attribute ids]}", path);
  }
  // The attribute ids are anonymous; category = the first id, brand = the last id of lists with two
  // or more, and "attributes" = every id joined by spaces (see docs/import.md).
  auto& s = m_stagedItems;
  s.fields = {CategoricalField("category"), CategoricalField("brand"), CategoricalField("attributes")};
  for (const auto& [key, value] : json.items()) {
    if (!value.is_array())
      return makeError(ErrorCode::Parse, "the value of item \"" + printableText(key) + "\" is not a list",
                       path);
    std::vector<std::string> ids;
    for (const auto& v : value) ids.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    // JSON carries no line numbers to report a skipped item by, so a control character fails the file,
    // as any other malformed entry does.
    if (const auto at = firstForbiddenControl(key, TextRule::Label); at != std::string::npos) {
      return makeError(ErrorCode::Parse,
                       "the item id \"" + printableText(key) + "\" holds the control character " +
                           controlCharacterName(key, at) + "; ids must be printable text",
                       path);
    }
    for (const auto& v : ids) {
      if (const auto at = firstForbiddenControl(v, TextRule::Label); at != std::string::npos) {
        return makeError(ErrorCode::Parse,
                         "the attribute \"" + printableText(v) + "\" of item \"" + printableText(key) +
                             "\" holds the control character " + controlCharacterName(v, at),
                         path);
      }
    }
    std::string joined;
    for (const auto& v : ids) joined += (joined.empty() ? "" : " ") + v;
    s.rowOf.emplace(key, static_cast<std::int32_t>(s.ids.size()));
    s.ids.push_back(key);
    s.titles.emplace_back();
    s.prices.push_back(std::nan(""));
    s.firstSeen.push_back(kNoTime);
    s.fields[0].append(ids.empty() ? std::string() : ids.front());
    s.fields[1].append(ids.size() >= 2 ? ids.back() : std::string());
    s.fields[2].append(joined);
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  m_doneBytes += ec ? 0 : static_cast<std::int64_t>(size);
  return Status::success();
}

}  // namespace reclens
