#include "model/modelregistration.h"

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "common/sha256.h"
#include "model/modelcontract.h"
#include "model/modelfile.h"
#include "model/modeltrust.h"

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

Result<ProjectStore::ModelRecord> registerExternalModel(ProjectStore& store, const std::string& projectPath,
                                                        const std::string& modelPath, std::string name,
                                                        ModelPlacement placement) {
  if (name.empty()) name = fs::path(modelPath).stem().string();
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
  if (!plain || name.front() == '.') {
    return makeError(ErrorCode::InvalidArgument, "the model name \"" + name +
                                                     "\" must be letters, digits, '.', '_' or '-' "
                                                     "(and not start with '.'); choose one with --name");
  }
  auto models = store.models();
  if (!models) return models.error();
  for (const auto& m : models.value()) {
    if (m.name == name) {
      return makeError(ErrorCode::Duplicate,
                       "the project already has a model called '" + name + "' (" + m.path +
                           "); choose another name with --name",
                       store.path());
    }
  }
  auto ids = store.itemIds();
  if (!ids) return ids.error();
  Catalog catalog;
  catalog.ids = std::move(ids).value();
  // The bytes checked are the bytes copied: a private copy, hashed while it is made.
  auto copy = PrivateModelCopy::make(modelPath);
  if (!copy) return copy.error();
  auto model = ModelFile::load(copy.value()->path(), ComputeDevice{}, &catalog);
  if (!model) return copy.value()->aboutSource(model.error(), modelPath);
  std::string target = modelPath;
  if (placement == ModelPlacement::Copy) {
    target = defaultModelPath(projectPath, name);
    std::error_code ec;
    if (fs::exists(target, ec)) {
      return makeError(ErrorCode::Duplicate,
                       "a file is already in the place of the copy; choose another name with --name or "
                       "register the file with --reference",
                       target);
    }
    const std::string part = target + ".part";
    fs::copy_file(copy.value()->path(), part, fs::copy_options::overwrite_existing, ec);
    if (!ec) fs::rename(part, target, ec);
    if (ec) {
      fs::remove(part, ec);
      return makeError(ErrorCode::Io, "cannot copy the model next to the project", target);
    }
  }
  auto record = registerModelFile(store, projectPath, name, target, model.value()->metadata().json);
  if (!record && placement == ModelPlacement::Copy) {
    std::error_code ec;
    fs::remove(target, ec);
  }
  return record;
}

}  // namespace reclens
