#pragma once
// Warm start (fine-tuning): a new training run that starts from the learned tables of a model file
// RecLens's trainer exported earlier (its "parent"), instead of a random initialisation.
// docs/training.md, "Warm start (fine-tuning)", says what is carried over and what starts fresh.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "data/dataset.h"
#include "model/modelcontract.h"
#include "model/trainer.h"

namespace at {
class Tensor;
}

namespace reclens {

class ModelFile;

// The parent of a warm start, loaded and checked. The learned tables are read back from the file's
// TorchScript buffers (the weights the exporter registered by name: q and p for bpr, emb0 for
// lightgcn, item_table, item_rows, user_table, user_field_sizes, user_field_offsets, w1, b1, w2, b2
// and, with title features, item_text and w_text for twotower), never re-derived from the contract
// methods.
struct WarmStartParent {
  std::string path;
  std::string fileName;  // the path's file name, as the child's metadata records it
  std::string sha256;    // of the whole file
  ModelMetadata metadata;
  std::shared_ptr<const ModelFile> model;  // loaded on the CPU
};

// Loads `path` as the parent of a warm start of `config` on `catalog`. The file must load as a model,
// say it was trained by RecLens (metadata "trained_by"), be of config.kind and config.dim, and have been
// trained on a catalog that is the start of `catalog` (items appended since are allowed: they get the
// fresh initialisation). Every error names the file and the mismatch.
Result<WarmStartParent> loadWarmStartParent(const std::string& path, const TrainConfig& config,
                                            const Catalog& catalog);

// The training settings the parent at `path` was trained with (kind, dim, lr, l2, batch, negatives,
// layers, seed, patience, K, evaluation users, history weights), with warmStartPath = path and the
// other fields as TrainConfig{}: the natural settings for fine-tuning it (set epochs to "a few").
Result<TrainConfig> parentTrainConfig(const std::string& path);

// Rows of a child table and the parent rows they start from.
struct RowMap {
  std::vector<std::int64_t> to;
  std::vector<std::int64_t> from;
  void add(std::int64_t toRow, std::int64_t fromRow) {
    to.push_back(toRow);
    from.push_back(fromRow);
  }
};

// Row i from row i for i < min(parentRows, rows): the item rows a parent shares with a grown catalog.
inline RowMap leadingRows(std::int64_t parentRows, std::int64_t rows) {
  RowMap map;
  for (std::int64_t i = 0; i < parentRows && i < rows; ++i) map.add(i, i);
  return map;
}

// Copies rows `map.from` of the parent's float buffer `name` into rows `map.to` of `target` (a leaf
// parameter, changed in place outside autograd). The widths must agree and every parent row exist;
// otherwise the error names the file and the buffer.
Status copyParentRows(const WarmStartParent& parent, const std::string& name, at::Tensor& target,
                      const RowMap& map);

// Copies the parent's float buffer `name` into `target` whole; the shapes must be equal.
Status copyParentTensor(const WarmStartParent& parent, const std::string& name, at::Tensor& target);

// The parent's int64 buffer `name` in row-major order (e.g. twotower's item_rows); the error names
// the file when it is missing or not int64. `shape` receives its shape.
Result<std::vector<std::int64_t>> parentLongBuffer(const WarmStartParent& parent, const std::string& name,
                                                   std::vector<std::int64_t>* shape = nullptr);

// The "parent" object of a child's metadata: the parent's file name and SHA-256, its kind, dim,
// item count, training time range, validation results and generation (0 for a cold-trained parent;
// its own parent's file and SHA-256 when it has one), and how many of the child's `childItems` items
// were carried over ("items_carried") or started fresh ("items_new").
std::string warmStartParentJson(const WarmStartParent& parent, std::int64_t childItems);

}  // namespace reclens
