#include "data/importer.h"

#include <nlohmann/json.hpp>

#include "data/importrun.h"

namespace reclens {

namespace {

std::int64_t total(const std::vector<ImportReport::RowIssue>& issues) {
  std::int64_t n = 0;
  for (const auto& i : issues) n += i.count;
  return n;
}

nlohmann::json issuesJson(const std::vector<ImportReport::RowIssue>& issues, bool withCode) {
  auto out = nlohmann::json::array();
  for (const auto& i : issues) {
    nlohmann::json j = {
        {"file", i.file}, {"reason", i.reason}, {"count", i.count}, {"first_lines", i.firstLines}};
    if (withCode) {
      j["code"] = errorCodeName(i.code);
      j["first_message"] = i.firstMessage;
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

std::int64_t ImportReport::skippedCount() const {
  return total(skipped);
}
std::int64_t ImportReport::filteredCount() const {
  return total(filtered);
}

std::int64_t ImportReport::invalidUtf8Count() const {
  std::int64_t n = 0;
  for (const auto& i : skipped) n += i.code == ErrorCode::Encoding ? i.count : 0;
  return n;
}

std::string importEncodingHeadline(const ImportReport& report) {
  const auto n = report.invalidUtf8Count();
  if (n == 0) return {};
  return std::to_string(n) + (n == 1 ? " row" : " rows") +
         " skipped: not valid UTF-8 (use --encoding latin1 or cp1252)";
}

std::string importReportJson(const ImportReport& report) {
  auto bins = nlohmann::json::array();
  for (const auto& b : report.bins) {
    bins.push_back({{"attribute", b.attribute}, {"edges", b.edges}, {"labels", b.labels}});
  }
  nlohmann::json j = {{"rows_read", report.rowsRead},
                      {"interactions", report.interactions},
                      {"items", report.items},
                      {"users", report.users},
                      {"items_without_interactions", report.itemsWithoutInteractions},
                      {"users_without_interactions", report.usersWithoutInteractions},
                      {"skipped_rows", report.skippedCount()},
                      {"filtered_rows", report.filteredCount()},
                      {"skipped", issuesJson(report.skipped, true)},
                      {"filtered", issuesJson(report.filtered, false)},
                      {"invalid_utf8_rows", report.invalidUtf8Count()},
                      {"bins", bins},
                      {"seconds", report.seconds}};
  if (const auto headline = importEncodingHeadline(report); !headline.empty()) j["headline"] = headline;
  return j.dump();
}

Result<ImportReport> runImport(const ImportMapping& mapping, ProjectStore& store,
                               const TaskControl& control) {
  // Anything thrown below (allocation failure, a library error) becomes an Error: the writer's
  // transaction is rolled back by its destructor, so the project is unchanged.
  try {
    ImportRun run(mapping, control);
    return run.run(store);
  } catch (const std::bad_alloc&) {
    return makeError(ErrorCode::Io, "not enough memory for the import; the project is unchanged");
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, std::string("the import failed: ") + e.what());
  }
}

}  // namespace reclens
