#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "data/dataset.h"
#include "engine/computedevice.h"
#include "model/modelcontract.h"

namespace reclens {

// A loaded model file that follows the RecLens model contract (model/modelcontract.h), with its
// TorchScript module and item matrix resident on one compute device. Immutable after load; safe to
// share between threads (each inference runs on its own thread-local InferenceMode).
class ModelFile {
 public:
  // Loads `path` onto `device` and validates it against the contract, and against `catalog` when
  // given. Never throws; the error names the file and the first thing that is wrong.
  static Result<std::shared_ptr<const ModelFile>> load(const std::string& path,
                                                       const ComputeDevice& device = {},
                                                       const Catalog* catalog = nullptr);
  ~ModelFile();
  ModelFile(const ModelFile&) = delete;
  ModelFile& operator=(const ModelFile&) = delete;

  const std::string& path() const;
  const ModelMetadata& metadata() const;
  const ComputeDevice& device() const;
  // The contract version the file follows (kOldestModelContractVersion .. kModelContractVersion).
  int contractVersion() const;
  // True when the file has user_vectors (contract 2): attributions batch all their rows into one call.
  bool hasBatchedUserVectors() const;
  // The closed form the file declares and that matched its methods at load, e.g. "pooled, sqrt norm,
  // clamp 1" ("" when none); closedFormNote() says why a declared form is not used ("" otherwise).
  const std::string& closedFormName() const;
  const std::string& closedFormNote() const;

  // Torch-side state, defined in modelfile_torch.cpp; other *_torch.cpp units reach the module and
  // the cached item matrix through accessors declared there (no torch type in this header).
  struct Impl;

 private:
  friend struct ModelFileAccess;
  explicit ModelFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// Loads and validates `path` on the CPU (and against `catalog` when given); success means the
// engine can score with it. The error is one sentence naming what is missing or mismatched.
Status validateModelFile(const std::string& path, const Catalog* catalog = nullptr);

// Limits on what a model file may declare; larger values are refused as hostile or broken.
inline constexpr std::size_t kMaxModelMetadataBytes = std::size_t{64} << 20;
inline constexpr std::size_t kMaxModelUserFields = 1024;
inline constexpr std::size_t kMaxModelItemParts = 1024;
inline constexpr std::int64_t kMaxModelDim = 65536;
inline constexpr std::int64_t kMaxModelItems = 2147483647;  // item rows are 32-bit indices

// Parses the metadata JSON of a model file; the error names the missing, mistyped or out-of-range key.
// Implemented without LibTorch (modelmetadata.cpp).
Result<ModelMetadata> parseModelMetadata(const std::string& json);

// Succeeds when `metadata` was made for exactly this catalog (same size and fingerprint).
Status checkModelCatalog(const ModelMetadata& metadata, const Catalog& catalog);

}  // namespace reclens
