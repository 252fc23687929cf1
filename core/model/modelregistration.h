#pragma once
#include <string>

#include "common/result.h"
#include "store/projectstore.h"

namespace reclens {

// The default file of a model named `name` for the project at `projectPath`: <stem>.<name>.pt in
// the project's folder.
std::string defaultModelPath(const std::string& projectPath, const std::string& name);

// Registers the model file `modelPath` (with its metadata JSON) in `store` under `name`: hashes the
// file with SHA-256 and stores its path relative to the project's folder when it lies inside it.
// Returns the record as stored (with its id); an unreadable file or store error names the cause.
Result<ProjectStore::ModelRecord> registerModelFile(ProjectStore& store, const std::string& projectPath,
                                                    const std::string& name, const std::string& modelPath,
                                                    const std::string& metadataJson);

}  // namespace reclens
