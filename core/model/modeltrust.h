#pragma once
#include <memory>
#include <string>

#include "common/result.h"
#include "store/projectstore.h"

namespace reclens {

// Whether the model file a project's `models` table names may be loaded without asking the user
// (docs/security.md, "Models a project names"): it must lie inside the project's folder and hash to
// the SHA-256 recorded when it was registered. A model file is a program, and a project file may come
// from someone else.
struct ModelTrust {
  std::string path;            // the model file, absolute, symbolic links resolved as far as they exist
  std::string sha256;          // of the bytes read; empty when the file could not be read
  bool missing = false;        // the file could not be read
  bool outsideFolder = false;  // it does not lie inside the project's folder
  bool hashChanged = false;    // its SHA-256 differs from the registered one, or none is registered
  bool ok() const { return !missing && !outsideFolder && !hashChanged; }
};

// The trust of `record` (a row of the `models` table of the project file `projectPath`; its path may
// be relative to the project's folder) given `sha256`, the hash of the bytes that will be loaded
// (empty: they could not be read). Reads nothing but the file system's links.
ModelTrust assessModelTrust(const std::string& projectPath, const ProjectStore::ModelRecord& record,
                            const std::string& sha256);

// As assessModelTrust, hashing the file `record` names first.
ModelTrust checkModelTrust(const std::string& projectPath, const ProjectStore::ModelRecord& record);

// One English sentence naming every reason `trust` needs confirmation; empty when trust.ok().
std::string modelTrustReason(const ModelTrust& trust, const ProjectStore::ModelRecord& record);

// A private copy of a model file, hashed while it is copied, in a fresh folder only the current user
// may open; the folder is removed on destruction. Loading the copy loads exactly the bytes that were
// hashed, whatever happens to the original afterwards.
class PrivateModelCopy {
 public:
  // Copies `source`. The error names the file that could not be read or written.
  static Result<std::unique_ptr<PrivateModelCopy>> make(const std::string& source);
  ~PrivateModelCopy();
  PrivateModelCopy(const PrivateModelCopy&) = delete;
  PrivateModelCopy& operator=(const PrivateModelCopy&) = delete;

  const std::string& path() const { return m_path; }      // the copy
  const std::string& sha256() const { return m_sha256; }  // of the bytes copied
  // `error` (from loading or checking the copy) told about `source` instead: the copy's path is
  // replaced by `source` in its message and file.
  Error aboutSource(Error error, const std::string& source) const;

 private:
  PrivateModelCopy() = default;
  std::string m_folder;
  std::string m_path;
  std::string m_sha256;
};

}  // namespace reclens
