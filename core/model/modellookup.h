#pragma once
#include <string>

#include "common/result.h"
#include "store/projectstore.h"

namespace reclens {

// Finds the model a command means: "" = the newest registered model; otherwise a registered model of
// that name, else a model file at that path. The returned record's path is made absolute (a relative
// registered path is relative to the project's folder). Errors say which models the project has.
Result<ProjectStore::ModelRecord> lookupModel(const ProjectStore& store, const std::string& nameOrPath);

}  // namespace reclens
