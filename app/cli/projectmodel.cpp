#include "projectmodel.h"

#include <iostream>

#include "model/modellookup.h"

namespace reclens::cli {

Result<LoadedModel> loadProjectModel(const std::string& project, const ProjectStore::ModelRecord& record,
                                     const ComputeDevice& device, const Catalog& catalog, bool trustModel) {
  // Hashed while copied, then checked and loaded from the copy: the bytes judged are the bytes run.
  auto copy = PrivateModelCopy::make(record.path);
  if (!copy) return copy.error();
  // Registered rows have an id; a file named on the command line is the caller's own choice.
  if (record.id != 0 && !trustModel) {
    const auto trust = assessModelTrust(project, record, copy.value()->sha256());
    if (!trust.ok()) {
      return makeError(ErrorCode::Schema, "not loading the project's model '" + record.name +
                                              "': " + modelTrustReason(trust, record) +
                                              "; pass --trust-model to load it anyway");
    }
  }
  auto model = ModelFile::load(copy.value()->path(), device, &catalog);
  if (!model) return copy.value()->aboutSource(model.error(), record.path);
  LoadedModel out;
  out.copy = std::move(copy).value();
  out.model = std::move(model).value();
  return out;
}

Result<ProjectWithModel> openProjectWithModel(const std::string& project, const std::string& model,
                                              const std::string& devicePreference, bool trustModel) {
  auto store = ProjectStore::open(project, ProjectStore::Mode::ReadOnly);
  if (!store) return store.error();
  auto record = lookupModel(*store.value(), model);
  if (!record) return record.error();
  auto dataset = store.value()->loadDataset();
  if (!dataset) return dataset.error();
  ProjectWithModel out;
  out.dataset = std::move(dataset.value());
  out.record = std::move(record.value());
  std::string note;
  out.device = chooseComputeDevice(devicePreference, &note);
  if (!note.empty()) std::cerr << "reclens-cli: warning: " << note << std::endl;
  auto loaded = loadProjectModel(project, out.record, out.device, out.dataset.items, trustModel);
  if (!loaded) return loaded.error();
  out.copy = std::move(loaded.value().copy);
  out.model = std::move(loaded.value().model);
  return out;
}

Result<std::int32_t> rowOfId(const std::vector<std::string>& ids, const std::string& id,
                             const std::string& what, const std::string& project) {
  for (std::size_t r = 0; r < ids.size(); ++r) {
    if (ids[r] == id) return static_cast<std::int32_t>(r);
  }
  return makeError(ErrorCode::NotFound, what + " '" + id + "' is not in the project", project);
}

}  // namespace reclens::cli
