#include "model/modellookup.h"

#include <filesystem>

namespace reclens {

namespace fs = std::filesystem;

Result<ProjectStore::ModelRecord> lookupModel(const ProjectStore& store, const std::string& nameOrPath) {
  auto models = store.models();
  if (!models) return models.error();
  const auto projectDir = fs::absolute(fs::path(store.path())).parent_path();
  const auto absolute = [&projectDir](const std::string& p) {
    const fs::path path(p);
    return (path.is_absolute() ? path : projectDir / path).lexically_normal().string();
  };
  if (nameOrPath.empty()) {
    if (models.value().empty()) {
      return makeError(
          ErrorCode::Empty,
          "the project has no registered model: train one with 'reclens-cli train' or pass --model PATH",
          store.path());
    }
    auto record = models.value().front();
    record.path = absolute(record.path);
    return record;
  }
  for (auto record : models.value()) {
    if (record.name == nameOrPath) {
      record.path = absolute(record.path);
      return record;
    }
  }
  std::error_code ec;
  if (fs::is_regular_file(nameOrPath, ec)) {
    ProjectStore::ModelRecord record;
    record.name = fs::path(nameOrPath).stem().string();
    record.path = fs::absolute(nameOrPath).lexically_normal().string();
    return record;
  }
  std::string known;
  for (const auto& record : models.value()) known += (known.empty() ? "" : ", ") + record.name;
  return makeError(ErrorCode::InvalidArgument, "no registered model is called '" + nameOrPath +
                                                   "' and no such file exists (registered: " +
                                                   (known.empty() ? std::string("none") : known) + ")");
}

}  // namespace reclens
