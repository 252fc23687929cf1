#pragma once
#include <string>
#include <vector>

#include "common/result.h"

namespace reclens {

// The learning curve a trained model keeps in its metadata (the "training" key, docs/training.md):
// the mean training loss and the validation NDCG@K of every epoch run, the epoch kept and why.
struct LearningCurve {
  std::vector<double> loss;            // per epoch, epoch 1 first
  std::vector<double> validationNdcg;  // per epoch, same length as loss
  int bestEpoch = 0;                   // 1-based, the epoch whose weights the model holds; 0 when empty
  int epochsRun = 0;
  int maxEpochs = 0;  // the most the run was allowed (TrainConfig::epochs)
  int patience = 0;   // epochs without a better validation NDCG that end the run
  int evalK = 0;      // K of the validation NDCG

  bool empty() const { return loss.empty(); }
  // True when the run ended because the validation NDCG stopped improving, before maxEpochs.
  bool stoppedEarly() const { return epochsRun < maxEpochs; }
  // Epochs run after the best one (the patience used up when stoppedEarly()).
  int epochsAfterBest() const { return epochsRun - bestEpoch; }
};

// The "training" object written into a trained model's metadata for `curve` (a JSON object text).
std::string learningCurveJson(const LearningCurve& curve);

// The learning curve stored in a model's metadata JSON. Metadata without the "training" key (models
// trained before it existed, popularity, models from elsewhere) give an empty curve, not an error; a
// key that is present but malformed gives ErrorCode::Schema naming the field.
Result<LearningCurve> learningCurveOf(const std::string& metadataJson);

}  // namespace reclens
