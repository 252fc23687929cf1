#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "data/dataset.h"
#include "engine/computedevice.h"
#include "model/modelfile.h"
#include "store/projectstore.h"

namespace reclens::cli {

// A project's dataset with one of its models loaded, as the model-using commands need them.
struct ProjectWithModel {
  Dataset dataset;
  ProjectStore::ModelRecord record;  // path made absolute
  ComputeDevice device;
  std::shared_ptr<const ModelFile> model;
};

// Opens `project` read-only, loads its dataset and the model `model` (a registered name or a path; the newest
// registered one when empty) on the device `devicePreference`, validated against the catalog. A device
// fallback is printed as a warning on stderr.
Result<ProjectWithModel> openProjectWithModel(const std::string& project, const std::string& model,
                                              const std::string& devicePreference);

// The row of external id `id` in `ids`, or a NotFound error ("<what> '<id>' is not in the project").
Result<std::int32_t> rowOfId(const std::vector<std::string>& ids, const std::string& id,
                             const std::string& what, const std::string& project);

}  // namespace reclens::cli
