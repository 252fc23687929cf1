#pragma once
// The tiny generated shop with its small trained BPR model loaded on the CPU as a ModelSession, for
// the tests of the audit dashboards and the embedding map.
#include <QString>

#include <memory>

#include "services/modelsession.h"
#include "ui/testmodel.h"

namespace reclens::testing {

inline Result<std::shared_ptr<const ModelSession>> tinySession(const QString& projectPath) {
  auto snapshot = tinyProject(projectPath, "bpr-test");
  if (!snapshot) return snapshot.error();
  auto models = ModelSession::registeredModels(projectPath.toStdString());
  if (!models) return models.error();
  if (models.value().empty()) return makeError(ErrorCode::NotFound, "the tiny project has no model");
  const auto& record = models.value().front();
  auto model = ModelFile::load(record.path, ComputeDevice{ComputeDevice::Kind::Cpu, 0, "CPU (test)"},
                               &snapshot.value()->dataset().items);
  if (!model) return model.error();
  return ModelSession::create(snapshot.value(), std::move(model).value(), record.name);
}

// The tiny shop's snapshot and its BPR model loaded through ModelSession::load, as the GUI loads it.
struct TinyLoaded {
  std::shared_ptr<const DatasetSnapshot> snapshot;
  std::shared_ptr<const ModelSession> session;
};

inline Result<TinyLoaded> loadTinySession(const QString& projectPath) {
  auto snapshot = tinyProject(projectPath, "bpr-test");
  if (!snapshot) return snapshot.error();
  auto models = ModelSession::registeredModels(snapshot.value()->projectPath());
  if (!models) return models.error();
  if (models.value().empty()) return makeError(ErrorCode::NotFound, "the tiny project has no model");
  auto session = ModelSession::load(snapshot.value(), models.value().front(),
                                    ComputeDevice{ComputeDevice::Kind::Cpu, 0, "CPU (test)"});
  if (!session) return session.error();
  return TinyLoaded{snapshot.value(), session.value()};
}

}  // namespace reclens::testing
