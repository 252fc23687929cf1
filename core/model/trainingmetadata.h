#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/datasplit.h"
#include "model/trainer.h"

namespace reclens {

// The metadata JSON of a trained built-in model with every key of the model contract (ModelMetadata),
// plus the training config, validation results and learning curve ("training", learningCurveJson; learned
// models only), and for a warm start the "parent" object
// (`parentJson`, warmStartParentJson). Holds no clock time, so reruns give equal files.
std::string trainingMetadataJson(const Dataset& dataset, const TrainTestSplit& split,
                                 const TrainConfig& config, int dim,
                                 const std::vector<std::string>& itemParts, const TrainReport& report,
                                 const std::string& device, const std::string& parentJson = {});

// The split a model was trained on (config.split of its metadata); nothing for a model that records none
// (registered from elsewhere). RecLens models from before the split was a setting read as "time:1". A
// malformed value is an error naming the field.
Result<std::optional<SplitSpec>> trainingSplitOf(const std::string& metadataJson);

}  // namespace reclens
