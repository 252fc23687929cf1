#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace reclens {

// One tensor of an exported model, in plain form (float32 unless `isLong`, then int64).
struct ExportTensor {
  std::string name;
  std::vector<std::int64_t> shape;
  std::vector<float> values;
  std::vector<std::int64_t> longValues;
  bool isLong = false;
};

// Everything a built-in model contributes to its TorchScript file: its weights as buffers and the
// TorchScript source of the contract methods other than contract_version() and metadata().
struct ExportSpec {
  std::string className;  // e.g. "BprModel"
  std::vector<ExportTensor> tensors;
  std::string source;
  std::vector<std::string> itemParts;
};

// TorchScript source of user_vectors (contract 2) and explain_structure() for the models whose user
// vector is the history pooled with 1/sqrt(max(total weight, 1)) plus the sum of the field rows (BPR,
// LightGCN). The two-tower model adds its MLP to the same pooling in its own source.
const char* pooledSqrtUserSource();

// One user's inputs to a model file and the scores [N] the file must reproduce.
struct ProbeUser {
  std::vector<std::int64_t> items;
  std::vector<float> weights;
  std::vector<std::int64_t> codes;
  std::vector<float> expectedScores;
};

// Builds a TorchScript module from `spec` plus contract_version() and metadata() returning
// `metadataJson`, and saves it to `path` through `path + ".part"` and a rename. Same spec, same bytes.
Status writeModelFile(const ExportSpec& spec, const std::string& metadataJson, const std::string& path);

// Loads the model file at `path` and checks that each probe's score vector
// user_vector(history_inputs(items), weights, user_field_inputs(codes)) . item_embeddings()
// matches `expectedScores` within `tolerance` (relative to the largest score magnitude).
Status checkModelScores(const std::string& path, const std::vector<ProbeUser>& probes, double tolerance);

// Loads a model file and scores the whole catalog for one user; the error says what failed.
Result<std::vector<float>> scoreWithModelFile(const std::string& path, const std::vector<std::int64_t>& items,
                                              const std::vector<float>& weights,
                                              const std::vector<std::int64_t>& codes);

// Loads a model file, runs every contract method once and checks contract_version(), the shapes, and
// that item_vectors(item_field_inputs(i)) equals item_embeddings() rows; returns metadata() on success.
Result<std::string> verifyExportedModel(const std::string& path);

}  // namespace reclens
