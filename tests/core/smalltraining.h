#pragma once
// Trains a small built-in model on the CPU with one thread and loads it, for tests that need a real
// model file of each kind.
#include <string>

#include "model/modelfile.h"
#include "model/trainer.h"

namespace reclens::test {

// A config that trains `kind` in well under a second on a tiny dataset: D = 8, one CPU thread.
inline TrainConfig smallTrainConfig(const std::string& kind, int epochs, int batchSize) {
  TrainConfig c;
  c.kind = kind;
  c.dim = 8;
  c.epochs = epochs;
  c.lr = 0.05;
  c.batchSize = batchSize;
  c.evalK = 5;
  c.threads = 1;
  c.device = "cpu";
  return c;
}

inline Result<std::shared_ptr<const ModelFile>> trainSmallModel(const Dataset& data, const std::string& kind,
                                                                const std::string& path, int epochs,
                                                                int batchSize) {
  const auto c = smallTrainConfig(kind, epochs, batchSize);
  if (auto report = trainModel(data, c, path); !report) return report.error();
  return ModelFile::load(path, {}, &data.items);
}

}  // namespace reclens::test
