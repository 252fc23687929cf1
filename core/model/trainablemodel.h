#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/modelexport.h"
#include "model/trainer.h"

namespace reclens {

struct WarmStartParent;

// Per-user item lists with weights in compressed rows: user u owns entries [start[u], start[u + 1]).
struct UserHistories {
  std::vector<std::int64_t> start{0};
  std::vector<std::int64_t> item;
  std::vector<float> weight;

  std::size_t users() const { return start.size() - 1; }
};

// The train part of a dataset in the plain form every built-in model trains from.
struct TrainingData {
  std::int64_t numItems = 0;
  std::int64_t numUsers = 0;
  UserHistories train;  // distinct train items per user, ascending (oldest first for sequential models),
                        // weights summed over repeats
  std::vector<float> itemCount;   // train interaction rows per item
  std::vector<float> itemDegree;  // summed train weight per item (graph degree)
  // Categorical item fields (catalog order) and user fields (user table order): codes, -1 = missing.
  std::vector<std::string> itemFieldNames;
  std::vector<std::int64_t> itemFieldSizes;
  std::vector<std::vector<std::int64_t>> itemFieldCodes;  // [field][item]
  std::vector<std::string> itemTitles;                    // per item ("" when the catalog has none)
  std::vector<std::string> userFieldNames;
  std::vector<std::vector<std::string>> userFieldVocabularies;  // code c of field f is [f][c]
  std::vector<std::int64_t> userFieldSizes;
  std::vector<std::vector<std::int64_t>> userFieldCodes;  // [field][user]
};

// A model the trainer can fit with BPR and export. Plain types only cross this interface, so the
// LibTorch code of each model stays inside its own *_torch.cpp file.
class TrainableModel {
 public:
  virtual ~TrainableModel() = default;
  // False for models without parameters to fit (popularity).
  virtual bool learned() const = 0;
  // True for models that read a history in time order and train on sequences (sasrec): the trainer then
  // gives them users (trainSequences) instead of triplets, and their histories oldest first.
  virtual bool sequential() const { return false; }
  // One optimiser step on the train sequences of `users` (sequential models only); returns the mean loss.
  virtual double trainSequences(const std::vector<std::int64_t>& /*users*/) { return 0.0; }
  // One Adam step on a batch of (user, positive, negative) triplets; returns the batch's mean loss.
  virtual double trainBatch(const std::vector<std::int64_t>& users,
                            const std::vector<std::int64_t>& positives,
                            const std::vector<std::int64_t>& negatives) = 0;
  // User representations [users.size(), D] row-major, each computed from `histories` exactly as the
  // exported user_vector does (user field codes come from the training data).
  virtual std::vector<float> userVectors(const std::vector<std::int64_t>& users,
                                         const UserHistories& histories) = 0;
  // Item representations [N, D] row-major, equal to the exported item_embeddings().
  virtual std::vector<float> itemMatrix() = 0;
  virtual int dim() const = 0;
  // Snapshot of the current weights as the best so far, and going back to it.
  virtual void rememberBest() = 0;
  virtual void restoreBest() = 0;
  // Training is over: frees what only training needs (optimiser state, the best epoch's copy) before the
  // final evaluation and the export. No trainBatch, rememberBest or restoreBest may follow.
  virtual void endTraining() {}
  // Overwrites the fresh initialisation with the parent's learned rows where they exist (the parent is
  // of this kind and dim, its catalog the start of this one); rows the parent lacks keep their fresh
  // values. Called once, before the first trainBatch.
  virtual Status warmStart(const WarmStartParent& parent) = 0;
  // The weights and TorchScript source of the contract methods for the current weights.
  virtual ExportSpec exportSpec() = 0;
};

// Factories, one per *_torch.cpp model file. `device` is a torch device string ("cpu", "cuda:0").
std::unique_ptr<TrainableModel> makePopularityModel(const TrainingData& data);
std::unique_ptr<TrainableModel> makeBprModel(const TrainingData& data, const TrainConfig& config,
                                             const std::string& device);
std::unique_ptr<TrainableModel> makeLightGcnModel(const TrainingData& data, const TrainConfig& config,
                                                  const std::string& device);
std::unique_ptr<TrainableModel> makeTwoTowerModel(const TrainingData& data, const TrainConfig& config,
                                                  const std::string& device);
std::unique_ptr<TrainableModel> makeSasRecModel(const TrainingData& data, const TrainConfig& config,
                                                const std::string& device);

}  // namespace reclens
