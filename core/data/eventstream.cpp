#include "data/eventstream.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <tuple>
#include <utility>

#include "data/csvreader.h"
#include "data/timestampparser.h"

namespace reclens {

namespace {

bool isBlank(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The canonical column a header name or JSON key stands for, or "" for one that is ignored.
std::string_view canonicalKey(std::string_view name) {
  const auto n = lower(trim(name));
  if (n == "user" || n == "user_id") return "user";
  if (n == "item" || n == "item_id") return "item";
  if (n == "time" || n == "timestamp" || n == "ts") return "time";
  if (n == "kind") return "kind";
  if (n == "weight") return "weight";
  return {};
}

// At most 64 bytes of `text`, quoted, for messages.
std::string quoted(std::string_view text) {
  return "\"" + std::string(text.substr(0, 64)) + (text.size() > 64 ? "...\"" : "\"");
}

// Sets `reason` and says the line is bad.
EventParser::LineKind fail(std::string& reason, std::string why) {
  reason = std::move(why);
  return EventParser::LineKind::Bad;
}

bool parseWeight(std::string_view text, float& out, std::string& reason) {
  double x = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(x)) {
    reason = "weight " + quoted(text) + " is not a number";
    return false;
  }
  out = static_cast<float>(x);
  return true;
}

bool parseTime(std::string_view text, std::int64_t& out, std::string& reason) {
  const auto t = parseTimestamp(text, TimestampFormat::Auto);
  if (!t) {
    reason = "time " + quoted(text) + " is neither Unix seconds nor an ISO-8601 date-time";
    return false;
  }
  out = *t;
  return true;
}

// True when `fields` name the user, item and time columns (a CSV header rather than an event).
bool looksLikeHeader(const std::vector<std::string_view>& fields) {
  int named = 0;
  for (const auto f : fields) {
    const auto k = canonicalKey(f);
    named += k == "user" || k == "item" || k == "time";
  }
  return named >= 3;
}

}  // namespace

const char* eventFormatName(EventFormat format) {
  switch (format) {
    case EventFormat::Csv:
      return "csv";
    case EventFormat::JsonLines:
      return "jsonl";
    case EventFormat::Auto:
      break;
  }
  return "auto";
}

bool splitCsvLine(std::string_view line, std::vector<std::string_view>& fields, std::string& scratch,
                  std::string& reason) {
  fields.clear();
  scratch.clear();
  scratch.reserve(line.size());  // views into scratch stay valid: it never grows past this
  std::size_t i = 0;
  while (true) {
    std::size_t j = i;
    while (j < line.size() && isBlank(line[j])) ++j;
    if (j < line.size() && line[j] == '"') {
      const std::size_t start = scratch.size();
      ++j;
      bool closed = false;
      while (j < line.size()) {
        if (line[j] == '"') {
          if (j + 1 < line.size() && line[j + 1] == '"') {
            scratch.push_back('"');
            j += 2;
            continue;
          }
          closed = true;
          ++j;
          break;
        }
        scratch.push_back(line[j++]);
      }
      if (!closed) {
        reason = "unterminated quote in field " + std::to_string(fields.size() + 1);
        return false;
      }
      while (j < line.size() && isBlank(line[j])) ++j;
      if (j < line.size() && line[j] != ',') {
        reason = "text after the closing quote of field " + std::to_string(fields.size() + 1);
        return false;
      }
      fields.emplace_back(scratch.data() + start, scratch.size() - start);
      i = j;
    } else {
      const auto comma = line.find(',', i);
      const auto end = comma == std::string_view::npos ? line.size() : comma;
      fields.push_back(trim(line.substr(i, end - i)));
      i = end;
    }
    if (i >= line.size()) return true;
    ++i;  // past the comma; a trailing comma gives a last empty field
    if (i == line.size()) {
      fields.emplace_back();
      return true;
    }
  }
}

EventParser::EventParser(EventFormat format, std::string source)
    : m_format(format), m_source(std::move(source)) {}

Result<EventParser::LineKind> EventParser::parseLine(std::string_view line, StreamEvent& event,
                                                     std::string& reason) {
  ++m_line;
  if (m_line == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (trim(line).empty()) return LineKind::Blank;
  if (m_format == EventFormat::Auto) {
    m_format = trim(line).front() == '{' ? EventFormat::JsonLines : EventFormat::Csv;
  }
  if (const auto bad = firstInvalidUtf8(line.data(), line.size()); bad >= 0) {
    reason = "invalid UTF-8 at byte " + std::to_string(bad + 1);
    return LineKind::Bad;
  }
  if (m_format == EventFormat::JsonLines) return parseJson(line, event, reason);
  if (m_restarted) {
    m_restarted = false;
    std::string why;
    if (splitCsvLine(line, m_fields, m_scratch, why) && looksLikeHeader(m_fields)) m_headerSeen = false;
  }
  if (!m_headerSeen) {
    if (auto st = readHeader(line); !st) return st.error();
    m_headerSeen = true;
    return LineKind::Header;
  }
  return parseCsv(line, event, reason);
}

void EventParser::restart() {
  m_line = 0;
  m_restarted = m_headerSeen;
}

Status EventParser::readHeader(std::string_view line) {
  m_userCol = m_itemCol = m_timeCol = m_kindCol = m_weightCol = -1;
  m_needed = 0;
  std::string why;
  if (!splitCsvLine(line, m_fields, m_scratch, why)) {
    return makeError(ErrorCode::Parse, "the CSV header line is malformed: " + why, m_source, m_line);
  }
  for (std::size_t c = 0; c < m_fields.size(); ++c) {
    const auto key = canonicalKey(m_fields[c]);
    int* slot = key == "user"     ? &m_userCol
                : key == "item"   ? &m_itemCol
                : key == "time"   ? &m_timeCol
                : key == "kind"   ? &m_kindCol
                : key == "weight" ? &m_weightCol
                                  : nullptr;
    if (slot == nullptr) continue;
    if (*slot >= 0) {
      return makeError(ErrorCode::Parse,
                       "the CSV header names the " + std::string(key) + " column twice (" +
                           quoted(m_fields[static_cast<std::size_t>(*slot)]) + " and " + quoted(m_fields[c]) +
                           ")",
                       m_source, m_line);
    }
    *slot = static_cast<int>(c);
  }
  std::string missing;
  for (const auto& [col, name] : {std::pair{m_userCol, "user"}, {m_itemCol, "item"}, {m_timeCol, "time"}}) {
    if (col < 0) missing += missing.empty() ? name : std::string(", ") + name;
  }
  if (!missing.empty()) {
    return makeError(ErrorCode::Parse,
                     "the first line must be a CSV header naming the columns user, item and time (kind and "
                     "weight optional); it lacks " +
                         missing,
                     m_source, m_line);
  }
  for (int c : {m_userCol, m_itemCol, m_timeCol}) {
    m_needed = std::max(m_needed, static_cast<std::size_t>(c + 1));
  }
  return Status::success();
}

EventParser::LineKind EventParser::parseCsv(std::string_view line, StreamEvent& event, std::string& reason) {
  if (!splitCsvLine(line, m_fields, m_scratch, reason)) return LineKind::Bad;
  if (m_fields.size() < m_needed) {
    reason = "has " + std::to_string(m_fields.size()) + " fields; the user, item and time columns need " +
             std::to_string(m_needed);
    return LineKind::Bad;
  }
  // Optional columns missing at the end of a short row read as empty.
  const auto field = [&](int c) {
    return c >= 0 && static_cast<std::size_t>(c) < m_fields.size() ? m_fields[static_cast<std::size_t>(c)]
                                                                   : std::string_view();
  };
  if (field(m_userCol).empty()) return fail(reason, "the user is empty");
  if (field(m_itemCol).empty()) return fail(reason, "the item is empty");
  if (!parseTime(field(m_timeCol), event.ts, reason)) return LineKind::Bad;
  event.weight = 1.0f;
  if (m_weightCol >= 0 && !field(m_weightCol).empty() &&
      !parseWeight(field(m_weightCol), event.weight, reason))
    return LineKind::Bad;
  event.user.assign(field(m_userCol));
  event.item.assign(field(m_itemCol));
  if (m_kindCol >= 0)
    event.kind.assign(field(m_kindCol));
  else
    event.kind.clear();
  return LineKind::Event;
}

EventParser::LineKind EventParser::parseJson(std::string_view line, StreamEvent& event, std::string& reason) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded()) return fail(reason, "is not valid JSON");
  if (!j.is_object()) return fail(reason, "is JSON but not an object");
  const nlohmann::json* values[5] = {};  // user, item, time, kind, weight
  for (const auto& [key, value] : j.items()) {
    const auto k = canonicalKey(key);
    const int slot = k == "user"     ? 0
                     : k == "item"   ? 1
                     : k == "time"   ? 2
                     : k == "kind"   ? 3
                     : k == "weight" ? 4
                                     : -1;
    if (slot < 0) continue;
    if (values[slot] != nullptr) return fail(reason, "has the key " + std::string(k) + " twice");
    values[slot] = &value;
  }
  // An id is a non-empty string or an integer; the problem with it otherwise.
  const auto id = [](const nlohmann::json* v, const std::string& name, std::string& out) -> std::string {
    if (v == nullptr || v->is_null()) return "has no " + name;
    if (v->is_string()) {
      out = v->get<std::string>();
      return trim(out).empty() ? "the " + name + " is empty" : std::string();
    }
    if (v->is_number_integer()) {
      out = v->dump();
      return {};
    }
    return "the " + name + " must be a string or an integer";
  };
  for (auto [v, name, out] : {std::tuple{values[0], "user", &event.user}, {values[1], "item", &event.item}}) {
    if (auto why = id(v, name, *out); !why.empty()) return fail(reason, std::move(why));
  }
  const auto* t = values[2];
  if (t == nullptr || t->is_null()) return fail(reason, "has no time");
  if (t->is_number_integer()) {
    event.ts = t->get<std::int64_t>();
  } else if (t->is_number_float()) {
    const double x = t->get<double>();
    if (!std::isfinite(x) || std::fabs(x) > 9.0e15) return fail(reason, "the time is out of range");
    event.ts = static_cast<std::int64_t>(x);  // fractions of a second are dropped, as the importer does
  } else if (t->is_string()) {
    if (!parseTime(t->get_ref<const std::string&>(), event.ts, reason)) return LineKind::Bad;
  } else {
    return fail(reason, "the time must be a number or a string");
  }
  event.kind.clear();
  if (const auto* k = values[3]; k != nullptr && !k->is_null()) {
    if (!k->is_string()) return fail(reason, "the kind must be a string");
    event.kind = k->get<std::string>();
  }
  event.weight = 1.0f;
  if (const auto* w = values[4]; w != nullptr && !w->is_null()) {
    if (w->is_number()) {
      const double x = w->get<double>();
      if (!std::isfinite(x)) return fail(reason, "the weight is not finite");
      event.weight = static_cast<float>(x);
    } else if (w->is_string()) {
      if (!parseWeight(w->get_ref<const std::string&>(), event.weight, reason)) return LineKind::Bad;
    } else {
      return fail(reason, "the weight must be a number");
    }
  }
  return LineKind::Event;
}

}  // namespace reclens
