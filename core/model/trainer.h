#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "model/datasplit.h"
#include "model/historyweight.h"

namespace reclens {

// What to train and how. The member initialisers are the bpr defaults; defaultTrainConfig(kind) gives
// the tuned defaults of each model (measured on the demo dataset, about 5k items, 2k users, 100k rows).
struct TrainConfig {
  std::string kind = "bpr";  // "popularity", "bpr", "lightgcn", "twotower" or "sasrec"
  int dim = 64;              // embedding size D (popularity always exports D = 1)
  int epochs = 60;           // upper bound; early stopping usually ends sooner
  double lr = 0.005;         // Adam learning rate
  double l2 = 1e-3;          // L2 penalty on the embeddings used in a batch
  int batchSize = 2048;      // (user, positive, negative) triplets per optimiser step
  int negatives = 1;         // sampled negatives per positive; 0: autoNegatives (lightgcn's default)
  int layers = 2;            // LightGCN propagation steps; sasrec attention blocks
  std::uint64_t seed = 42;
  int patience = 5;  // epochs without a better validation NDCG before stopping
  // Fine-tuning for exactly `epochs` epochs: no early stopping, and the last epoch's weights are kept
  // (reported as the kept epoch). The simulation's re-training uses it: there the validation item is each
  // user's newest take, which the parent model itself put in the slate, so validation favours the parent.
  bool keepLastEpoch = false;
  int evalK = 20;               // K of the validation NDCG
  int evalUsers = 2000;         // validation users sampled per epoch (all when fewer)
  int testUsers = 50000;        // test users sampled for the final test NDCG (all when fewer)
  std::string device = "auto";  // "auto", "cpu" or "cuda[:N]"
  int threads = 0;              // CPU threads for LibTorch; 0 leaves the library default
  // How repeated interactions with one item weigh in a history (docs/training.md, "History weights");
  // written into the model's metadata so that its profiles are built the same way.
  HistoryWeighting historyWeighting = HistoryWeighting::Sum;
  // Warm start (fine-tuning): a model file RecLens trained, of the same kind and dim, whose learned
  // tables initialise this run ("" = a cold start). Items appended to its catalog since, and user field
  // values it never saw, start from the fresh initialisation. Set `epochs` to a few; early stopping still
  // applies. The new model's metadata records the parent (docs/training.md, "Warm start").
  std::string warmStartPath;
  // How the log is split into train, validation (early stopping) and test (the final figure); recorded
  // in the model's metadata (config.split), where evaluate finds it (docs/training.md, "Splits").
  SplitSpec split;
  // How the embedding tables are updated (docs/training.md, "Sparse updates"): "dense" (Adam over the
  // whole tables every step), "sparse" (Adam on the rows a batch touched only; bpr), or "auto": sparse for
  // bpr from kSparseUpdatesFromItems items on, dense otherwise.
  std::string optimizer = "auto";
  // twotower (docs/training.md, "Content for cold items"): the chance that an item's id vector is left out
  // of a training step, so the content parts learn to score the item alone, as they must for an item
  // without training rows (whose id vector is always zero); and the size of the title features (TF-IDF
  // of the catalog's own words reduced by a truncated SVD; 0: titles unused).
  double idDropout = 0.0;
  int textDim = 0;
  // sasrec (docs/training.md, "The sequential model"): the newest events of a history it reads, and the
  // dropout rate of its embeddings, attention and feed-forward layers while training.
  int maxLength = 50;
  double dropout = 0.5;
  // sasrec: "softmax" (a sampled softmax over the batch's `negatives` shared items) or "bce" (binary
  // cross-entropy against `negatives` items per event, as in the SASRec paper).
  std::string sequenceLoss = "softmax";
};

// The negatives per positive that `negatives = 0` stands for: as many as make an epoch at least
// kAutoNegativesBatches batches of `batchSize` triplets over `trainPairs` training pairs, between 1 and
// kAutoNegativesMost (docs/training.md, "LightGCN against BPR"). A small log then gets several negatives
// per positive rather than an epoch of four or five optimiser steps.
constexpr int kAutoNegativesBatches = 16;
constexpr int kAutoNegativesMost = 4;
int autoNegatives(int batchSize, std::int64_t trainPairs);

// Catalog size from which "auto" picks sparse updates for bpr.
constexpr std::int64_t kSparseUpdatesFromItems = 20000;
// Whether a run with `config` on a catalog of `numItems` items updates its tables sparsely.
bool sparseUpdates(const TrainConfig& config, std::int64_t numItems);

// What a training run did.
struct TrainReport {
  std::string kind;
  std::string device;  // e.g. "CPU (2 threads)"
  int epochsRun = 0;
  int bestEpoch = 0;                   // 1-based; 0 for popularity (nothing to train)
  std::vector<double> trainLoss;       // mean BPR loss per epoch
  std::vector<double> validationNdcg;  // NDCG@evalK on the validation part per epoch
  double bestValidationNdcg = 0.0;
  double testNdcg = 0.0;      // NDCG@evalK on the test part (history = train + validation)
  std::size_t evalUsers = 0;  // users in the test evaluation
  double seconds = 0.0;
  std::string modelPath;
  std::string metadataJson;  // the metadata written into the model file
  // Warm starts only: what came from the parent, e.g. "started from a.pt: 300 items carried, 12 new".
  std::string warmStartNote;
};

// One finished epoch, as the trainer reports it while it runs (for a live learning curve).
struct EpochProgress {
  int epoch = 0;   // 1-based
  int epochs = 0;  // the most the run may take (TrainConfig::epochs)
  double loss = 0.0;
  double validationNdcg = 0.0;
  int bestEpoch = 0;  // the best epoch so far (this one when it improved)
  double bestValidationNdcg = 0.0;
  int sinceBest = 0;  // epochs since the best; the run stops when it reaches the patience
};
// Called on the training thread after each epoch's validation; it must be quick and thread-safe.
using EpochCallback = std::function<void(const EpochProgress&)>;

// Splits `dataset` as config.split says (splitDataset), trains the model on the train part with early
// stopping on the validation part, keeps the best epoch, exports it to the model contract at `outPath`
// (written to outPath + ".part" and renamed, so no half-written model ever appears) and checks the saved file
// reproduces the trainer's own scores. Same config, seed and thread count on CPU: identical file.
// With config.warmStartPath the parent is loaded and checked first (loadWarmStartParent); a parent of
// another kind or dim, on another catalog, or not trained by RecLens gives an error naming the file.
// Cancelled runs write nothing and return ErrorCode::Cancelled; an empty dataset gives ErrorCode::Empty.
// `onEpoch`, when set, hears of every finished epoch of a learned model (popularity has none).
Result<TrainReport> trainModel(const Dataset& dataset, const TrainConfig& config, const std::string& outPath,
                               const TaskControl& control = {}, const EpochCallback& onEpoch = {});

// The tuned defaults for `kind` (lr, l2 and batch size differ per model); other fields as TrainConfig{}.
TrainConfig defaultTrainConfig(const std::string& kind);

// The model kinds trainModel accepts.
const std::vector<std::string>& trainableModelKinds();

}  // namespace reclens
