#include "projectmodel.h"

#include <iostream>

#include "model/modellookup.h"

namespace reclens::cli {

Result<ProjectWithModel> openProjectWithModel(const std::string& project, const std::string& model,
                                              const std::string& devicePreference) {
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
  auto loaded = ModelFile::load(out.record.path, out.device, &out.dataset.items);
  if (!loaded) return loaded.error();
  out.model = std::move(loaded.value());
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
