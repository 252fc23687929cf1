#pragma once
// What `audit` and `audit merge` share: the output of a finished run (table, JSON, HTML, saving it in
// the project), file helpers, and the registration of the audit subcommands.
#include <string>

#include "audit/auditrun.h"
#include "commands.h"
#include "common/result.h"
#include "data/dataset.h"
#include "model/datasplit.h"

namespace reclens::cli {

struct AuditOutputOptions {
  std::string json;          // file, "-" for stdout, or empty
  bool jsonRecords = false;  // include the per-item exposure and per-user records in the JSON
  std::string html;          // file or empty
  bool save = false;         // store the run in the project
  std::string name;          // name of the saved run (default: model or log, k and time)
  bool quiet = false;        // no progress lines
  bool printsJson() const { return json == "-"; }
};

// Registers --json, --json-records, --html, --save, --name and --quiet on `sub`.
void addAuditOutputOptions(CLI::App& sub, AuditOutputOptions& options);

// Prints the table, writes the JSON and HTML files asked for, and saves the run in `project` when
// asked; returns the exit code.
int emitAuditRun(AuditRun& run, const std::string& project, const AuditOutputOptions& options);

// The split of an audit with explicit relevance (`--relevance FILE`), recorded in `provenance` with
// the file's absolute path and SHA-256; `expectedSha256` (a merge: the shards' file) must match when
// given. Prints what was read (and skipped rows) on stderr unless `quiet`.
Result<TrainTestSplit> readRelevanceSplit(const std::string& path, const Dataset& dataset, bool skipUnknown,
                                          bool quiet, AuditProvenance& provenance,
                                          const std::string& expectedSha256 = {});

// The whole text of `path`; the error names the file.
Result<std::string> readTextFile(const std::string& path);
// Writes `text` to `path` through a temporary file and a rename, so no half-written file appears.
Status writeTextFile(const std::string& path, const std::string& text);

// The audit subcommands, each in its own file.
void addAuditMergeCommand(CLI::App& audit, CommandRunner& runner);
void addAuditListCommand(CLI::App& audit, CommandRunner& runner);
void addAuditCompareCommand(CLI::App& audit, CommandRunner& runner);

}  // namespace reclens::cli
