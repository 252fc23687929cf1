#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace reclens {

// Item parts of RecLens's two-tower model that are not catalog fields: the price band (quintiles of the
// catalog's prices, derived when training) and the title features.
inline constexpr const char* kPriceBandPart = "price band";
inline constexpr const char* kTitlePart = "title";

// The RecLens model contract, version 2 (documented in docs/model-contract.md).
//
// A model is a TorchScript module (torch.jit.save / torch::jit::Module::save) with these methods
// (all tensors float32 unless said otherwise; N items, D score dimensions, L history entries,
// F user attribute fields, G item parts, H and E input widths chosen by the model):
//
//   contract_version() -> int                          must return kModelContractVersion
//   metadata() -> str                                   JSON, see ModelMetadata
//   item_embeddings() -> Tensor[N, D]                   final item representations (cached on the device)
//   history_inputs(items: int64[L]) -> Tensor[L, H]     one input vector per history item
//   user_field_inputs(codes: int64[F]) -> Tensor[F, H]  one input vector per user attribute field;
//                                                       code -1 = missing (the model decides its vector)
//   user_vector(history: [L, H], weights: [L], fields: [F, H]) -> Tensor[D]
//                                                       the user representation; differentiable in
//                                                       `history`, `weights` and `fields`; L may be 0
//   item_field_inputs(items: int64[K]) -> Tensor[K, G, E]   per-item parts (id embedding, category, brand,
//   ...) item_vectors(parts: [K, G, E]) -> Tensor[K, D]      item representations from their parts; equals
//   the
//                                                       rows of item_embeddings() (validated on a sample)
//
//   user_vectors(history: [B, L, H], weights: [B, L], fields: [B, F, H]) -> Tensor[B, D]
//                                                       version 2 only: row b equals user_vector of row b
//                                                       (one call for all steps, coalitions or users)
//
// Optional (any version): explain_structure() -> str, a JSON declaration of a closed form of
// user_vector and item_vectors (see ExplainStructure below), and explain_tensors() -> List[Tensor], the
// weights that form needs. RecLens checks the declaration numerically at load and ignores it when it
// does not match the methods.
//
// score(user, item) = user_vector(...) . item_embeddings()[item]; full-catalog scoring is one
// matrix-vector product. Attribution units: each history row (through `weights` and `history`),
// each user field row of `fields`, each item part g of item_field_inputs.

// The version RecLens writes, and the oldest it still reads. A version-1 file has no user_vectors;
// RecLens then calls user_vector once per row, keeping every row's graph separate.
inline constexpr int kModelContractVersion = 2;
inline constexpr int kOldestModelContractVersion = 1;

// The method names every version requires, in the order the validator checks them.
inline const std::vector<std::string>& modelContractMethods() {
  static const std::vector<std::string> kMethods = {
      "contract_version",  "metadata",    "item_embeddings",   "history_inputs",
      "user_field_inputs", "user_vector", "item_field_inputs", "item_vectors"};
  return kMethods;
}
// The batched method that version 2 adds.
inline constexpr const char* kBatchedUserMethod = "user_vectors";

// Whether a model of `kind` reads its history in time order (the last events weigh most), so that its
// explanations are shown per position (newest first) and a reordered history changes its scores.
inline bool isSequentialKind(const std::string& kind) {
  return kind == "sasrec";
}

// The metadata JSON that travels inside a model file (metadata()). Keys, all required unless noted:
//   "contract_version": int, "kind": "popularity"|"bpr"|"lightgcn"|"twotower"|other string,
//   "dim": D, "num_items": N,
//   "catalog_fingerprint": catalogFingerprint() of the catalog the model was trained on,
//   "user_fields": [{"name": str, "vocabulary": [str, ...]}, ...]   (the F fields, in input order;
//                  code c of field f means vocabulary[c]),
//   "item_parts": [str, ...]   (the G part names, e.g. ["item", "category", "brand"]),
//   "train_time": {"first": int, "last": int}  (Unix seconds or sequence numbers), optional
//   "trained_by": str, optional; "config": {...}, optional; "validation": {...}, optional;
//   "training": {"curve": {"loss": [...], "validation_ndcg": [...]}, "best_epoch": int, ...}, optional
//               (learningCurveOf)
struct ModelMetadata {
  int contractVersion = 0;
  std::string kind;
  int dim = 0;
  std::int64_t numItems = 0;
  std::string catalogFingerprint;
  struct UserField {
    std::string name;
    std::vector<std::string> vocabulary;
  };
  std::vector<UserField> userFields;
  std::vector<std::string> itemParts;
  std::int64_t trainFirst = 0;
  std::int64_t trainLast = 0;
  std::string trainedBy;
  std::string json;  // the whole metadata JSON as found in the file
};

}  // namespace reclens
