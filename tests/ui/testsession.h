#pragma once
// The tiny generated shop with its small trained BPR model loaded on the CPU as a ModelSession, for
// the tests of the audit dashboards and the embedding map.
#include <QString>

#include <memory>
#include <vector>

#include "engine/scoringengine.h"
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

// The catalog rows of dataset user row `user`'s top `k` under `session`, best first.
inline Result<std::vector<std::int32_t>> topItems(const ModelSession& session, std::int32_t user, int k) {
  ScoringEngine engine(session.model());
  auto list = engine.recommend(session.profiles().profile(user), k, {});
  if (!list) return list.error();
  std::vector<std::int32_t> items;
  for (const auto& r : list.value()) items.push_back(r.item);
  return items;
}

}  // namespace reclens::testing
