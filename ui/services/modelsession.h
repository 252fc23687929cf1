#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "engine/computedevice.h"
#include "engine/userprofilebuilder.h"
#include "model/modelfile.h"
#include "services/datasetsnapshot.h"
#include "store/projectstore.h"

namespace reclens {

// A model loaded for the open project: the validated ModelFile, the user profiles in the model's
// vocabulary and the item popularity and categories that re-ranking needs. Immutable once made and
// shared read-only with the recompute thread; the ScoringEngine itself lives on that thread.
class ModelSession {
 public:
  // Loads the model file of `record` (path made absolute against the project's folder) onto
  // `device` and checks it against the snapshot's catalog. Slow: call it off the GUI thread.
  static Result<std::shared_ptr<const ModelSession>> load(std::shared_ptr<const DatasetSnapshot> snapshot,
                                                          const ProjectStore::ModelRecord& record,
                                                          const ComputeDevice& device);
  // A session over an already loaded model, without the catalog check (for tests and callers that
  // checked it themselves).
  static std::shared_ptr<const ModelSession> create(std::shared_ptr<const DatasetSnapshot> snapshot,
                                                    std::shared_ptr<const ModelFile> model, std::string name);
  // The models registered with the project at `projectPath`, newest first, with absolute paths.
  static Result<std::vector<ProjectStore::ModelRecord>> registeredModels(const std::string& projectPath);

  const DatasetSnapshot& snapshot() const { return *m_snapshot; }
  const std::shared_ptr<const ModelFile>& model() const { return m_model; }
  const std::string& name() const { return m_name; }
  const UserProfileBuilder& profiles() const { return m_profiles; }
  const std::vector<std::int64_t>& popularity() const { return m_popularity; }
  const std::vector<std::int32_t>& categories() const { return m_categories; }

 private:
  ModelSession(std::shared_ptr<const DatasetSnapshot> snapshot, std::shared_ptr<const ModelFile> model,
               std::string name);

  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::shared_ptr<const ModelFile> m_model;
  std::string m_name;
  UserProfileBuilder m_profiles;  // refers to the dataset of m_snapshot, declared before it
  std::vector<std::int64_t> m_popularity;
  std::vector<std::int32_t> m_categories;
};

}  // namespace reclens
