#include "data/importrun.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

#include "data/csvreader.h"
#include "store/projectstore.h"

namespace reclens {

namespace {

constexpr std::size_t kFirstLines = 5;

std::int64_t fileBytes(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<std::int64_t>(size);
}

int fieldOf(const std::vector<CategoricalField>& fields, const std::string& name) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name() == name) return static_cast<int>(i);
  }
  return -1;
}

void addIssue(std::vector<ImportReport::RowIssue>& list, const std::string& file, const std::string& reason,
              std::int64_t line, ErrorCode code, const std::string& message) {
  auto it = std::find_if(list.begin(), list.end(), [&](const ImportReport::RowIssue& i) {
    return i.file == file && i.reason == reason;
  });
  if (it == list.end()) {
    ImportReport::RowIssue issue;
    issue.file = file;
    issue.reason = reason;
    issue.code = code;
    issue.firstMessage = message;
    list.push_back(std::move(issue));
    it = list.end() - 1;
  }
  ++it->count;
  if (it->firstLines.size() < kFirstLines) it->firstLines.push_back(line);
}

}  // namespace

ImportRun::ImportRun(const ImportMapping& mapping, const TaskControl& control)
    : m_mapping(mapping), m_control(control) {}

Status ImportRun::openReader(const std::string& path, const CsvFormat& format,
                             std::unique_ptr<CsvReader>& out) {
  auto reader = CsvReader::open(path, format);
  if (!reader) return reader.error();
  out = std::move(reader).value();
  return Status::success();
}

Result<int> ImportRun::column(const CsvReader& reader, const std::string& name, const char* role) const {
  const int index = reader.columnIndex(name);
  if (index >= 0) {
    // Column names become field names in the project.
    if (const auto at = firstForbiddenControl(name, TextRule::Label); at != std::string::npos) {
      return makeError(ErrorCode::Parse,
                       std::string("the ") + role + " column's name \"" + printableText(name) +
                           "\" holds the control character " + controlCharacterName(name, at),
                       reader.path(), 1, index + 1);
    }
    return index;
  }
  return makeError(ErrorCode::Mapping,
                   std::string("the mapping's ") + role + " column \"" + name + "\" is not " +
                       (reader.format().header ? "in the header; the columns are: " : "a column: ") +
                       reader.columnList(),
                   reader.path(), reader.format().header ? 1 : 0);
}

Error ImportRun::noDataRows(const CsvReader& reader) {
  return makeError(ErrorCode::Empty,
                   reader.format().header ? "has a header but no data rows" : "has no data rows",
                   reader.path(), reader.format().header ? 1 : 0);
}

Status ImportRun::badRow(const Error& error, const std::string& reason) {
  if (m_mapping.strict) return error;
  addIssue(m_report.skipped, error.file, reason, error.line, error.code, error.message);
  return Status::success();
}

void ImportRun::filteredRow(const std::string& file, const std::string& reason, std::int64_t line) {
  addIssue(m_report.filtered, file, reason, line, ErrorCode::Parse, {});
}

Error ImportRun::controlCharacterError(const std::string& what, std::string_view text, std::size_t at,
                                       TextRule rule, const std::string& file, std::int64_t line,
                                       int column) {
  const char* why = rule == TextRule::Label
                        ? "ids, kinds and attribute values must be printable text"
                        : "titles may hold tabs and line breaks but no other control character";
  return makeError(ErrorCode::Parse,
                   "the " + what + " \"" + printableText(text) + "\" holds the control character " +
                       controlCharacterName(text, at) + " at byte " + std::to_string(at + 1) + "; " + why,
                   file, line, column);
}

Result<bool> ImportRun::cleanText(const CsvReader& reader, const std::vector<TextColumn>& columns) {
  const auto& fields = reader.fields();
  for (const auto& c : columns) {
    const auto text = fields[static_cast<std::size_t>(c.index)];
    const auto at = firstForbiddenControl(text, c.rule);
    if (at == std::string_view::npos) continue;
    const auto error =
        controlCharacterError(c.what, text, at, c.rule, reader.path(), reader.line(), c.index + 1);
    if (auto st = badRow(error, "control character in the " + c.what); !st) return st.error();
    return false;
  }
  return true;
}

Status ImportRun::tick(const CsvReader& reader, std::int64_t rows, const char* stage) {
  if ((rows & 0xFFFF) != 0) return Status::success();
  if (m_control.cancelled())
    return makeError(ErrorCode::Cancelled, "the import was cancelled; the project is unchanged");
  const double done =
      static_cast<double>(m_doneBytes + reader.bytesRead()) / static_cast<double>(m_totalBytes);
  m_control.report(0.9 * std::min(1.0, done), stage);
  return Status::success();
}

Result<bool> ImportRun::nextRow(CsvReader& reader, std::int64_t& rows, const char* stage,
                                std::int64_t* everyRow) {
  const std::size_t width = reader.header().size();
  while (true) {
    auto got = reader.next();
    if (!got) {
      if (reader.broken()) return got.error();
      if (everyRow != nullptr) ++*everyRow;
      const char* reason = got.error().code == ErrorCode::Encoding ? "invalid UTF-8" : "malformed quoting";
      if (auto st = badRow(got.error(), reason); !st) return st.error();
      continue;
    }
    if (!got.value()) return false;
    ++rows;
    if (everyRow != nullptr) ++*everyRow;
    if (auto st = tick(reader, rows, stage); !st) return st.error();
    const std::size_t n = reader.fields().size();
    if (n == width) return true;
    const auto reason =
        "ragged row (" + std::to_string(n) + " fields, expected " + std::to_string(width) + ")";
    const auto error = makeError(ErrorCode::Parse, reason, reader.path(), reader.line(),
                                 static_cast<int>(std::min(n, width) + 1));
    if (auto st = badRow(error, reason); !st) return st.error();
  }
}

std::int32_t ImportRun::userIndex(std::string_view id) {
  auto it = m_userIndex.find(id);
  if (it != m_userIndex.end()) return it->second;
  const auto index = static_cast<std::int32_t>(m_userIds.size());
  m_userIds.emplace_back(id);
  m_userIndex.emplace(m_userIds.back(), index);
  m_userNextSeq.push_back(0);
  return index;
}

std::int32_t ImportRun::itemIndex(std::string_view id) {
  auto it = m_itemIndex.find(id);
  if (it != m_itemIndex.end()) return it->second;
  const auto index = static_cast<std::int32_t>(m_itemIds.size());
  m_itemIds.emplace_back(id);
  m_itemIndex.emplace(m_itemIds.back(), index);
  m_itemFirstTs.push_back(kNoTime);
  return index;
}

Catalog ImportRun::buildCatalog() {
  // Catalog rows not named by any interaction are cold items, kept after the interacted ones.
  const auto& s = m_stagedItems;
  const std::size_t interacted = m_itemIds.size();
  if (m_mapping.keepItemsWithoutInteractions) {
    for (const auto& id : s.ids) {
      if (m_itemIndex.find(id) == m_itemIndex.end()) itemIndex(id);
    }
  }
  m_report.itemsWithoutInteractions = static_cast<std::int64_t>(m_itemIds.size() - interacted);
  Catalog c;
  const std::size_t n = m_itemIds.size();
  c.ids = m_itemIds;
  c.titles.resize(n);
  c.prices.assign(n, std::nan(""));
  c.firstSeen = m_itemFirstTs;
  std::vector<std::string> names;
  for (const char* fixed : {"category", "brand"}) {
    if (fieldOf(s.fields, fixed) >= 0 || fieldOf(m_rowItemFields, fixed) >= 0) names.emplace_back(fixed);
  }
  for (const auto& f : s.fields) {
    if (std::find(names.begin(), names.end(), f.name()) == names.end()) names.push_back(f.name());
  }
  for (const auto& name : names) {
    c.fields.emplace_back(name);
    if (const int f = fieldOf(s.fields, name); f >= 0)
      c.fields.back().setSetValued(s.fields[static_cast<std::size_t>(f)].setValued());
  }
  for (std::size_t r = 0; r < n; ++r) {
    const auto it = s.rowOf.find(m_itemIds[r]);
    const auto staged = it == s.rowOf.end() ? -1 : it->second;
    const auto sr = static_cast<std::size_t>(staged);
    if (staged >= 0 && !s.titles[sr].empty()) {
      c.titles[r] = s.titles[sr];
    } else if (r < m_rowTitles.size()) {
      c.titles[r] = m_rowTitles[r];
    }
    if (staged >= 0 && !std::isnan(s.prices[sr])) {
      c.prices[r] = s.prices[sr];
    } else if (r < m_rowPrices.size()) {
      c.prices[r] = m_rowPrices[r];
    }
    if (staged >= 0 && s.firstSeen[sr] != kNoTime) c.firstSeen[r] = s.firstSeen[sr];
    for (std::size_t k = 0; k < names.size(); ++k) {
      const int fromFile = fieldOf(s.fields, names[k]);
      const int fromRows = fieldOf(m_rowItemFields, names[k]);
      std::string_view value;
      if (staged >= 0 && fromFile >= 0) value = s.fields[static_cast<std::size_t>(fromFile)].valueAt(sr);
      if (value.empty() && fromRows >= 0)
        value = m_rowItemFields[static_cast<std::size_t>(fromRows)].valueAt(r);
      c.fields[k].append(value);
    }
  }
  if (m_timeUnit == TimeUnit::Sequence) std::fill(c.firstSeen.begin(), c.firstSeen.end(), kNoTime);
  return c;
}

Result<UserTable> ImportRun::buildUsers() {
  // Users listed in the users file but absent from the interactions are kept after the active ones.
  const auto& s = m_stagedUsers;
  const std::size_t active = m_userIds.size();
  for (const auto& id : s.ids) {
    if (m_userIndex.find(id) == m_userIndex.end()) userIndex(id);
  }
  m_report.usersWithoutInteractions = static_cast<std::int64_t>(m_userIds.size() - active);
  UserTable t;
  t.ids = m_userIds;
  for (const auto& f : s.fields) t.fields.emplace_back(f.name());
  for (const auto& f : m_rowUserFields) {
    if (fieldOf(t.fields, f.name()) < 0) t.fields.emplace_back(f.name());
  }
  for (std::size_t r = 0; r < t.ids.size(); ++r) {
    const auto it = s.rowOf.find(t.ids[r]);
    for (auto& field : t.fields) {
      const int fromFile = fieldOf(s.fields, field.name());
      const int fromRows = fieldOf(m_rowUserFields, field.name());
      std::string_view value;
      if (it != s.rowOf.end() && fromFile >= 0) {
        value = s.fields[static_cast<std::size_t>(fromFile)].valueAt(static_cast<std::size_t>(it->second));
      }
      if (value.empty() && fromRows >= 0)
        value = m_rowUserFields[static_cast<std::size_t>(fromRows)].valueAt(r);
      field.append(value);
    }
  }
  if (auto st = applyBins(t); !st) return st.error();
  return t;
}

Result<ImportReport> ImportRun::run(ProjectStore& store) {
  const auto start = std::chrono::steady_clock::now();
  if (auto st = validateImportMapping(m_mapping); !st) return st.error();
  m_totalBytes = std::max<std::int64_t>(
      1, fileBytes(m_mapping.interactions.path) + (m_mapping.items ? fileBytes(m_mapping.items->path) : 0) +
             (m_mapping.users ? fileBytes(m_mapping.users->path) : 0) +
             (m_mapping.itemAttributesJsonPath.empty() ? 0 : fileBytes(m_mapping.itemAttributesJsonPath)));
  if (m_mapping.items) {
    if (auto st = readItemsFile(); !st) return st.error();
  } else if (!m_mapping.itemAttributesJsonPath.empty()) {
    if (auto st = readItemAttributesJson(); !st) return st.error();
  }
  if (m_mapping.users) {
    if (auto st = readUsersFile(); !st) return st.error();
  }
  auto writer = store.beginDataset();
  if (!writer) return writer.error();
  const bool sequences = m_mapping.layout == "sequences";
  if (auto st = sequences ? readSequences(*writer.value()) : readInteractionsCsv(*writer.value()); !st) {
    return st.error();
  }
  if (m_report.interactions == 0) {
    return makeError(ErrorCode::Empty,
                     "no usable interactions: " + std::to_string(m_report.skippedCount()) +
                         " rows skipped, " + std::to_string(m_report.filteredCount()) + " filtered out",
                     m_mapping.interactions.path);
  }
  Catalog catalog = buildCatalog();
  auto built = buildUsers();
  if (!built) return built.error();
  UserTable users = std::move(built).value();
  m_report.items = static_cast<std::int64_t>(catalog.size());
  m_report.users = static_cast<std::int64_t>(users.size());
  m_report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  DatasetInfo info;
  info.name = m_mapping.datasetName;
  info.source = "import of " + m_mapping.interactions.path;
  info.timeUnit = m_timeUnit;
  writer.value()->setMeta("import.report", importReportJson(m_report));
  if (auto st = writer.value()->commit(info, catalog, users, m_kindNames, m_control); !st) return st.error();
  m_report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return m_report;
}

}  // namespace reclens
