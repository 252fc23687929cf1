#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/importmapping.h"

namespace reclens {

class ProjectStore;

// What an import did: counts, and every skipped row grouped by reason with the first few lines.
struct ImportReport {
  struct RowIssue {
    std::string file;
    std::string reason;  // e.g. "unparsable timestamp", "ragged row (5 fields, expected 8)"
    std::int64_t count = 0;
    std::vector<std::int64_t> firstLines;  // up to 5 line numbers (1-based, header is line 1)
    ErrorCode code = ErrorCode::Parse;     // for skipped rows: the error each row would raise in strict mode
    std::string firstMessage;              // the full message of the first such row (file:line:column: ...)
  };
  std::int64_t rowsRead = 0;      // data rows read from the interactions file
  std::int64_t interactions = 0;  // interactions written
  std::int64_t items = 0;
  std::int64_t users = 0;
  std::int64_t itemsWithoutInteractions = 0;  // catalog rows kept although no interaction names them
  std::int64_t usersWithoutInteractions = 0;  // users-file rows kept although no interaction names them
  std::vector<RowIssue> skipped;              // bad rows (errors), skipped because strict was off
  std::vector<RowIssue> filtered;             // rows dropped on purpose by the mapping's filters
  // A user attribute replaced by groups: the edges used (stated, or the quantiles found) and the labels.
  struct Bins {
    std::string attribute;
    std::vector<double> edges;
    std::vector<std::string> labels;
  };
  std::vector<Bins> bins;
  double seconds = 0.0;
  std::int64_t skippedCount() const;
  std::int64_t filteredCount() const;
  // Rows skipped because they are not valid UTF-8 (the file may be Latin-1 or Windows-1252).
  std::int64_t invalidUtf8Count() const;
};

// The line a report should open with when rows were lost to their encoding, e.g. "37 rows skipped: not
// valid UTF-8 (use --encoding latin1 or cp1252)"; "" when none were.
std::string importEncodingHeadline(const ImportReport& report);

// Imports the files named by `mapping` into `store`, replacing its dataset in one transaction.
// On any error, on cancellation, or when strict and a row is bad, the project is left unchanged.
Result<ImportReport> runImport(const ImportMapping& mapping, ProjectStore& store,
                               const TaskControl& control = {});

// The report as a JSON object (counts, skipped and filtered reasons), as `reclens-cli import --json` shows.
std::string importReportJson(const ImportReport& report);

// A ready-made mapping for a known public dataset.
struct ImportPreset {
  std::string name;                        // "online-retail", "complete-journey", "amazon-beauty"
  std::string title;                       // "UCI Online Retail"
  std::string description;                 // what is kept and what is dropped
  std::vector<std::string> expectedFiles;  // file names expected inside the folder
};
const std::vector<ImportPreset>& importPresets();
// The mapping of preset `name` for the dataset folder `folder`; errors name a missing file.
Result<ImportMapping> presetMapping(const std::string& name, const std::string& folder);

}  // namespace reclens
