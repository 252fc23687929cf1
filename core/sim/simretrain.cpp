#include "sim/simretrain.h"

#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <set>

#include "engine/computethreads.h"
#include "model/historyweight.h"
#include "model/modelfile.h"
#include "model/trainer.h"

namespace reclens::sim {

namespace {

// The re-trained model files of one run: each is the parent of the next re-training of its policy, so
// a file is removed once its child exists, and whatever is left when the run ends.
class TemporaryModels {
 public:
  ~TemporaryModels() {
    std::error_code ec;
    for (const auto& path : m_paths) std::filesystem::remove(path, ec);
  }
  std::string next() {
    std::lock_guard lock(m_mutex);
    std::error_code ec;
    const auto dir = std::filesystem::temp_directory_path(ec);
    const auto path =
        (dir / ("reclens-sim-" + std::to_string(::getpid()) + "-" + std::to_string(++m_count) + ".pt"))
            .string();
    m_paths.insert(path);
    return path;
  }
  void release(const std::string& path) {
    std::lock_guard lock(m_mutex);
    if (m_paths.erase(path) > 0) {
      std::error_code ec;
      std::filesystem::remove(path, ec);
    }
  }

 private:
  std::mutex m_mutex;
  std::set<std::string> m_paths;
  int m_count = 0;
};

}  // namespace

Retrainer makeSimRetrainer(const ComputeDevice& device) {
  auto files = std::make_shared<TemporaryModels>();
  return [device, files](const Dataset& extended, const ModelFile& current, int epochs, std::uint64_t seed,
                         const TaskControl& control) -> Result<std::shared_ptr<const ModelFile>> {
    const auto& meta = current.metadata();
    TrainConfig config = defaultTrainConfig(meta.kind);
    config.dim = meta.dim;
    config.epochs = epochs;
    // Exactly `epochs` epochs, the last one kept: the validation item is each user's newest take, which the
    // current model put in the slate itself, so early stopping would keep the parent (docs/simulation.md).
    config.keepLastEpoch = true;
    config.seed = seed;
    config.device = device.torchName();
    config.threads = computeThreads();
    // The re-trained model's own test figure is not used: a small sample keeps early stopping honest
    // without scoring every user twice.
    config.evalUsers = 500;
    config.testUsers = 200;
    config.warmStartPath = current.path();
    auto weighting = historyWeightingOf(meta.json);
    if (!weighting) return weighting.error();
    config.historyWeighting = weighting.value();
    const auto path = files->next();
    auto report = trainModel(extended, config, path, control);
    if (!report) {
      files->release(path);
      return makeError(report.error().code, "re-training the model: " + report.error().message);
    }
    auto model = ModelFile::load(path, device);
    if (!model) return model.error();
    files->release(current.path());  // only when it was one of ours
    return model.value();
  };
}

}  // namespace reclens::sim
