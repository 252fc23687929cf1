#include "model/modelregistration.h"

#include <ctime>
#include <filesystem>

#include "common/sha256.h"
#include "model/modelcontract.h"

namespace reclens {

namespace {

namespace fs = std::filesystem;

// The model path as stored in the project: relative to the project's folder when the file lies in it.
std::string registeredPath(const fs::path& model, const fs::path& project) {
  std::error_code ec;
  const auto folder = fs::absolute(project, ec).parent_path().lexically_normal();
  const auto file = fs::absolute(model, ec).lexically_normal();
  const auto rel = file.lexically_relative(folder);
  if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return file.generic_string();
}

}  // namespace

std::string defaultModelPath(const std::string& projectPath, const std::string& name) {
  const fs::path project(projectPath);
  return (project.parent_path() / (project.stem().string() + "." + name + ".pt")).string();
}

Result<ProjectStore::ModelRecord> registerModelFile(ProjectStore& store, const std::string& projectPath,
                                                    const std::string& name, const std::string& modelPath,
                                                    const std::string& metadataJson) {
  auto sha = sha256File(modelPath);
  if (!sha) return sha.error();
  ProjectStore::ModelRecord record;
  record.name = name;
  record.path = registeredPath(modelPath, projectPath);
  record.sha256 = sha.value();
  record.contractVersion = kModelContractVersion;
  record.metadataJson = metadataJson;
  record.created = static_cast<std::int64_t>(std::time(nullptr));
  auto id = store.registerModel(record);
  if (!id) return id.error();
  record.id = id.value();
  return record;
}

}  // namespace reclens
