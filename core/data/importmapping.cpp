#include "data/importmapping.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "data/attributebins.h"

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
    std::string encoding;
    if (auto st = string("encoding", encoding); !st) return st;
    if (!encoding.empty()) {
      const auto e = textEncodingFromName(encoding);
      if (!e) return fail("\"encoding\" must be utf8, latin1 or cp1252 (got \"" + encoding + "\")");
      out.encoding = *e;
    }
    if (auto st = strings("names", out.names); !st) return st;
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

Result<SetAttribute> setAttribute(const Json& json, const std::string& file, std::size_t index) {
  const Section s(json, "items.sets[" + std::to_string(index) + "]", file);
  if (auto st = s.checkKeys({"name", "one_hot", "column", "separator"}); !st) return st.error();
  SetAttribute a;
  std::string separator;
  for (auto st : {s.string("name", a.name), s.strings("one_hot", a.oneHotColumns),
                  s.string("column", a.listColumn), s.string("separator", separator)}) {
    if (!st) return st.error();
  }
  if (a.name.empty()) return s.fail("\"name\" is required: the attribute the set is stored as");
  if (a.oneHotColumns.empty() == a.listColumn.empty())
    return s.fail("give either \"one_hot\" (the 0/1 columns) or \"column\" (a column holding a list)");
  if (separator.size() > 1) return s.fail("\"separator\" must be a single character");
  if (!separator.empty()) a.separator = separator[0];
  return a;
}

Status readInteractions(const Section& s, const std::string& file, InteractionsSource& in) {
  if (auto st = s.checkKeys({"path",
                             "delimiter",
                             "quote",
                             "header",
                             "names",
                             "encoding",
                             "user",
                             "item",
                             "timestamp",
                             "timestamp_format",
                             "weight",
                             "kind",
                             "default_kind",
                             "item_title",
                             "item_price",
                             "item_category",
                             "item_brand",
                             "user_attributes",
                             "uppercase_item_ids",
                             "filters"});
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

Status readItems(const Section& s, const std::string& file, ItemsSource& items) {
  if (auto st =
          s.checkKeys({"path", "delimiter", "quote", "header", "names", "encoding", "id", "title", "category",
                       "brand", "price", "first_seen", "attributes", "sets", "uppercase_ids"});
      !st) {
    return st;
  }
  if (s.json().contains("sets")) {
    const auto& list = s.json()["sets"];
    if (!list.is_array()) return s.fail("\"sets\" must be an array");
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto a = setAttribute(list[i], file, i);
      if (!a) return a.error();
      items.setAttributes.push_back(std::move(a).value());
    }
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
  if (auto st =
          s.checkKeys({"path", "delimiter", "quote", "header", "names", "encoding", "id", "attributes"});
      !st) {
    return st;
  }
  for (auto st : {s.path("path", users.path), s.format(users.format), s.string("id", users.idColumn),
                  s.strings("attributes", users.attributeColumns)}) {
    if (!st) return st;
  }
  return Status::success();
}

// "user_bins": {"age": [18, 25, 35], "income": "q4"}.
Status readBins(const Section& s, std::vector<AttributeBins>& out) {
  if (!s.json().is_object()) return s.fail("must be a JSON object {\"attribute\": [edges] or \"qN\"}");
  for (const auto& [name, value] : s.json().items()) {
    std::string rule = name + "=";
    if (value.is_string()) {
      rule += value.get<std::string>();
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_number()) return s.fail("the edges of \"" + name + "\" must be numbers");
        rule += (i == 0 ? "" : ",") + value[i].dump();
      }
    } else {
      return s.fail("\"" + name + "\" must be an array of edges or \"qN\"");
    }
    auto bins = parseAttributeBins(rule);
    if (!bins) return s.fail(bins.error().message);
    out.push_back(std::move(bins).value());
  }
  return Status::success();
}

Error missing(const std::string& field) {
  return makeError(ErrorCode::Mapping, "the mapping does not say " + field);
}

}  // namespace

Result<AttributeBins> parseAttributeBins(const std::string& text) {
  const auto eq = text.find('=');
  const auto bad = [&](const std::string& why) {
    return makeError(
        ErrorCode::InvalidArgument,
        "binning rule \"" + text + "\": " + why +
            " (write ATTRIBUTE=EDGE,EDGE,... such as age=18,25,35 or ATTRIBUTE=qN such as age=q4)");
  };
  if (eq == std::string::npos || eq == 0) return bad("no attribute name before '='");
  AttributeBins bins;
  bins.attribute = text.substr(0, eq);
  const std::string rule = text.substr(eq + 1);
  if (rule.size() >= 2 && rule[0] == 'q') {
    int q = 0;
    const auto [ptr, ec] = std::from_chars(rule.data() + 1, rule.data() + rule.size(), q);
    if (ec != std::errc() || ptr != rule.data() + rule.size() || q < 2 || q > 100)
      return bad("the number of quantile groups must be 2 to 100");
    bins.quantiles = q;
    return bins;
  }
  std::size_t p = 0;
  while (p <= rule.size()) {
    const auto comma = std::min(rule.find(',', p), rule.size());
    const std::string part = rule.substr(p, comma - p);
    const auto edge = parseNumber(part);
    if (!edge) return bad("\"" + part + "\" is not a number");
    if (!bins.edges.empty() && *edge <= bins.edges.back()) return bad("the edges must increase");
    bins.edges.push_back(*edge);
    p = comma + 1;
  }
  return bins;
}

Result<ImportMapping> loadImportMapping(const std::string& jsonPath) {
  std::ifstream in(jsonPath, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, "cannot open the mapping file for reading", jsonPath);
  Json json = Json::parse(in, nullptr, false);
  if (json.is_discarded()) return makeError(ErrorCode::Mapping, "is not valid JSON", jsonPath);
  const Section root(json, "mapping", jsonPath);
  if (auto st = root.checkKeys({"name", "layout", "strict", "keep_items_without_interactions", "interactions",
                                "items", "users", "item_attributes_json", "user_bins"});
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
    if (auto st = readItems(Section(json["items"], "items", jsonPath), jsonPath, *m.items); !st)
      return st.error();
  }
  if (json.contains("users")) {
    m.users.emplace();
    if (auto st = readUsers(Section(json["users"], "users", jsonPath), *m.users); !st) return st.error();
  }
  if (json.contains("user_bins")) {
    if (auto st = readBins(Section(json["user_bins"], "user_bins", jsonPath), m.userBins); !st)
      return st.error();
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
    if (fmt->header && !fmt->names.empty()) {
      return makeError(ErrorCode::Mapping,
                       "column names (\"names\", --columns) are for a file without a header row "
                       "(\"header\": false, --no-header)");
    }
    std::set<std::string> seen;
    for (std::size_t k = 0; k < fmt->names.size(); ++k) {
      const auto& name = fmt->names[k];
      if (name.empty()) return makeError(ErrorCode::Mapping, "a column name in \"names\" is empty");
      // A number names a column by position, so a name that is a number must be its own position.
      if (name.find_first_not_of("0123456789") == std::string::npos && name != std::to_string(k + 1)) {
        return makeError(ErrorCode::Mapping,
                         "column " + std::to_string(k + 1) + " is named \"" + name +
                             "\": \"names\" (--columns) names every column in file order, and a number "
                             "names the column at that position; leave the names out to use positions");
      }
      if (!seen.insert(name).second)
        return makeError(ErrorCode::Mapping, "the column name \"" + name + "\" is given twice in \"names\"");
    }
  }
  if (m.items) {
    std::set<std::string> taken(m.items->attributeColumns.begin(), m.items->attributeColumns.end());
    if (!m.items->categoryColumn.empty() || !in.itemCategoryColumn.empty()) taken.insert("category");
    if (!m.items->brandColumn.empty() || !in.itemBrandColumn.empty()) taken.insert("brand");
    for (const auto& a : m.items->setAttributes) {
      if (!taken.insert(a.name).second) {
        return makeError(
            ErrorCode::Mapping,
            "the set attribute \"" + a.name + "\" has the name of another item attribute; give it its own");
      }
      for (const auto& c : a.oneHotColumns) {
        if (c.find(kSetSeparator) != std::string::npos) {
          return makeError(ErrorCode::Mapping, "the one-hot column \"" + c + "\" of set \"" + a.name +
                                                   "\" holds '" + std::string(1, kSetSeparator) +
                                                   "', which separates the members of a stored set");
        }
      }
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
