#include <torch/script.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>

#include "model/modelarchive.h"
#include "model/modelfile.h"

namespace reclens {

struct ModelFile::Impl {
  std::string path;
  ModelMetadata metadata;
  ComputeDevice device;
  torch::jit::Module module;
  torch::Tensor itemEmbeddings;  // [N, D] float32, contiguous, on the device
};

struct ModelFileAccess {
  static const ModelFile::Impl& impl(const ModelFile& m) { return *m.m_impl; }
};

namespace detail {
// Accessors for the other *_torch.cpp units (each declares the ones it uses).
torch::jit::Module modelModule(const ModelFile& model) {
  return ModelFileAccess::impl(model).module;
}
torch::Tensor modelItemEmbeddings(const ModelFile& model) {
  return ModelFileAccess::impl(model).itemEmbeddings;
}
torch::Device modelTorchDevice(const ModelFile& model) {
  const auto& d = ModelFileAccess::impl(model).device;
  return d.kind == ComputeDevice::Kind::Cuda
             ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(d.index))
             : torch::Device(torch::kCPU);
}
}  // namespace detail

namespace {

// The first line of a torch exception, without its C++ backtrace.
std::string firstLine(const std::string& text) {
  const auto end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

Error contractError(const std::string& path, const std::string& what) {
  return makeError(ErrorCode::Schema, "not a valid RecLens model: " + what, path);
}

std::string shapeText(const torch::Tensor& t) {
  std::string s = "[";
  for (int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
  return s + "]";
}

// Runs method `name`; torch errors become one line naming the method.
Result<c10::IValue> call(torch::jit::Module& module, const std::string& path, const std::string& name,
                         std::vector<c10::IValue> args) {
  try {
    return module.get_method(name)(std::move(args));
  } catch (const std::exception& e) {
    return contractError(path, "method '" + name + "' failed: " + firstLine(e.what()));
  }
}

Result<torch::Tensor> callTensor(torch::jit::Module& module, const std::string& path, const std::string& name,
                                 std::vector<c10::IValue> args) {
  auto r = call(module, path, name, std::move(args));
  if (!r) return r.error();
  if (!r.value().isTensor()) return contractError(path, "method '" + name + "' must return a Tensor");
  auto t = r.value().toTensor();
  if (t.scalar_type() != torch::kFloat32) {
    return contractError(path, "method '" + name + "' must return float32, got " +
                                   std::string(c10::toString(t.scalar_type())));
  }
  return t;
}

Status checkShape(const std::string& path, const std::string& what, const torch::Tensor& t,
                  const std::vector<int64_t>& expected) {
  bool same = t.dim() == static_cast<int64_t>(expected.size());
  for (std::size_t i = 0; same && i < expected.size(); ++i)
    same = expected[i] < 0 || t.size(i) == expected[i];
  if (same) return Status::success();
  std::string want = "[";
  for (std::size_t i = 0; i < expected.size(); ++i) {
    want += (i ? ", " : "") + (expected[i] < 0 ? std::string("*") : std::to_string(expected[i]));
  }
  return contractError(path, what + " has shape " + shapeText(t) + ", expected " + want + "]");
}

Status checkFileHeader(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return makeError(ErrorCode::Io, "model file not found", path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, "cannot open the model file for reading", path);
  char magic[4] = {};
  in.read(magic, 4);
  if (in.gcount() == 0)
    return makeError(ErrorCode::Parse, "the model file is empty, not a TorchScript model", path);
  // torch.jit.save writes a zip archive.
  if (in.gcount() < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
    return makeError(ErrorCode::Parse, "not a TorchScript model file (torch.jit.save writes a zip archive)",
                     path);
  }
  return Status::success();
}

// Checks the user side (history, fields, user_vector) and the item side (parts, item_vectors) on a
// small sample, against the shapes the metadata declares.
Status checkMethodsOnSample(ModelFile::Impl& m) {
  const auto& meta = m.metadata;
  const auto opts = torch::TensorOptions().dtype(torch::kInt64).device(m.itemEmbeddings.device());
  const int64_t n = meta.numItems;
  const auto sample = torch::arange(0, std::min<int64_t>(n, 4), opts);
  const auto empty = torch::empty({0}, opts);
  std::vector<int64_t> codes;
  for (const auto& f : meta.userFields) codes.push_back(f.vocabulary.empty() ? -1 : 0);
  if (!codes.empty()) codes.back() = -1;  // a missing value must work too
  const auto fieldCodes = torch::tensor(codes, torch::kInt64).to(opts.device());
  const auto nf = static_cast<int64_t>(codes.size());

  auto hist = callTensor(m.module, m.path, "history_inputs", {sample});
  if (!hist) return hist.error();
  if (auto s = checkShape(m.path, "history_inputs(items[L])", hist.value(), {sample.size(0), -1}); !s)
    return s;
  const int64_t h = hist.value().size(1);
  auto fields = callTensor(m.module, m.path, "user_field_inputs", {fieldCodes});
  if (!fields) return fields.error();
  if (auto s = checkShape(m.path, "user_field_inputs(codes[F])", fields.value(), {nf, h}); !s) return s;
  auto histEmpty = callTensor(m.module, m.path, "history_inputs", {empty});
  if (!histEmpty) return histEmpty.error();
  if (auto s = checkShape(m.path, "history_inputs of an empty history", histEmpty.value(), {0, h}); !s)
    return s;

  const auto weights = torch::ones({sample.size(0)}, opts.dtype(torch::kFloat32));
  for (const auto& [history, w] :
       {std::pair{hist.value(), weights}, std::pair{histEmpty.value(), weights.narrow(0, 0, 0)}}) {
    auto uv = callTensor(m.module, m.path, "user_vector", {history, w, fields.value()});
    if (!uv) return uv.error();
    if (auto s = checkShape(m.path, "user_vector(...)", uv.value(), {meta.dim}); !s) return s;
    if (!torch::isfinite(uv.value()).all().item<bool>()) {
      return contractError(m.path, "user_vector(...) returned NaN or Inf on a sample user");
    }
  }

  auto parts = callTensor(m.module, m.path, "item_field_inputs", {sample});
  if (!parts) return parts.error();
  if (auto s = checkShape(m.path, "item_field_inputs(items[K])", parts.value(),
                          {sample.size(0), static_cast<int64_t>(meta.itemParts.size()), -1});
      !s) {
    return s;
  }
  auto vecs = callTensor(m.module, m.path, "item_vectors", {parts.value()});
  if (!vecs) return vecs.error();
  if (auto s = checkShape(m.path, "item_vectors(parts)", vecs.value(), {sample.size(0), meta.dim}); !s)
    return s;
  const auto expected = m.itemEmbeddings.index_select(0, sample);
  const double scale = std::max(1.0, expected.abs().max().item<double>());
  const double diff = (vecs.value() - expected).abs().max().item<double>();
  if (diff > 1e-4 * scale) {
    return contractError(m.path,
                         "item_vectors(item_field_inputs(items)) differs from item_embeddings() rows by " +
                             std::to_string(diff) + " on a sample of items");
  }
  return Status::success();
}

Status loadInto(ModelFile::Impl& m, const Catalog* catalog) {
  if (auto s = checkFileHeader(m.path); !s) return s;
  // The zip structure is checked here, without LibTorch, so that truncated or crafted archives are
  // refused with a precise message before torch::jit::load parses them.
  if (auto archive = inspectModelArchiveFile(m.path); !archive) return archive.error();
  const torch::Device dev = m.device.kind == ComputeDevice::Kind::Cuda
                                ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(m.device.index))
                                : torch::Device(torch::kCPU);
  try {
    m.module = torch::jit::load(m.path, dev);
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Parse, "not a TorchScript model file: " + firstLine(e.what()), m.path);
  }
  m.module.eval();
  for (const auto& name : modelContractMethods()) {
    if (!m.module.find_method(name)) return contractError(m.path, "method '" + name + "' is missing");
  }
  auto version = call(m.module, m.path, "contract_version", {});
  if (!version) return version.error();
  if (!version.value().isInt()) return contractError(m.path, "contract_version() must return an int");
  if (version.value().toInt() != kModelContractVersion) {
    return contractError(m.path, "contract version " + std::to_string(version.value().toInt()) +
                                     ", this RecLens reads version " + std::to_string(kModelContractVersion));
  }
  auto metaText = call(m.module, m.path, "metadata", {});
  if (!metaText) return metaText.error();
  if (!metaText.value().isString()) return contractError(m.path, "metadata() must return a str");
  auto meta = parseModelMetadata(metaText.value().toStringRef());
  if (!meta) return makeError(meta.error().code, "model metadata: " + meta.error().message, m.path);
  m.metadata = std::move(meta.value());
  if (m.metadata.contractVersion != kModelContractVersion) {
    return contractError(m.path, "metadata says contract_version " +
                                     std::to_string(m.metadata.contractVersion) +
                                     ", this RecLens reads version " + std::to_string(kModelContractVersion));
  }
  auto emb = callTensor(m.module, m.path, "item_embeddings", {});
  if (!emb) return emb.error();
  if (auto s = checkShape(m.path, "item_embeddings()", emb.value(), {m.metadata.numItems, m.metadata.dim});
      !s) {
    return s;
  }
  m.itemEmbeddings = emb.value().to(dev).contiguous();
  const auto bad = (~torch::isfinite(m.itemEmbeddings)).any(1);
  const auto badRows = bad.sum().item<int64_t>();
  if (badRows > 0) {
    const auto first = bad.nonzero()[0][0].item<int64_t>();
    return contractError(m.path, "item_embeddings() has NaN or Inf in " + std::to_string(badRows) +
                                     " rows (first: row " + std::to_string(first) + ")");
  }
  if (auto s = checkMethodsOnSample(m); !s) return s;
  if (catalog != nullptr) {
    if (auto s = checkModelCatalog(m.metadata, *catalog); !s)
      return makeError(s.error().code, s.error().message, m.path);
  }
  return Status::success();
}

}  // namespace

ModelFile::ModelFile(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ModelFile::~ModelFile() = default;

const std::string& ModelFile::path() const {
  return m_impl->path;
}
const ModelMetadata& ModelFile::metadata() const {
  return m_impl->metadata;
}
const ComputeDevice& ModelFile::device() const {
  return m_impl->device;
}

Result<std::shared_ptr<const ModelFile>> ModelFile::load(const std::string& path, const ComputeDevice& device,
                                                         const Catalog* catalog) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->device = device;
  try {
    // NoGrad rather than InferenceMode: the cached item matrix must stay usable by attribution code
    // that records gradients (inference tensors cannot be saved for backward).
    torch::NoGradGuard noGrad;
    if (auto s = loadInto(*impl, catalog); !s) return s.error();
  } catch (const std::exception& e) {
    // Anything the checks above did not anticipate (e.g. CUDA out of memory) still becomes an Error.
    return makeError(ErrorCode::Internal, "cannot load the model: " + firstLine(e.what()), path);
  }
  return std::shared_ptr<const ModelFile>(new ModelFile(std::move(impl)));
}

Status validateModelFile(const std::string& path, const Catalog* catalog) {
  auto m = ModelFile::load(path, ComputeDevice{}, catalog);
  if (!m) return m.error();
  return Status::success();
}

}  // namespace reclens
