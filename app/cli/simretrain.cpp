#include "simretrain.h"

#include <unistd.h>

#include <filesystem>

#include "model/historyweight.h"
#include "model/modelfile.h"
#include "model/trainer.h"

namespace reclens::cli {

sim::Retrainer makeSimRetrainer(const ComputeDevice& device) {
  return [device](const Dataset& extended, const ModelFile& current, int epochs,
                  std::uint64_t seed) -> Result<std::shared_ptr<const ModelFile>> {
    const auto& meta = current.metadata();
    TrainConfig config = defaultTrainConfig(meta.kind);
    config.dim = meta.dim;
    config.epochs = epochs;
    config.seed = seed;
    config.device = device.torchName();
    auto weighting = historyWeightingOf(meta.json);
    if (!weighting) return weighting.error();
    config.historyWeighting = weighting.value();
    std::error_code ec;
    const auto dir = std::filesystem::temp_directory_path(ec);
    if (ec) return makeError(ErrorCode::Io, "no temporary folder for the re-trained model: " + ec.message());
    const auto path =
        (dir / ("reclens-sim-" + std::to_string(seed) + "-" + std::to_string(::getpid()) + ".pt")).string();
    auto report = trainModel(extended, config, path);
    if (!report) return makeError(report.error().code, "re-training the model: " + report.error().message);
    auto model = ModelFile::load(path, device);
    std::filesystem::remove(path, ec);
    if (!model) return model.error();
    return model.value();
  };
}

}  // namespace reclens::cli
