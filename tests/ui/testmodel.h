#pragma once
// A tiny synthetic project (generator preset "tiny": 300 items, 200 users) with, on request, a small
// BPR model trained in a few epochs and registered with it, for the recommendation tests.
#include <QString>

#include <memory>
#include <string>

#include "common/result.h"
#include "data/generator.h"
#include "model/modelregistration.h"
#include "model/trainer.h"
#include "services/datasetsnapshot.h"
#include "store/projectstore.h"

namespace reclens::testing {

// Generates the tiny shop into `projectPath` and returns its snapshot; with `modelName` non-empty
// also trains "bpr" (dim 8, 3 epochs) beside it and registers it under that name.
inline Result<std::shared_ptr<const DatasetSnapshot>> tinyProject(const QString& projectPath,
                                                                  const std::string& modelName) {
  const std::string path = projectPath.toStdString();
  auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
  if (!store) return store.error();
  auto config = GeneratorConfig::preset("tiny");
  if (!config) return config.error();
  auto generated = generateProject(config.value(), *store.value());
  if (!generated) return generated.error();
  auto dataset = store.value()->loadDataset();
  if (!dataset) return dataset.error();
  if (!modelName.empty()) {
    TrainConfig train = defaultTrainConfig("bpr");
    train.dim = 8;
    train.epochs = 3;
    train.evalUsers = 100;
    train.device = "cpu";
    const auto out = defaultModelPath(path, modelName);
    auto report = trainModel(dataset.value(), train, out);
    if (!report) return report.error();
    auto record = registerModelFile(*store.value(), path, modelName, out, report.value().metadataJson);
    if (!record) return record.error();
  }
  return DatasetSnapshot::build(std::move(dataset).value(), path);
}

}  // namespace reclens::testing
