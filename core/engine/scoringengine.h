#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "engine/recommendation.h"
#include "engine/rerank.h"
#include "engine/userprofile.h"
#include "model/modelfile.h"

namespace reclens {

// Scores the full catalog with one model: user vector from a profile, one matrix-vector product
// against the cached item matrix, exclusion of seen items, deterministic top-K (higher score first,
// ties to the lower catalog row), optional re-ranking; and a batched form for every user (one GEMM
// and one top-K per batch). Reuses its score buffers, so use one engine from one thread at a time.
// On the CPU, topK() remembers the full scores of its last full pass; a later user vector close to
// that one (a what-if edit of the same profile) is ranked from them exactly (engine/nearbytopk.h).
class ScoringEngine {
 public:
  explicit ScoringEngine(std::shared_ptr<const ModelFile> model);
  // An engine over a bare item matrix (row-major [numItems, dim]) with no model, for benchmarks:
  // scoring from user vectors works, profiles are refused.
  static Result<std::unique_ptr<ScoringEngine>> forItemMatrix(const std::vector<float>& items,
                                                              std::int64_t numItems, int dim,
                                                              const ComputeDevice& device);
  ~ScoringEngine();
  ScoringEngine(const ScoringEngine&) = delete;
  ScoringEngine& operator=(const ScoringEngine&) = delete;

  // The model; only for engines made from a ModelFile (hasModel()).
  const ModelFile& model() const { return *m_model; }
  bool hasModel() const { return m_model != nullptr; }
  // The device the item matrix lives on.
  const ComputeDevice& device() const;
  std::size_t numItems() const;
  int dim() const;

  // The model's user vector [dim] for `profile`; the error names an invalid item, weight or field code.
  Result<std::vector<float>> userVector(const UserProfile& profile);
  // Scores of every catalog item for `userVector` (length numItems()).
  Result<std::vector<float>> scores(const std::vector<float>& userVector);
  // The best `k` items for `userVector`, never any of `exclude`; fewer when the catalog runs out.
  Result<std::vector<Recommendation>> topK(const std::vector<float>& userVector, int k,
                                           const std::vector<std::int32_t>& exclude = {});

  // How the last topK() was answered: from the remembered scores of a nearby user vector, with the
  // number of items scored exactly (and whether the remembered scores were sorted first), or by
  // scoring the full catalog.
  struct RankStats {
    bool nearby = false;
    std::size_t scored = 0;
    bool sorted = false;
  };
  RankStats lastRankStats() const;
  // Ranking from remembered scores: on by default (CPU only); off scores the full catalog every call.
  void setNearbyRanking(bool on);

  struct Options {
    bool excludeSeen = true;  // leave out the profile's history items
    ReRankOptions reRank;
    ReRankContext context;  // popularity / categories for re-ranking; embeddings are filled in here
  };
  // Top-`k` for a profile: user vector, full-catalog scores, exclusion, then re-ranking when active.
  Result<std::vector<Recommendation>> recommend(const UserProfile& profile, int k, const Options& options);

  // The top-`k` of each row of `userVectors` (row-major [count, dim]) with one matrix product per
  // batch, never listing exclude[u] (may be empty, or one list per user); lists[u] gets user u's list.
  Status topKBatch(const std::vector<float>& userVectors, std::size_t count, int k,
                   const std::vector<const std::vector<std::int32_t>*>& exclude,
                   std::vector<std::vector<Recommendation>>& lists);

  // Recommends for users 0..count-1 (profileOf(u) gives each profile) in batches of `batchSize`,
  // calling sink(u, list) in user order; equal to recommend() per user without re-ranking.
  // Reports progress and stops with ErrorCode::Cancelled when `control` is cancelled.
  Status recommendAll(std::size_t count, const std::function<UserProfile(std::size_t)>& profileOf, int k,
                      bool excludeSeen, int batchSize,
                      const std::function<void(std::size_t, const std::vector<Recommendation>&)>& sink,
                      const TaskControl& control = {});

  // The item matrix copied to the CPU, row-major [numItems, dim] (made once, on first use).
  const std::vector<float>& itemEmbeddingsOnCpu();

 private:
  struct Impl;
  explicit ScoringEngine(std::unique_ptr<Impl> impl);
  std::shared_ptr<const ModelFile> m_model;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace reclens
