#include "data/importmapping.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace reclens {

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

// Reads one JSON object section, refusing keys it does not know so that a typo is an error
// and not a silently ignored setting.
class Section {
 public:
  Section(const Json& json, std::string where, const std::string& file)
      : m_json(json), m_where(std::move(where)), m_file(file) {}

  Status checkKeys(const std::set<std::string>& known) const {
    if (!m_json.is_object()) return fail("must be a JSON object");
    for (const auto& [key, value] : m_json.items()) {
      if (known.count(key) == 0) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        return fail("unknown key \"" + key + "\" (known keys: " + list + ")");
      }
    }
    return Status::success();
  }
  Status string(const char* key, std::string& out) const {
    if (!m_json.contains(key)) return Status::success();
    if (!m_json[key].is_string()) return fail(std::string("\"") + key + "\" must be a string");
    out = m_json[key].get<std::string>();
    return Status::success();
  }
  Status boolean(const char* key, bool& out) const {
    if (!m_json.contains(key)) return Status::success();
    if (!m_json[key].is_boolean()) return fail(std::string("\"") + key + "\" must be true or false");
    out = m_json[key].get<bool>();
    return Status::success();
  }
  Status strings(const char* key, std::vector<std::string>& out) const {
    if (!m_json.contains(key)) return Status::success();
    const auto& a = m_json[key];
    if (!a.is_array()) return fail(std::string("\"") + key + "\" must be an array of strings");
    for (const auto& v : a) {
      if (!v.is_string()) return fail(std::string("\"") + key + "\" must be an array of strings");
      out.push_back(v.get<std::string>());
    }
    return Status::success();
  }
  Status path(const char* key, std::string& out) const {
    if (auto st = string(key, out); !st) return st;
    if (!out.empty() && fs::path(out).is_relative())
      out = (fs::path(m_file).parent_path() / out).lexically_normal().string();
    return Status::success();
  }
  Status format(CsvFormat& out) const {
    std::string delimiter;
    if (auto st = string("delimiter", delimiter); !st) return st;
    if (delimiter == "\\t" || delimiter == "tab") delimiter = "\t";
    if (!delimiter.empty()) {
      if (delimiter.size() != 1) return fail("\"delimiter\" must be a single character (or \"\\t\")");
      out.delimiter = delimiter[0];
    }
    std::string quote;
    if (auto st = string("quote", quote); !st) return st;
    if (quote.size() > 1) return fail("\"quote\" must be a single character, or \"\" for no quoting");
    if (m_json.contains("quote")) out.quote = quote.empty() ? '\0' : quote[0];
    return boolean("header", out.header);
  }
  Error fail(const std::string& message) const {
    return makeError(ErrorCode::Mapping, "in \"" + m_where + "\": " + message, m_file);
  }
  const Json& json() const { return m_json; }

 private:
  const Json& m_json;
  std::string m_where;
  const std::string& m_file;
};

Result<TimestampFormat> timestampFormat(const std::string& name, const Section& s) {
  if (name.empty() || name == "auto") return TimestampFormat::Auto;
  if (name == "iso8601") return TimestampFormat::Iso8601;
  if (name == "unix") return TimestampFormat::UnixSeconds;
  if (name == "row-order") return TimestampFormat::RowOrder;
  return s.fail("\"timestamp_format\" must be one of auto, iso8601, unix, row-order (got \"" + name + "\")");
}

Result<RowFilter> filter(const Json& json, const std::string& file, std::size_t index) {
  const Section s(json, "interactions.filters[" + std::to_string(index) + "]", file);
  if (auto st = s.checkKeys({"column", "op", "value", "reason"}); !st) return st.error();
  RowFilter f;
  std::string op;
  for (auto st : {s.string("column", f.column), s.string("op", op), s.string("value", f.value),
                  s.string("reason", f.reason)}) {
    if (!st) return st.error();
  }
  if (op == "not-empty") {
    f.op = RowFilter::Op::NotEmpty;
  } else if (op == "not-prefix") {
    f.op = RowFilter::Op::NotPrefix;
  } else if (op == "matches") {
    f.op = RowFilter::Op::MatchesRegex;
  } else if (op == "greater-than") {
    f.op = RowFilter::Op::GreaterThan;
  } else {
    return s.fail("\"op\" must be one of not-empty, not-prefix, matches, greater-than");
  }
  if (f.reason.empty()) f.reason = f.column + " " + op + (f.value.empty() ? "" : " " + f.value) + " failed";
  return f;
}

Status readInteractions(const Section& s, const std::string& file, InteractionsSource& in) {
  if (auto st =
          s.checkKeys({"path", "delimiter", "quote", "header", "user", "item", "timestamp",
                       "timestamp_format", "weight", "kind", "default_kind", "item_title", "item_price",
                       "item_category", "item_brand", "user_attributes", "uppercase_item_ids", "filters"});
      !st) {
    return st;
  }
  std::string tsFormat;
  for (auto st :
       {s.path("path", in.path), s.format(in.format), s.string("user", in.userColumn),
        s.string("item", in.itemColumn), s.string("timestamp", in.timestampColumn),
        s.string("timestamp_format", tsFormat), s.string("weight", in.weightColumn),
        s.string("kind", in.kindColumn), s.string("default_kind", in.defaultKind),
        s.string("item_title", in.itemTitleColumn), s.string("item_price", in.itemPriceColumn),
        s.string("item_category", in.itemCategoryColumn), s.string("item_brand", in.itemBrandColumn),
        s.strings("user_attributes", in.userAttributeColumns),
        s.boolean("uppercase_item_ids", in.uppercaseItemIds)}) {
    if (!st) return st;
  }
  auto fmt = timestampFormat(tsFormat, s);
  if (!fmt) return fmt.error();
  in.timestampFormat = fmt.value();
  if (s.json().contains("filters")) {
    const auto& list = s.json()["filters"];
    if (!list.is_array()) return s.fail("\"filters\" must be an array");
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto f = filter(list[i], file, i);
      if (!f) return f.error();
      in.filters.push_back(std::move(f).value());
    }
  }
  return Status::success();
}

Status readItems(const Section& s, ItemsSource& items) {
  if (auto st = s.checkKeys({"path", "delimiter", "quote", "header", "id", "title", "category", "brand",
                             "price", "first_seen", "attributes", "uppercase_ids"});
      !st) {
    return st;
  }
  for (auto st :
       {s.path("path", items.path), s.format(items.format), s.string("id", items.idColumn),
        s.string("title", items.titleColumn), s.string("category", items.categoryColumn),
        s.string("brand", items.brandColumn), s.string("price", items.priceColumn),
        s.string("first_seen", items.firstSeenColumn), s.strings("attributes", items.attributeColumns),
        s.boolean("uppercase_ids", items.uppercaseIds)}) {
    if (!st) return st;
  }
  return Status::success();
}

Status readUsers(const Section& s, UsersSource& users) {
  if (auto st = s.checkKeys({"path", "delimiter", "quote", "header", "id", "attributes"}); !st) return st;
  for (auto st : {s.path("path", users.path), s.format(users.format), s.string("id", users.idColumn),
                  s.strings("attributes", users.attributeColumns)}) {
    if (!st) return st;
  }
  return Status::success();
}

Error missing(const std::string& field) {
  return makeError(ErrorCode::Mapping, "the mapping does not say " + field);
}

}  // namespace

Result<ImportMapping> loadImportMapping(const std::string& jsonPath) {
  std::ifstream in(jsonPath, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, "cannot open the mapping file for reading", jsonPath);
  Json json = Json::parse(in, nullptr, false);
  if (json.is_discarded()) return makeError(ErrorCode::Mapping, "is not valid JSON", jsonPath);
  const Section root(json, "mapping", jsonPath);
  if (auto st = root.checkKeys({"name", "layout", "strict", "keep_items_without_interactions", "interactions",
                                "items", "users", "item_attributes_json"});
      !st) {
    return st.error();
  }
  ImportMapping m;
  for (auto st :
       {root.string("name", m.datasetName), root.string("layout", m.layout), root.boolean("strict", m.strict),
        root.boolean("keep_items_without_interactions", m.keepItemsWithoutInteractions),
        root.path("item_attributes_json", m.itemAttributesJsonPath)}) {
    if (!st) return st.error();
  }
  if (!json.contains("interactions"))
    return makeError(ErrorCode::Mapping, "has no \"interactions\" section", jsonPath);
  if (auto st =
          readInteractions(Section(json["interactions"], "interactions", jsonPath), jsonPath, m.interactions);
      !st) {
    return st.error();
  }
  if (json.contains("items")) {
    m.items.emplace();
    if (auto st = readItems(Section(json["items"], "items", jsonPath), *m.items); !st) return st.error();
  }
  if (json.contains("users")) {
    m.users.emplace();
    if (auto st = readUsers(Section(json["users"], "users", jsonPath), *m.users); !st) return st.error();
  }
  if (m.datasetName.empty()) m.datasetName = fs::path(jsonPath).stem().string();
  if (auto st = validateImportMapping(m); !st) {
    return makeError(st.error().code, st.error().message, jsonPath);
  }
  return m;
}

Status validateImportMapping(const ImportMapping& m) {
  const auto& in = m.interactions;
  if (m.layout != "csv" && m.layout != "sequences") {
    return makeError(ErrorCode::Mapping,
                     "the layout must be \"csv\" or \"sequences\", not \"" + m.layout + "\"");
  }
  if (in.path.empty()) return missing("which file holds the interactions (interactions.path)");
  if (m.layout == "csv") {
    if (in.userColumn.empty()) return missing("which column holds the user id (interactions.user)");
    if (in.itemColumn.empty()) return missing("which column holds the item id (interactions.item)");
    if (in.timestampColumn.empty() && in.timestampFormat != TimestampFormat::RowOrder) {
      return missing(
          "which column holds the timestamp (interactions.timestamp), or timestamp_format \"row-order\"");
    }
  }
  for (const auto* fmt :
       {&in.format, m.items ? &m.items->format : nullptr, m.users ? &m.users->format : nullptr}) {
    if (fmt == nullptr) continue;
    if (fmt->delimiter == '\n' || fmt->delimiter == '\r' ||
        (fmt->quote != '\0' && fmt->delimiter == fmt->quote)) {
      return makeError(ErrorCode::Mapping,
                       "the delimiter must be one character other than the quote and a line break");
    }
    if (!fmt->header && m.layout == "csv") {
      return makeError(ErrorCode::Mapping, "CSV files need a header row: columns are mapped by name");
    }
  }
  if (m.items) {
    if (m.items->path.empty()) return missing("which file holds the items (items.path)");
    if (m.items->idColumn.empty())
      return missing("which column of the items file holds the item id (items.id)");
  }
  if (m.users) {
    if (m.users->path.empty()) return missing("which file holds the users (users.path)");
    if (m.users->idColumn.empty())
      return missing("which column of the users file holds the user id (users.id)");
  }
  for (const auto& f : in.filters) {
    if (f.column.empty()) return missing("which column a filter tests (filters[].column)");
  }
  return Status::success();
}

}  // namespace reclens
