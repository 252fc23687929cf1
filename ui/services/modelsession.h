#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "engine/computedevice.h"
#include "engine/userprofilebuilder.h"
#include "explain/background.h"
#include "model/modelfile.h"
#include "model/modeltrust.h"
#include "services/datasetsnapshot.h"
#include "store/projectstore.h"

namespace reclens {

// A model loaded for the open project: the validated ModelFile, the user profiles in the model's
// vocabulary and the item popularity and categories that re-ranking needs. Immutable once made and
// shared read-only with the recompute thread; the ScoringEngine itself lives on that thread. The one
// thing it adds later is the average user of the project's users, computed once on first use.
class ModelSession {
 public:
  // What loadIfTrusted made of a model file: a session, or none and the reason to ask the user.
  struct Loaded {
    std::shared_ptr<const ModelSession> session;  // null when the file needs the user's confirmation
    ModelTrust trust;                             // of the bytes read (trust.sha256 is their hash)
  };

  // Copies the model file of `record` (a row of the snapshot's project; path absolute or relative to
  // the project's folder) to a private folder while hashing it, then, when the copy is trusted
  // (model/modeltrust.h: inside the project's folder, the registered hash) or hashes to
  // `confirmedSha256` (what the user agreed to load), checks the copy in a child process and loads
  // that same copy onto `device` against the snapshot's catalog. Otherwise no session and the trust.
  // Slow: call it off the GUI thread.
  static Result<Loaded> loadIfTrusted(std::shared_ptr<const DatasetSnapshot> snapshot,
                                      const ProjectStore::ModelRecord& record, const ComputeDevice& device,
                                      const std::string& confirmedSha256 = {});
  // As loadIfTrusted without confirmation: a file that would need it is an ErrorCode::Schema error
  // that says why.
  static Result<std::shared_ptr<const ModelSession>> load(std::shared_ptr<const DatasetSnapshot> snapshot,
                                                          const ProjectStore::ModelRecord& record,
                                                          const ComputeDevice& device);
  // A session over an already loaded model, without the catalog check (for tests and callers that
  // checked it themselves).
  static std::shared_ptr<const ModelSession> create(std::shared_ptr<const DatasetSnapshot> snapshot,
                                                    std::shared_ptr<const ModelFile> model, std::string name);
  // The same model over `grown`, a snapshot of the same project with rows appended (live events,
  // DatasetSnapshot::extended): the profiles, popularity and categories are made again from it, so
  // every user's vector folds in their new interactions. Items the model was not trained with stay out
  // of the profiles. The average user (userBackground) is kept when it was computed. Takes time in
  // the size of the log: call it off the GUI thread.
  std::shared_ptr<const ModelSession> withSnapshot(std::shared_ptr<const DatasetSnapshot> grown) const;
  // The models registered with the project at `projectPath`, newest first, with absolute paths.
  static Result<std::vector<ProjectStore::ModelRecord>> registeredModels(const std::string& projectPath);

  const DatasetSnapshot& snapshot() const { return *m_snapshot; }
  const std::shared_ptr<const ModelFile>& model() const { return m_model; }
  const std::string& name() const { return m_name; }
  // The model file as the project names it (model()->path() is the private copy that was loaded).
  const std::string& sourcePath() const { return m_sourcePath; }
  const UserProfileBuilder& profiles() const { return m_profiles; }
  const std::vector<std::int64_t>& popularity() const { return m_popularity; }
  const std::vector<std::int32_t>& categories() const { return m_categories; }
  // ΔGAP's popular items (audit/rerankinputs.h), for the user-aware popularity penalty.
  const std::vector<std::uint8_t>& popular() const { return m_popular; }
  // The average user of every user of the project under the model (explain/background.h): what the
  // average-user baseline and the common and personal parts of a score compare a user with. Computed
  // on the first call (slow on a large project: call it off the GUI thread) and reused by every later
  // one, from any thread; a call made meanwhile waits for it. A cancelled or failed computation is
  // not kept, so the next call tries again.
  Result<std::shared_ptr<const UserBackground>> userBackground(const TaskControl& control = {}) const;
  // The background users of the sampled-users baseline: kBackgroundSample users of the project drawn with
  // seed 1, computed on first use and kept like the average user.
  // The average user of the users who share dataset user row `user`'s value of user field `field`
  // (usersSharingValue), computed once per value and kept.
  Result<std::shared_ptr<const UserBackground>> groupBackground(int field, std::int32_t user,
                                                                const TaskControl& control = {}) const;
  static constexpr std::size_t kBackgroundSample = 32;
  Result<std::shared_ptr<const std::vector<UserBackground>>> userSample(
      const TaskControl& control = {}) const;

 private:
  ModelSession(std::shared_ptr<const DatasetSnapshot> snapshot, std::shared_ptr<const ModelFile> model,
               std::string name);

  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::shared_ptr<const PrivateModelCopy> m_copy;  // kept while the model is in use; before m_model
  std::shared_ptr<const ModelFile> m_model;
  std::string m_name;
  std::string m_sourcePath;
  UserProfileBuilder m_profiles;  // refers to the dataset of m_snapshot, declared before it
  std::vector<std::int64_t> m_popularity;
  std::vector<std::int32_t> m_categories;
  std::vector<std::uint8_t> m_popular;
  mutable std::mutex m_backgroundMutex;
  mutable std::shared_ptr<const UserBackground> m_background;           // guarded by m_backgroundMutex
  mutable std::shared_ptr<const std::vector<UserBackground>> m_sample;  // guarded by m_backgroundMutex
  // (field, code) -> the group's average user, guarded by m_backgroundMutex
  mutable std::map<std::pair<int, std::int32_t>, std::shared_ptr<const UserBackground>> m_groups;
};

}  // namespace reclens
