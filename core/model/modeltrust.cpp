#include "model/modeltrust.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <system_error>
#include <vector>

#include "common/sha256.h"

namespace reclens {

namespace {

namespace fs = std::filesystem;

// `p` made absolute, with `..` removed and the symbolic links of its existing part resolved, so that
// a link inside the folder that points elsewhere counts as elsewhere.
fs::path resolved(const fs::path& p) {
  std::error_code ec;
  auto absolute = fs::absolute(p, ec);
  if (ec) absolute = p;
  auto canonical = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : canonical;
}

bool inside(const fs::path& file, const fs::path& folder) {
  const auto rel = file.lexically_relative(folder);
  return !rel.empty() && *rel.begin() != ".." && rel != ".";
}

std::string shortHash(const std::string& hex) {
  return hex.size() > 12 ? hex.substr(0, 12) + "…" : hex;
}

}  // namespace

ModelTrust assessModelTrust(const std::string& projectPath, const ProjectStore::ModelRecord& record,
                            const std::string& sha256) {
  const auto folder = resolved(fs::path(projectPath)).parent_path();
  const fs::path given(record.path);
  ModelTrust trust;
  const auto file = resolved(given.is_relative() ? folder / given : given);
  trust.path = file.string();
  trust.sha256 = sha256;
  trust.missing = sha256.empty();
  trust.outsideFolder = !inside(file, folder);
  trust.hashChanged = !trust.missing && (record.sha256.empty() || record.sha256 != sha256);
  return trust;
}

ModelTrust checkModelTrust(const std::string& projectPath, const ProjectStore::ModelRecord& record) {
  const auto folder = resolved(fs::path(projectPath)).parent_path();
  const fs::path given(record.path);
  const auto hash = sha256File((given.is_relative() ? folder / given : given).string());
  return assessModelTrust(projectPath, record, hash ? hash.value() : std::string());
}

std::string modelTrustReason(const ModelTrust& trust, const ProjectStore::ModelRecord& record) {
  std::string reason;
  const auto add = [&reason](const std::string& part) { reason += (reason.empty() ? "" : "; ") + part; };
  if (trust.missing) add("the model file '" + trust.path + "' cannot be read");
  if (trust.outsideFolder) add("the model file '" + trust.path + "' lies outside the project's folder");
  if (trust.hashChanged && record.sha256.empty()) {
    add("the project records no SHA-256 for '" + trust.path +
        "', so it cannot tell whether it is the file "
        "that was registered");
  } else if (trust.hashChanged) {
    add("'" + trust.path + "' has changed since it was registered (SHA-256 " + shortHash(trust.sha256) +
        ", registered " + shortHash(record.sha256) + ")");
  }
  return reason;
}

Result<std::unique_ptr<PrivateModelCopy>> PrivateModelCopy::make(const std::string& source) {
  std::ifstream in(source, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, "cannot open the model file", source);
  std::error_code ec;
  const auto base = fs::temp_directory_path(ec);
  if (ec) return makeError(ErrorCode::Io, "no folder for temporary files: " + ec.message());
  std::unique_ptr<PrivateModelCopy> copy(new PrivateModelCopy);
  std::random_device random;
  for (int attempt = 0; attempt < 16 && copy->m_folder.empty(); ++attempt) {
    const auto name = "reclens-model-" + std::to_string(random()) + std::to_string(random());
    // create_directory is false when the name exists: a folder someone else made is never used.
    if (fs::create_directory(base / name, ec) && !ec) copy->m_folder = (base / name).string();
  }
  if (copy->m_folder.empty()) {
    return makeError(ErrorCode::Io, "cannot create a private folder for the model copy", base.string());
  }
  fs::permissions(copy->m_folder, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) return makeError(ErrorCode::Io, "cannot make the model copy's folder private: " + ec.message());
  copy->m_path = (fs::path(copy->m_folder) / "model.pt").string();
  std::ofstream out(copy->m_path, std::ios::binary | std::ios::trunc);
  if (!out) return makeError(ErrorCode::Io, "cannot write the model copy", copy->m_path);
  Sha256 hash;
  std::vector<char> buffer(std::size_t{1} << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = in.gcount();
    if (n <= 0) break;
    hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    out.write(buffer.data(), n);
    if (!out) return makeError(ErrorCode::Io, "cannot write the model copy (disk full?)", copy->m_path);
  }
  if (in.bad()) return makeError(ErrorCode::Io, "cannot read the model file", source);
  out.close();
  if (!out) return makeError(ErrorCode::Io, "cannot write the model copy (disk full?)", copy->m_path);
  copy->m_sha256 = hash.hexDigest();
  return copy;
}

Error PrivateModelCopy::aboutSource(Error error, const std::string& source) const {
  for (auto* text : {&error.message, &error.file}) {
    for (auto at = text->find(m_path); at != std::string::npos; at = text->find(m_path, at + source.size()))
      text->replace(at, m_path.size(), source);
  }
  return error;
}

PrivateModelCopy::~PrivateModelCopy() {
  std::error_code ec;
  if (!m_folder.empty()) fs::remove_all(m_folder, ec);
}

}  // namespace reclens
