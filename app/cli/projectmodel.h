#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "data/dataset.h"
#include "engine/computedevice.h"
#include "model/modelfile.h"
#include "model/modeltrust.h"
#include "store/projectstore.h"

namespace reclens::cli {

// A project's dataset with one of its models loaded, as the model-using commands need them.
struct ProjectWithModel {
  Dataset dataset;
  ProjectStore::ModelRecord record;  // path made absolute
  ComputeDevice device;
  std::shared_ptr<const PrivateModelCopy> copy;  // what `model` was loaded from; outlives it
  std::shared_ptr<const ModelFile> model;
};

// Opens `project` read-only, loads its dataset and the model `model` (a registered name or a path; the newest
// registered one when empty) on the device `devicePreference`, validated against the catalog. The model is
// loaded from a private copy hashed as it is made; a registered model must be trusted (model/modeltrust.h:
// inside the project's folder, the registered SHA-256) unless `trustModel`, else an ErrorCode::Schema error
// says why. A file given by path is the caller's own choice and needs no trust. A device fallback is printed
// as a warning on stderr.
Result<ProjectWithModel> openProjectWithModel(const std::string& project, const std::string& model,
                                              const std::string& devicePreference, bool trustModel);

// A model loaded from its private copy; the copy outlives the model.
struct LoadedModel {
  std::shared_ptr<const PrivateModelCopy> copy;
  std::shared_ptr<const ModelFile> model;
};

// Loads the model of `record` (a row of the models table of `project`, path absolute; or a file the user
// named, id 0) on `device` against `catalog`, as openProjectWithModel does.
Result<LoadedModel> loadProjectModel(const std::string& project, const ProjectStore::ModelRecord& record,
                                     const ComputeDevice& device, const Catalog& catalog, bool trustModel);

// The row of external id `id` in `ids`, or a NotFound error ("<what> '<id>' is not in the project").
Result<std::int32_t> rowOfId(const std::vector<std::string>& ids, const std::string& id,
                             const std::string& what, const std::string& project);

}  // namespace reclens::cli
