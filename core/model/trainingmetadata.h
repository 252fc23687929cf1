#pragma once
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

}  // namespace reclens
