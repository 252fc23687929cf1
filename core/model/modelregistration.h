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

// Where an external model file is kept once registered.
enum class ModelPlacement {
  Copy,       // copied to defaultModelPath(project, name): inside the project's folder, so trusted
  Reference,  // left where it is and referenced by path (outside the folder it needs confirming)
};

// Registers an external model file (one exported to the model contract outside RecLens) under `name`
// ("" = the file's stem): validates a private copy of it against the contract and the project's catalog,
// then copies or references it and records its SHA-256. Errors: InvalidArgument for a name that is not
// [A-Za-z0-9._-]+, Duplicate when the name is taken (or the copy's file exists), the validator's error
// for a file that is not a model or was made for another catalog; nothing is registered then.
Result<ProjectStore::ModelRecord> registerExternalModel(ProjectStore& store, const std::string& projectPath,
                                                        const std::string& modelPath, std::string name,
                                                        ModelPlacement placement);

}  // namespace reclens
