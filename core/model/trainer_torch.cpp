#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>
#include <string_view>

#include "engine/computedevice.h"
#include "engine/cpudescription.h"
#include "model/datasplit.h"
#include "model/modelcontract.h"
#include "model/negativesampler.h"
#include "model/rankingeval.h"
#include "model/trainer.h"
#include "model/trainingdata.h"
#include "model/trainingmetadata.h"
#include "model/warmstart.h"

namespace reclens {

namespace {

constexpr int kProbeUsers = 3;
constexpr double kProbeTolerance = 1e-4;

Status checkConfig(const TrainConfig& c) {
  const auto& kinds = trainableModelKinds();
  if (std::find(kinds.begin(), kinds.end(), c.kind) == kinds.end()) {
    return makeError(
        ErrorCode::InvalidArgument,
        "unknown model kind '" + c.kind + "' (expected popularity, bpr, lightgcn, twotower or sasrec)");
  }
  if (c.dim < 1 || c.epochs < 1 || c.batchSize < 1 || c.negatives < 0 || c.evalK < 1 || c.patience < 1 ||
      c.layers < 0 || c.evalUsers < 1 || c.testUsers < 1 || !(c.lr > 0.0) || c.l2 < 0.0 || c.threads < 0) {
    return makeError(
        ErrorCode::InvalidArgument,
        "training settings out of range: dim, epochs, batch, K, patience and evaluation users must be at "
        "least 1, negatives, layers and threads at least 0 (0 negatives: automatic), lr positive and l2 not "
        "negative");
  }
  if (c.optimizer != "auto" && c.optimizer != "dense" && c.optimizer != "sparse")
    return makeError(ErrorCode::InvalidArgument,
                     "unknown optimizer '" + c.optimizer + "' (expected auto, dense or sparse)");
  if (c.optimizer == "sparse" && c.kind != "bpr")
    return makeError(ErrorCode::InvalidArgument,
                     "sparse updates are built for bpr only (" + c.kind + " updates its tables densely)");
  if (!(c.idDropout >= 0.0 && c.idDropout < 1.0) || c.textDim < 0 || c.textDim > 512)
    return makeError(ErrorCode::InvalidArgument,
                     "the id dropout must lie in [0, 1) and the title features between 0 and 512");
  if ((c.idDropout > 0.0 || c.textDim > 0) && c.kind != "twotower")
    return makeError(ErrorCode::InvalidArgument, "id dropout and title features are twotower settings (" +
                                                     c.kind + " reads no item content)");
  if (c.maxLength < 1 || c.maxLength > 1000 || !(c.dropout >= 0.0 && c.dropout < 1.0))
    return makeError(ErrorCode::InvalidArgument,
                     "the sequence length must lie between 1 and 1000 and the dropout in [0, 1)");
  if (c.sequenceLoss != "softmax" && c.sequenceLoss != "bce")
    return makeError(ErrorCode::InvalidArgument,
                     "unknown loss '" + c.sequenceLoss + "' (expected softmax or bce)");
  if (c.kind == "sasrec" && c.negatives < 1)
    return makeError(ErrorCode::InvalidArgument,
                     "sasrec needs at least one negative (its negatives are shared "
                     "by a batch; 0, automatic, is for the pooling models)");
  if (c.kind == "sasrec" && c.layers < 1)
    return makeError(ErrorCode::InvalidArgument, "sasrec needs at least one attention block (layers)");
  const bool noValidation =
      c.split.kind == SplitSpec::Kind::Time ? c.split.validation < 1 : !(c.split.validationRatio > 0.0);
  if (noValidation && c.kind != "popularity") {
    return makeError(ErrorCode::InvalidArgument,
                     "the split " + c.split.name() +
                         " has no validation part, which early stopping needs; give it a validation share");
  }
  return Status::success();
}

}  // namespace

int autoNegatives(int batchSize, std::int64_t trainPairs) {
  const auto wanted = static_cast<std::int64_t>(kAutoNegativesBatches) * std::max(1, batchSize);
  const auto pairs = std::max<std::int64_t>(1, trainPairs);
  const auto perPositive = (wanted + pairs - 1) / pairs;  // rounded up
  return static_cast<int>(std::clamp<std::int64_t>(perPositive, 1, kAutoNegativesMost));
}

bool sparseUpdates(const TrainConfig& config, std::int64_t numItems) {
  if (config.kind != "bpr") return false;
  return config.optimizer == "sparse" || (config.optimizer == "auto" && numItems >= kSparseUpdatesFromItems);
}

namespace {

std::unique_ptr<TrainableModel> makeModel(const TrainingData& data, const TrainConfig& c,
                                          const std::string& device) {
  if (c.kind == "bpr") return makeBprModel(data, c, device);
  if (c.kind == "lightgcn") return makeLightGcnModel(data, c, device);
  if (c.kind == "twotower") return makeTwoTowerModel(data, c, device);
  if (c.kind == "sasrec") return makeSasRecModel(data, c, device);
  return makePopularityModel(data);
}

std::string formatStage(int epoch, int epochs, double loss, int k, double ndcg) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "epoch %d/%d, loss %.3f, val NDCG@%d %.4f", epoch, epochs, loss, k, ndcg);
  return buf;
}

// Users with at least one item in `part` (validation or test): all of them, or a seeded sample of
// `cap` when there are more, so evaluation stays bounded on millions of users.
std::vector<std::int64_t> evaluationUsers(const std::vector<std::vector<std::int32_t>>& part, int cap,
                                          std::uint64_t seed) {
  std::vector<std::int64_t> users;
  for (std::size_t u = 0; u < part.size(); ++u) {
    if (!part[u].empty()) users.push_back(static_cast<std::int64_t>(u));
  }
  if (users.size() > static_cast<std::size_t>(cap)) {
    std::mt19937_64 rng(seed);
    for (std::size_t i = users.size(); i > 1; --i) std::swap(users[i - 1], users[rng() % i]);
    users.resize(static_cast<std::size_t>(cap));
    std::sort(users.begin(), users.end());
  }
  return users;
}

// A fresh seeded order of `users` for one epoch of a sequential model, to be cut into batches of `batch`:
// shuffled, then within each run of 16 batches sorted by train history length, then the batches shuffled,
// so that a batch holds sequences of similar lengths and pads little (length bucketing).
void lengthBucketedOrder(std::vector<std::int64_t>& users, const UserHistories& train, std::size_t batch,
                         std::mt19937_64& rng) {
  for (std::size_t i = users.size(); i > 1; --i) std::swap(users[i - 1], users[rng() % i]);
  const auto length = [&train](std::int64_t u) {
    return train.start[static_cast<std::size_t>(u) + 1] - train.start[static_cast<std::size_t>(u)];
  };
  const auto at = [&users](std::size_t k) { return users.begin() + static_cast<std::ptrdiff_t>(k); };
  for (std::size_t b = 0; b < users.size(); b += 16 * batch) {
    std::stable_sort(at(b), at(std::min(users.size(), b + 16 * batch)),
                     [&length](std::int64_t x, std::int64_t y) { return length(x) < length(y); });
  }
  std::vector<std::size_t> starts;
  for (std::size_t b = 0; b < users.size(); b += batch) starts.push_back(b);
  for (std::size_t i = starts.size(); i > 1; --i) std::swap(starts[i - 1], starts[rng() % i]);
  std::vector<std::int64_t> shuffled;
  shuffled.reserve(users.size());
  for (const auto b : starts) shuffled.insert(shuffled.end(), at(b), at(std::min(users.size(), b + batch)));
  users.swap(shuffled);
}

Result<TrainReport> train(const Dataset& dataset, const TrainConfig& requested, const std::string& outPath,
                          const TaskControl& control, const EpochCallback& onEpoch) {
  const auto started = std::chrono::steady_clock::now();
  TrainConfig c = requested;  // automatic settings are resolved below, and recorded as resolved
  if (auto s = checkConfig(c); !s) return s.error();
  if (dataset.interactions.size() == 0 || dataset.items.size() == 0) {
    return makeError(ErrorCode::Empty, "the dataset has no interactions to train on");
  }
  // The parent is checked before any work, so that a wrong one fails at once.
  std::optional<WarmStartParent> parent;
  if (!c.warmStartPath.empty()) {
    control.report(0.0, "reading the model to start from");
    auto loaded = loadWarmStartParent(c.warmStartPath, c, dataset.items);
    if (!loaded) return loaded.error();
    parent = std::move(loaded.value());
  }
  if (c.threads > 0) at::set_num_threads(c.threads);
  torch::manual_seed(c.seed);
  std::string deviceNote;
  const auto chosen = chooseComputeDevice(c.device, &deviceNote);
  const std::string device = chosen.torchName();

  control.report(0.0, "splitting the interactions (" + c.split.name() + ")");
  auto split = splitDataset(dataset, c.split);
  // The sequential model reads histories oldest first; the others ascending by item.
  const bool timeOrder = c.kind == "sasrec";
  auto data = makeTrainingData(dataset, split, c.historyWeighting, timeOrder);
  if (c.negatives == 0)
    c.negatives = autoNegatives(c.batchSize, static_cast<std::int64_t>(data.train.item.size()));
  // What training does not read goes before the model's tables and optimiser state arrive (a
  // million-item project: about 0.2 GiB of titles and per-user train lists).
  if (c.kind != "twotower") std::vector<std::string>().swap(data.itemTitles);
  for (auto& items : split.train) std::vector<std::int32_t>().swap(items);
  auto model = makeModel(data, c, device);

  TrainReport report;
  std::string parentJson;
  if (parent) {
    if (auto s = model->warmStart(*parent); !s) return s.error();
    parentJson = warmStartParentJson(*parent, data.numItems);
    const auto carried = std::min(parent->metadata.numItems, data.numItems);
    report.warmStartNote = "started from " + parent->fileName + ": " + std::to_string(carried) +
                           " items carried over, " + std::to_string(data.numItems - carried) + " new";
    parent.reset();  // its module and tables are not needed any more
  }
  report.kind = c.kind;
  report.device =
      chosen.kind == ComputeDevice::Kind::Cuda ? chosen.description : cpuDescription(at::get_num_threads());
  const auto valUsers = evaluationUsers(split.validation, c.evalUsers, c.seed ^ 0x9e3779b97f4a7c15ULL);
  TaskControl cancelOnly;  // the validation is a short part of its epoch: Cancel, but no progress of its own
  cancelOnly.cancel = control.cancel;
  if (model->learned()) {
    std::optional<NegativeSampler> sampler;
    if (!model->sequential()) sampler.emplace(data.train, data.numItems, c.seed);
    std::mt19937_64 userOrder(c.seed ^ 0x2545f4914f6cdd1dULL);
    std::vector<std::int64_t> sequenceUsers;  // sequential models: users with a next event to predict
    for (std::size_t u = 0; model->sequential() && u < data.train.users(); ++u) {
      if (data.train.start[u + 1] - data.train.start[u] >= 2)
        sequenceUsers.push_back(static_cast<std::int64_t>(u));
    }
    int sinceBest = 0;
    // The best epoch's weights are copied only once the next epoch is about to move them: a run whose
    // last epoch is its best (a one-epoch run on a million items, say) never holds the copy.
    bool bestIsCurrent = false;
    for (int epoch = 1; epoch <= c.epochs && (c.keepLastEpoch || sinceBest < c.patience); ++epoch) {
      if (bestIsCurrent && !c.keepLastEpoch) {
        model->rememberBest();
        bestIsCurrent = false;
      }
      double lossSum = 0.0;
      std::size_t batches = 0;
      if (model->sequential()) {
        const auto batch = static_cast<std::size_t>(c.batchSize);
        lengthBucketedOrder(sequenceUsers, data.train, batch, userOrder);
        for (std::size_t b = 0; b < sequenceUsers.size(); b += batch) {
          if (control.cancelled()) return makeError(ErrorCode::Cancelled, "training was cancelled");
          const auto e = std::min(sequenceUsers.size(), b + batch);
          lossSum += model->trainSequences(
              std::vector<std::int64_t>(sequenceUsers.begin() + static_cast<std::ptrdiff_t>(b),
                                        sequenceUsers.begin() + static_cast<std::ptrdiff_t>(e)));
          ++batches;
          control.report((epoch - 1 + static_cast<double>(e) / static_cast<double>(sequenceUsers.size())) /
                             c.epochs * 0.95,
                         "epoch " + std::to_string(epoch) + "/" + std::to_string(c.epochs));
        }
      } else {
        // The epoch's triplets (three per training pair) are freed before the validation.
        const auto t = sampler->epoch(c.negatives);
        const auto batch = static_cast<std::size_t>(c.batchSize);
        for (std::size_t b = 0; b < t.users.size(); b += batch) {
          if (control.cancelled()) return makeError(ErrorCode::Cancelled, "training was cancelled");
          const auto e = std::min(t.users.size(), b + batch);
          const auto slice = [b, e](const std::vector<std::int32_t>& v) {
            return std::vector<std::int64_t>(v.begin() + static_cast<std::ptrdiff_t>(b),
                                             v.begin() + static_cast<std::ptrdiff_t>(e));
          };
          lossSum += model->trainBatch(slice(t.users), slice(t.positives), slice(t.negatives));
          ++batches;
          control.report(
              (epoch - 1 + static_cast<double>(e) / static_cast<double>(t.users.size())) / c.epochs * 0.95,
              "epoch " + std::to_string(epoch) + "/" + std::to_string(c.epochs));
        }
      }
      const double loss = batches ? lossSum / static_cast<double>(batches) : 0.0;
      const auto validation =
          meanNdcg(*model, valUsers, data.train, split.validation, c.evalK, device, cancelOnly);
      if (!validation) return validation.error();
      const double ndcg = validation.value();
      report.trainLoss.push_back(loss);
      report.validationNdcg.push_back(ndcg);
      report.epochsRun = epoch;
      if (report.bestEpoch == 0 || ndcg > report.bestValidationNdcg || c.keepLastEpoch) {
        report.bestEpoch = epoch;
        report.bestValidationNdcg = ndcg;
        bestIsCurrent = true;
        sinceBest = 0;
      } else {
        ++sinceBest;
      }
      control.report(static_cast<double>(epoch) / c.epochs * 0.95,
                     formatStage(epoch, c.epochs, loss, c.evalK, ndcg));
      if (onEpoch) {
        onEpoch({epoch, c.epochs, loss, ndcg, report.bestEpoch, report.bestValidationNdcg, sinceBest});
      }
    }
    if (!bestIsCurrent) model->restoreBest();
    model->endTraining();
  } else {
    const auto validation =
        meanNdcg(*model, valUsers, data.train, split.validation, c.evalK, device, cancelOnly);
    if (!validation) return validation.error();
    report.bestValidationNdcg = validation.value();
    report.validationNdcg.push_back(report.bestValidationNdcg);
  }
  if (control.cancelled()) return makeError(ErrorCode::Cancelled, "training was cancelled");

  control.report(0.96, "evaluating on the test part");
  {
    // Built only now (during training it would sit beside the optimiser's state) and freed before
    // the export.
    const auto testHistory = collectHistories(dataset, split, {SplitPart::Train, SplitPart::Validation},
                                              c.historyWeighting, timeOrder);
    const auto testUsers = evaluationUsers(split.test, c.testUsers, c.seed ^ 0x7f4a7c159e3779b9ULL);
    TaskControl testControl;
    testControl.cancel = control.cancel;
    testControl.progress = [&control](double f, std::string_view) {
      control.report(0.96 + 0.02 * f, "evaluating on the test part");
    };
    const auto test = meanNdcg(*model, testUsers, testHistory, split.test, c.evalK, device, testControl);
    if (!test) return test.error();
    report.testNdcg = test.value();
    report.evalUsers = testUsers.size();
  }

  control.report(0.98, "writing the model file");
  {
    // The spec copies the weights; it goes as soon as the file is written.
    const auto spec = model->exportSpec();
    report.metadataJson =
        trainingMetadataJson(dataset, split, c, model->dim(), spec.itemParts, report, device, parentJson);
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "training was cancelled");
    if (auto s = writeModelFile(spec, report.metadataJson, outPath); !s) return s.error();
  }

  // Guard against export bugs: the saved file must reproduce the trainer's own scores.
  std::vector<ProbeUser> probes;
  for (std::size_t u = 0; u < split.users() && probes.size() < kProbeUsers; ++u) {
    if (data.train.start[u + 1] == data.train.start[u]) continue;
    ProbeUser p;
    p.items.assign(data.train.item.begin() + data.train.start[u],
                   data.train.item.begin() + data.train.start[u + 1]);
    p.weights.assign(data.train.weight.begin() + data.train.start[u],
                     data.train.weight.begin() + data.train.start[u + 1]);
    for (const auto& codes : data.userFieldCodes) {
      if (c.kind == "twotower") p.codes.push_back(codes[u]);
    }
    p.expectedScores = trainerScores(*model, static_cast<std::int64_t>(u), data.train);
    probes.push_back(std::move(p));
  }
  model.reset();  // the check loads the file's own copy of the weights
  if (auto s = checkModelScores(outPath, probes, kProbeTolerance); !s) {
    std::remove(outPath.c_str());
    return s.error();
  }
  report.modelPath = outPath;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  control.report(1.0, "done");
  return report;
}

}  // namespace

TrainConfig defaultTrainConfig(const std::string& kind) {
  TrainConfig c;
  c.kind = kind;
  if (kind == "lightgcn") {
    // Every step propagates over the whole graph, so fewer, larger steps with a larger rate; on a small
    // log several negatives per positive, so that an epoch is still 16 steps; and the patience to ride
    // out the dip that follows the first epochs (docs/training.md, "LightGCN against BPR").
    c.batchSize = 8192;
    c.lr = 0.05;
    c.l2 = 1e-4;
    c.negatives = 0;
    c.epochs = 300;
    c.patience = 20;
  }
  if (kind == "sasrec") {
    // The paper's settings for sparse shops (Amazon Beauty): small batches of users, a low rate, no L2
    // (dropout regularises), and more patience, because its validation curve climbs slowly.
    c.batchSize = 128;
    c.lr = 0.001;
    c.l2 = 0.0;
    c.epochs = 200;
    c.patience = 10;
    c.negatives = 256;  // shared by a batch's events (sampled softmax)
  }
  if (kind == "twotower") {
    // Measured on the demo under the global split (docs/training.md, "Content for cold items").
    c.idDropout = 0.3;
    c.textDim = 32;
  }
  return c;
}

const std::vector<std::string>& trainableModelKinds() {
  static const std::vector<std::string> kKinds = {"popularity", "bpr", "lightgcn", "twotower", "sasrec"};
  return kKinds;
}

Result<TrainReport> trainModel(const Dataset& dataset, const TrainConfig& config, const std::string& outPath,
                               const TaskControl& control, const EpochCallback& onEpoch) {
  try {
    return train(dataset, config, outPath, control, onEpoch);
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, std::string("training failed: ") + e.what());
  }
}

}  // namespace reclens
