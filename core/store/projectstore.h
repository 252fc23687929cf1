#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"

namespace reclens {

class DatasetWriter;
class EventAppender;
struct AppendCursor;
struct AppendedRows;
struct EventAppendOptions;

// A RecLens project file (*.reclens): one SQLite database holding the catalog, users,
// interactions, registered models, audit runs, bookmarks, notes and what-if scenarios.
// Every bulk write happens in one transaction, so a crash or kill leaves the previous content.
// One ProjectStore is one SQLite connection: use it from one thread at a time.
class ProjectStore {
 public:
  enum class Mode {
    ReadOnly,   // the file must exist and be a project
    ReadWrite,  // the file must exist and be a project; older schemas are migrated
    Create,     // open read-write, creating an empty project when the file does not exist
  };

  // The schema version this build writes; files with a higher version are refused.
  static constexpr int kSchemaVersion = 1;
  // SQLite application_id of RecLens projects ("RCLN").
  static constexpr int kApplicationId = 0x52434C4E;

  // Opens `path`; errors name the file and say why (not SQLite, not a project, newer version).
  static Result<std::unique_ptr<ProjectStore>> open(const std::string& path, Mode mode);
  ~ProjectStore();
  ProjectStore(const ProjectStore&) = delete;
  ProjectStore& operator=(const ProjectStore&) = delete;

  const std::string& path() const;
  int schemaVersion() const;

  struct Counts {
    std::int64_t items = 0;
    std::int64_t users = 0;
    std::int64_t interactions = 0;
  };
  // Row counts of the dataset tables.
  Result<Counts> counts() const;
  // True when the project holds at least one interaction.
  bool hasDataset() const;

  // Starts replacing the dataset. Nothing changes on disk for readers until DatasetWriter::commit.
  Result<std::unique_ptr<DatasetWriter>> beginDataset();
  // Replaces the whole dataset with `dataset` in one transaction.
  Status writeDataset(const Dataset& dataset, const TaskControl& control = {});
  // Starts appending live events (store/eventappender.h); switches the file to WAL journal mode.
  // InvalidArgument for a project whose times are a row order rather than Unix seconds.
  Result<std::unique_ptr<EventAppender>> beginEvents(const EventAppendOptions& options);
  // Reads the whole dataset into memory, in one read transaction (a consistent state even while
  // another connection appends events).
  Result<Dataset> loadDataset(const TaskControl& control = {}) const;
  // The catalog's item ids in row order (what a model's catalog fingerprint is computed over), without
  // reading the rest of the dataset.
  Result<std::vector<std::string>> itemIds() const;
  // SQLite's PRAGMA data_version of this connection: it changes exactly when another connection
  // commits to the file, so comparing two values tells whether anything may have been appended.
  Result<std::int64_t> dataVersion() const;
  // What was appended after `cursor` (store/appendedrows.h), read in one read transaction: at most
  // `maxInteractions` interaction rows (the cursor returned says where to go on), with every user,
  // item and kind created since. Schema error when the dataset was replaced meanwhile (fewer rows than
  // the cursor has read).
  Result<AppendedRows> appendedSince(const AppendCursor& cursor, std::size_t maxInteractions) const;

  // Free-form key/value metadata (dataset name, import report, ...). Missing keys give "".
  Result<std::string> metaValue(const std::string& key) const;
  Status setMetaValue(const std::string& key, const std::string& value);

  // Planted ground truth written by the synthetic generator: key -> JSON text.
  Result<std::vector<std::pair<std::string, std::string>>> plantedTruth() const;

  // A model file registered with the project (the file itself lives beside the project).
  struct ModelRecord {
    std::int64_t id = 0;
    std::string name;    // e.g. "bpr-64"
    std::string path;    // as given at registration (absolute, or relative to the project folder)
    std::string sha256;  // of the model file when registered
    int contractVersion = 0;
    std::string metadataJson;  // the model's own metadata
    std::int64_t created = 0;  // Unix seconds
  };
  // Adds a model (or replaces the record with the same name) and returns its id.
  Result<std::int64_t> registerModel(const ModelRecord& record);
  // Every registered model, newest first.
  Result<std::vector<ModelRecord>> models() const;

  // What a bookmark or note is attached to; `ref` is the user's or item's external id, so both
  // survive a re-import of the dataset.
  enum class AnnotationTarget { User, Item };
  struct Bookmark {
    AnnotationTarget target = AnnotationTarget::User;
    std::string ref;
    std::string label;         // e.g. the item title when bookmarked
    std::int64_t created = 0;  // Unix seconds
  };
  struct Note {
    AnnotationTarget target = AnnotationTarget::User;
    std::string ref;
    std::string body;
    std::int64_t created = 0;  // Unix seconds
    std::int64_t updated = 0;
  };
  // Bookmarks (`on`) or un-bookmarks a user or item; at most one bookmark per target, idempotent.
  Status setBookmarked(AnnotationTarget target, const std::string& ref, bool on,
                       const std::string& label = {});
  // True when the target is bookmarked.
  Result<bool> isBookmarked(AnnotationTarget target, const std::string& ref) const;
  // Every bookmark, oldest first (none for a file that predates bookmarks).
  Result<std::vector<Bookmark>> bookmarks() const;
  // Replaces the note on a target; an empty (or all-blank) body deletes it.
  Status setNote(AnnotationTarget target, const std::string& ref, const std::string& body);
  // The note on a target, "" when there is none.
  Result<std::string> note(AnnotationTarget target, const std::string& ref) const;
  // Every note, most recently updated first.
  Result<std::vector<Note>> notes() const;

  // A finished audit saved in the project (audit_runs table); the JSON texts come from core/audit.
  struct AuditRunRecord {
    std::int64_t id = 0;
    std::string name;          // unique within the project
    std::int64_t created = 0;  // Unix seconds
    std::int64_t modelId = 0;  // registered model audited; 0 for a recommendation log or an unregistered file
    std::string configJson;
    std::string provenanceJson;
    std::string summaryJson;  // headline numbers for listings
    std::string resultsJson;  // the whole result; left empty by auditRuns()
  };
  // Stores a run in one transaction and returns its id; Duplicate when the name is taken, and
  // nothing is written on any error.
  Result<std::int64_t> saveAuditRun(const AuditRunRecord& record);
  // Every saved run without its results, newest first.
  Result<std::vector<AuditRunRecord>> auditRuns() const;
  // One saved run with its results, by id (all digits) or by name; NotFound otherwise.
  Result<AuditRunRecord> auditRun(const std::string& idOrName) const;

  // A named what-if scenario of one user (scenarios table); the spec is the JSON of
  // core/engine/whatifscenario.h. `userRef` is the user's external id, so it survives a re-import.
  struct ScenarioRecord {
    std::int64_t id = 0;
    std::string name;
    std::string userRef;
    std::string specJson;
    std::int64_t created = 0;  // Unix seconds
  };
  // Saves `record` in one transaction, replacing the scenario of the same name and user, and returns
  // its id; InvalidArgument for an empty name, and nothing is written on any error.
  Result<std::int64_t> saveScenario(const ScenarioRecord& record);
  // The scenarios of user `userRef` (of every user when empty), by user and name.
  Result<std::vector<ScenarioRecord>> scenarios(const std::string& userRef = {}) const;
  // Deletes scenario `id`; NotFound when there is none.
  Status deleteScenario(std::int64_t id);

 private:
  friend class DatasetWriter;
  friend class EventAppender;
  struct Impl;
  explicit ProjectStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// Streams a dataset into a project inside one transaction. Interactions are written as they
// come (bounded memory); catalog and users are written by commit(). Destroying the writer
// without a successful commit rolls everything back.
class DatasetWriter {
 public:
  ~DatasetWriter();
  DatasetWriter(const DatasetWriter&) = delete;
  DatasetWriter& operator=(const DatasetWriter&) = delete;

  // Appends one interaction; user and item are row indices of the catalog/user table given to commit.
  Status addInteraction(std::int32_t user, std::int32_t item, std::int64_t ts, float weight,
                        std::uint8_t kind);
  // Appends rows [begin, end) of `log`.
  Status addInteractions(const InteractionLog& log, std::size_t begin, std::size_t end);
  std::int64_t interactionCount() const;

  // Extra metadata and planted truth written in the same transaction.
  void setMeta(const std::string& key, const std::string& value);
  void setPlantedTruth(const std::string& key, const std::string& json);

  // Writes catalog, users and kinds, checks every interaction refers to a valid row, and commits.
  Status commit(const DatasetInfo& info, const Catalog& items, const UserTable& users,
                const std::vector<std::string>& kindNames, const TaskControl& control = {});

 private:
  friend class ProjectStore;
  struct Impl;
  explicit DatasetWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace reclens
