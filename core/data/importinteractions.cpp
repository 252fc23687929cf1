// ImportRun: reading the interactions (CSV layout and whitespace-separated sequences).
#include <cmath>

#include "data/attributebins.h"
#include "data/csvreader.h"
#include "data/importrun.h"
#include "data/timestampparser.h"
#include "store/projectstore.h"

namespace reclens {

namespace {

bool parseDouble(std::string_view v, double& out) {
  const auto x = parseNumber(v);
  if (x) out = *x;
  return x.has_value();
}

// Uppercases ASCII letters into `buffer` and returns a view of it; other bytes are kept.
std::string_view upperInto(std::string_view s, std::string& buffer) {
  buffer.assign(s);
  for (auto& c : buffer) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return buffer;
}

// std::regex matches recursively, about one stack frame per character, so a field of some 100 kB
// overflows the stack. Longer fields are bad rows for a pattern filter; fields are memoised only up to
// a bound so that a file of distinct values cannot grow the memo without limit.
constexpr std::size_t kMaxPatternFieldBytes = 4096;
constexpr std::size_t kMaxPatternMemo = 1 << 16;
constexpr const char* kTooLongForPattern = "is too long for the filter pattern";

}  // namespace

Status ImportRun::prepareFilters(const CsvReader& reader) {
  for (const auto& rule : m_mapping.interactions.filters) {
    Filter f;
    f.rule = rule;
    auto c = column(reader, rule.column, "filter");
    if (!c) return c.error();
    f.column = c.value();
    if (rule.op == RowFilter::Op::GreaterThan && !parseDouble(rule.value, f.threshold)) {
      return makeError(ErrorCode::Mapping, "the filter on \"" + rule.column + "\" compares with \"" +
                                               rule.value + "\", which is not a number");
    }
    if (rule.op == RowFilter::Op::MatchesRegex) {
      try {
        f.regex = std::regex(rule.value, std::regex::ECMAScript | std::regex::optimize);
      } catch (const std::regex_error& e) {
        return makeError(ErrorCode::Mapping, "the filter on \"" + rule.column +
                                                 "\" has an invalid pattern \"" + rule.value +
                                                 "\": " + e.what());
      }
    }
    m_filters.push_back(std::move(f));
  }
  return Status::success();
}

Result<const ImportRun::Filter*> ImportRun::failingFilter(const CsvReader& reader) {
  const auto& fields = reader.fields();
  for (auto& f : m_filters) {
    const auto v = fields[static_cast<std::size_t>(f.column)];
    bool keep = true;
    switch (f.rule.op) {
      case RowFilter::Op::NotEmpty:
        keep = !v.empty();
        break;
      case RowFilter::Op::NotPrefix:
        keep = v.substr(0, f.rule.value.size()) != f.rule.value;
        break;
      case RowFilter::Op::MatchesRegex: {
        if (v.size() > kMaxPatternFieldBytes) {
          return makeError(ErrorCode::Parse,
                           "a value of " + std::to_string(v.size()) + " bytes in column \"" + f.rule.column +
                               "\" " + kTooLongForPattern + " (at most " +
                               std::to_string(kMaxPatternFieldBytes) + ")",
                           reader.path(), reader.line(), f.column + 1);
        }
        // Few distinct values repeat over many rows (stock codes): match each once.
        if (const auto it = f.memo.find(v); it != f.memo.end()) {
          keep = it->second;
        } else {
          keep = std::regex_match(v.begin(), v.end(), f.regex);
          if (f.memo.size() < kMaxPatternMemo) f.memo.emplace(std::string(v), keep);
        }
        break;
      }
      case RowFilter::Op::GreaterThan: {
        double x = 0.0;
        if (!parseDouble(v, x)) {
          return makeError(ErrorCode::Parse,
                           "\"" + std::string(v) + "\" in column \"" + f.rule.column + "\" is not a number",
                           reader.path(), reader.line(), f.column + 1);
        }
        keep = x > f.threshold;
        break;
      }
    }
    if (!keep) return &f;
  }
  return static_cast<const Filter*>(nullptr);
}

Status ImportRun::readInteractionsCsv(DatasetWriter& writer) {
  const auto& src = m_mapping.interactions;
  std::unique_ptr<CsvReader> reader;
  if (auto st = openReader(src.path, src.format, reader); !st) return st;
  auto& r = *reader;
  const bool rowOrder = src.timestampFormat == TimestampFormat::RowOrder;
  m_timeUnit = rowOrder ? TimeUnit::Sequence : TimeUnit::UnixSeconds;
  auto need = [&](const std::string& name, const char* role) -> Result<int> {
    if (name.empty()) return -1;
    return column(r, name, role);
  };
  auto user = need(src.userColumn, "user id");
  auto item = need(src.itemColumn, "item id");
  auto ts = need(rowOrder ? std::string() : src.timestampColumn, "timestamp");
  auto weight = need(src.weightColumn, "weight");
  auto kind = need(src.kindColumn, "kind");
  auto title = need(src.itemTitleColumn, "item title");
  auto price = need(src.itemPriceColumn, "item price");
  auto category = need(src.itemCategoryColumn, "item category");
  auto brand = need(src.itemBrandColumn, "item brand");
  for (const auto* c : {&user, &item, &ts, &weight, &kind, &title, &price, &category, &brand}) {
    if (!*c) return c->error();
  }
  std::vector<int> userAttrs;
  for (const auto& name : src.userAttributeColumns) {
    auto c = column(r, name, "user attribute");
    if (!c) return c.error();
    userAttrs.push_back(c.value());
    m_rowUserFields.emplace_back(name);
  }
  if (category.value() >= 0) m_rowItemFields.emplace_back("category");
  if (brand.value() >= 0) m_rowItemFields.emplace_back("brand");
  if (auto st = prepareFilters(r); !st) return st;
  // Every stored text cell of a row is checked; numbers and timestamps have their own parsers.
  std::vector<TextColumn> texts = {{user.value(), TextRule::Label, "user id"},
                                   {item.value(), TextRule::Label, "item id"}};
  if (title.value() >= 0) texts.push_back({title.value(), TextRule::FreeText, "item title"});
  if (category.value() >= 0) texts.push_back({category.value(), TextRule::Label, "item category"});
  if (brand.value() >= 0) texts.push_back({brand.value(), TextRule::Label, "item brand"});
  if (kind.value() >= 0) texts.push_back({kind.value(), TextRule::Label, "interaction kind"});
  for (std::size_t a = 0; a < userAttrs.size(); ++a) {
    texts.push_back({userAttrs[a], TextRule::Label, "\"" + src.userAttributeColumns[a] + "\" value"});
  }
  const auto binned = binnedColumns(userAttrs, src.userAttributeColumns);
  const auto uc = static_cast<std::size_t>(user.value());
  const auto ic = static_cast<std::size_t>(item.value());
  const int tc = ts.value();
  if (kind.value() < 0) {
    m_kindNames.push_back(src.defaultKind);
  }
  std::string upperBuffer;
  std::int64_t rows = 0;
  while (true) {
    auto more = nextRow(r, rows, "reading interactions", &m_report.rowsRead);
    if (!more) return more.error();
    if (!more.value()) break;
    const auto& f = r.fields();
    auto failing = failingFilter(r);
    if (!failing) {
      const bool tooLong = failing.error().message.find(kTooLongForPattern) != std::string::npos;
      if (auto st = badRow(
              failing.error(),
              (tooLong ? "value too long for the filter pattern in column \"" : "not a number in column \"") +
                  std::string(r.header()[static_cast<std::size_t>(failing.error().column - 1)]) + "\"");
          !st) {
        return st;
      }
      continue;
    }
    if (failing.value() != nullptr) {
      filteredRow(src.path, failing.value()->rule.reason, r.line());
      continue;
    }
    const auto userId = f[uc];
    const auto itemId = src.uppercaseItemIds ? upperInto(f[ic], upperBuffer) : f[ic];
    if (userId.empty() || itemId.empty()) {
      const bool u = userId.empty();
      const auto col = static_cast<int>((u ? uc : ic) + 1);
      if (auto st = badRow(makeError(ErrorCode::Parse, u ? "the user id is empty" : "the item id is empty",
                                     src.path, r.line(), col),
                           u ? "empty user id" : "empty item id");
          !st) {
        return st;
      }
      continue;
    }
    auto clean = cleanText(r, texts);
    if (!clean) return clean.error();
    if (!clean.value()) continue;
    auto numbers = binnableRow(r, binned);
    if (!numbers) return numbers.error();
    if (!numbers.value()) continue;
    std::int64_t when = 0;
    if (!rowOrder) {
      const auto text = f[static_cast<std::size_t>(tc)];
      const auto t = parseTimestamp(text, src.timestampFormat);
      if (!t) {
        if (auto st = badRow(makeError(ErrorCode::Parse,
                                       "timestamp \"" + std::string(text.substr(0, 64)) +
                                           "\" is neither ISO-8601 (2010-12-01 08:26:00) nor Unix seconds",
                                       src.path, r.line(), tc + 1),
                             "unparsable timestamp in column \"" + src.timestampColumn + "\"");
            !st) {
          return st;
        }
        continue;
      }
      when = *t;
    }
    float w = 1.0F;
    if (weight.value() >= 0 && !f[static_cast<std::size_t>(weight.value())].empty()) {
      double x = 0.0;
      const auto text = f[static_cast<std::size_t>(weight.value())];
      if (!parseDouble(text, x)) {
        if (auto st = badRow(makeError(ErrorCode::Parse,
                                       "weight \"" + std::string(text.substr(0, 64)) + "\" is not a number",
                                       src.path, r.line(), weight.value() + 1),
                             "unparsable weight in column \"" + src.weightColumn + "\"");
            !st) {
          return st;
        }
        continue;
      }
      w = static_cast<float>(x);
    }
    std::uint8_t k = 0;  // without a kind column every row has kind 0, the default kind
    if (kind.value() >= 0) {
      const auto cell = f[static_cast<std::size_t>(kind.value())];
      const auto name = cell.empty() ? std::string_view(src.defaultKind) : cell;
      std::size_t found = 0;
      while (found < m_kindNames.size() && m_kindNames[found] != name) ++found;
      if (found == m_kindNames.size()) {
        if (m_kindNames.size() == 256) {
          return makeError(ErrorCode::Parse, "more than 256 distinct interaction kinds", src.path, r.line(),
                           kind.value() + 1);
        }
        m_kindNames.emplace_back(name);
      }
      k = static_cast<std::uint8_t>(found);
    }
    const auto u = userIndex(userId);
    const auto i = itemIndex(itemId);
    const auto ui = static_cast<std::size_t>(u);
    const auto ii = static_cast<std::size_t>(i);
    if (rowOrder) when = m_userNextSeq[ui]++;
    if (m_itemFirstTs[ii] == kNoTime || when < m_itemFirstTs[ii]) m_itemFirstTs[ii] = when;
    if (title.value() >= 0) {
      if (m_rowTitles.size() <= ii) m_rowTitles.resize(ii + 1);
      if (m_rowTitles[ii].empty()) m_rowTitles[ii] = f[static_cast<std::size_t>(title.value())];
    }
    if (price.value() >= 0) {
      if (m_rowPrices.size() <= ii) m_rowPrices.resize(ii + 1, std::nan(""));
      double x = 0.0;
      if (std::isnan(m_rowPrices[ii]) && parseDouble(f[static_cast<std::size_t>(price.value())], x))
        m_rowPrices[ii] = x;
    }
    std::size_t fi = 0;
    for (const int c : {category.value(), brand.value()}) {
      if (c < 0) continue;
      auto& field = m_rowItemFields[fi++];
      if (field.codeAt(ii) == CategoricalField::kMissing) field.set(ii, f[static_cast<std::size_t>(c)]);
    }
    for (std::size_t a = 0; a < userAttrs.size(); ++a) {
      auto& field = m_rowUserFields[a];
      if (field.codeAt(ui) == CategoricalField::kMissing)
        field.set(ui, f[static_cast<std::size_t>(userAttrs[a])]);
    }
    if (auto st = writer.addInteraction(u, i, when, w, k); !st) return st;
    ++m_report.interactions;
  }
  if (rows == 0 && m_report.rowsRead == 0) return noDataRows(r);
  m_doneBytes += r.fileSize();
  return Status::success();
}

Status ImportRun::readSequences(DatasetWriter& writer) {
  const auto& src = m_mapping.interactions;
  CsvFormat format;
  format.delimiter = ' ';
  format.quote = '\0';
  format.header = false;
  std::unique_ptr<CsvReader> reader;
  if (auto st = openReader(src.path, format, reader); !st) return st;
  auto& r = *reader;
  m_timeUnit = TimeUnit::Sequence;
  m_kindNames.push_back(src.defaultKind);
  std::int64_t rows = 0;
  std::vector<std::string_view> tokens;
  while (true) {
    auto got = r.next();
    if (!got) {
      if (r.broken()) return got.error();
      ++m_report.rowsRead;
      if (auto st = badRow(got.error(), "invalid UTF-8"); !st) return st;
      continue;
    }
    if (!got.value()) break;
    ++rows;
    ++m_report.rowsRead;
    if (auto st = tick(r, rows, "reading sequences"); !st) return st;
    // Runs of spaces and tabs separate tokens.
    tokens.clear();
    for (const auto field : r.fields()) {
      std::size_t p = 0;
      while (p < field.size()) {
        const auto q = field.find('\t', p);
        const auto token = field.substr(p, q == std::string_view::npos ? std::string_view::npos : q - p);
        if (!token.empty()) tokens.push_back(token);
        if (q == std::string_view::npos) break;
        p = q + 1;
      }
    }
    if (tokens.size() < 2) {
      if (auto st = badRow(
              makeError(ErrorCode::Parse, "a sequence line needs a user id followed by at least one item",
                        src.path, r.line(), static_cast<int>(tokens.size() + 1)),
              "sequence without items");
          !st) {
        return st;
      }
      continue;
    }
    bool clean = true;
    for (std::size_t t = 0; t < tokens.size() && clean; ++t) {
      const auto at = firstForbiddenControl(tokens[t], TextRule::Label);
      if (at == std::string_view::npos) continue;
      clean = false;
      const std::string what = t == 0 ? "user id" : "item id";
      const auto error = controlCharacterError(what, tokens[t], at, TextRule::Label, src.path, r.line(),
                                               static_cast<int>(t + 1));
      if (auto st = badRow(error, "control character in the " + what); !st) return st;
    }
    if (!clean) continue;
    const auto u = userIndex(tokens[0]);
    for (std::size_t t = 1; t < tokens.size(); ++t) {
      const auto i = itemIndex(tokens[t]);
      const auto when = m_userNextSeq[static_cast<std::size_t>(u)]++;
      if (auto st = writer.addInteraction(u, i, when, 1.0F, 0); !st) return st;
      ++m_report.interactions;
    }
  }
  if (rows == 0 && m_report.rowsRead == 0) return makeError(ErrorCode::Empty, "is empty", src.path);
  m_doneBytes += r.fileSize();
  return Status::success();
}

}  // namespace reclens
