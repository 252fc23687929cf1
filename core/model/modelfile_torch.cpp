#include <torch/script.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "model/explainstructure.h"
#include "model/modelarchive.h"
#include "model/modelfile.h"

namespace reclens {

struct ModelFile::Impl {
  std::string path;
  ModelMetadata metadata;
  ComputeDevice device;
  torch::jit::Module module;
  torch::Tensor itemEmbeddings;  // [N, D] float32, contiguous, on the device
  int contractVersion = 0;
  bool batched = false;  // has user_vectors
  // The closed form of the towers, set only when it was checked against the methods.
  std::optional<ExplainStructure> structure;
  std::vector<torch::Tensor> structureTensors;  // PooledMlp: W1, b1, W2, b2 on the device
  std::string structureName, structureNote;
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
const ExplainStructure* modelExplainStructure(const ModelFile& model) {
  const auto& s = ModelFileAccess::impl(model).structure;
  return s ? &*s : nullptr;
}
const std::vector<torch::Tensor>& modelExplainTensors(const ModelFile& model) {
  return ModelFileAccess::impl(model).structureTensors;
}
bool modelHasBatchedUserVectors(const ModelFile& model) {
  return ModelFileAccess::impl(model).batched;
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

  if (m.batched) {
    // Two rows with different weights and fields: user_vectors must equal user_vector row by row.
    const auto l = hist.value().size(0);
    const auto w2 = torch::stack({weights, torch::linspace(0.25, 2.0, l, weights.options())});
    const auto h2 = torch::stack({hist.value(), hist.value()});
    const auto f2 = torch::stack({fields.value(), 0.5 * fields.value()});
    auto batch = callTensor(m.module, m.path, kBatchedUserMethod, {h2, w2, f2});
    if (!batch) return batch.error();
    if (auto s = checkShape(m.path, "user_vectors(history[2, L, H], ...)", batch.value(), {2, meta.dim}); !s)
      return s;
    for (int64_t b = 0; b < 2; ++b) {
      auto one = callTensor(m.module, m.path, "user_vector", {h2[b], w2[b], f2[b]});
      if (!one) return one.error();
      const double scale = std::max(1.0, one.value().abs().max().item<double>());
      const double diff = (batch.value()[b] - one.value()).abs().max().item<double>();
      if (!(diff <= 1e-4 * scale)) {
        return contractError(m.path, "user_vectors(...) row " + std::to_string(b) +
                                         " differs from user_vector(...) of the same inputs by " +
                                         std::to_string(diff));
      }
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

// The user vector of the declared closed form for one row: h [L, D], w [L], f [F, D].
torch::Tensor closedFormUser(const ExplainStructure& s, const std::vector<torch::Tensor>& t,
                             const torch::Tensor& h, const torch::Tensor& w, const torch::Tensor& f) {
  const auto total = torch::clamp_min(w.sum(), s.clampMin);
  auto pooled = (w.unsqueeze(1) * h).sum(0);
  if (s.norm != ExplainStructure::Norm::None)
    pooled = pooled * (s.norm == ExplainStructure::Norm::Mean ? total.reciprocal() : total.rsqrt());
  const auto fsum = f.sum(0);
  if (s.user == ExplainStructure::UserForm::Pooled) return pooled + fsum;
  const auto z = torch::mv(t[0], torch::cat({pooled, fsum})) + t[1];
  return pooled + torch::mv(t[2], torch::relu(z)) + t[3];
}

// Checks the closed form a file declares (explain_structure()) against its own methods on probe
// inputs; on success the attribution code may use it, otherwise a note says why not. A declaration
// never makes a file fail to load: it is an optional shortcut, and the methods stay the authority.
void checkExplainStructure(ModelFile::Impl& m) {
  if (!m.module.find_method("explain_structure")) return;
  const auto fail = [&](const std::string& why) {
    m.structureNote = "explain_structure() is not used: " + why;
    m.structure.reset();
    m.structureTensors.clear();
  };
  try {
    const auto text = m.module.get_method("explain_structure")({});
    if (!text.isString()) return fail("it must return a str");
    auto parsed = parseExplainStructure(text.toStringRef());
    if (!parsed) return fail(parsed.error().message);
    const auto s = parsed.value();
    const int64_t d = m.metadata.dim;
    const auto dev = m.itemEmbeddings.device();
    std::vector<torch::Tensor> t;
    if (s.user == ExplainStructure::UserForm::PooledMlp) {
      if (!m.module.find_method("explain_tensors"))
        return fail("the pooled_mlp form needs explain_tensors()");
      const auto list = m.module.get_method("explain_tensors")({});
      if (!list.isTensorList()) return fail("explain_tensors() must return a List[Tensor]");
      for (const auto& x : list.toTensorVector())
        t.push_back(x.detach().to(dev, torch::kFloat32).contiguous());
      const int64_t hd = t.size() == 4 && t[1].dim() == 1 ? t[1].size(0) : -1;
      if (t.size() != 4 || hd < 1 || t[0].sizes() != torch::IntArrayRef{hd, 2 * d} ||
          t[2].sizes() != torch::IntArrayRef{d, hd} || t[3].sizes() != torch::IntArrayRef{d}) {
        return fail("explain_tensors() must be [W1 [Hd, 2D], b1 [Hd], W2 [D, Hd], b2 [D]]");
      }
    }
    const auto longs = torch::TensorOptions().dtype(torch::kInt64).device(dev);
    const auto sample = torch::arange(0, std::min<int64_t>(m.metadata.numItems, 5), longs);
    const auto hist = m.module.get_method("history_inputs")({sample}).toTensor().to(torch::kFloat32);
    if (hist.dim() != 2 || hist.size(1) != d) return fail("history rows must have width dim");
    std::vector<int64_t> codes;
    for (const auto& f : m.metadata.userFields) codes.push_back(f.vocabulary.empty() ? -1 : 0);
    if (!codes.empty()) codes.back() = -1;
    const auto fields = m.module.get_method("user_field_inputs")({torch::tensor(codes, longs)})
                            .toTensor()
                            .to(torch::kFloat32);
    if (fields.dim() != 2 || fields.size(1) != d) return fail("user field rows must have width dim");
    const auto l = hist.size(0);
    const auto fopts = hist.options();
    // Light and heavy histories (total weight below and above the clamp), rows and fields perturbed so
    // that a form that only agrees on lookup rows is caught, and an empty history.
    const auto wave = torch::sin(torch::arange(0, l * d, fopts).reshape({l, d}));
    const std::vector<std::tuple<torch::Tensor, torch::Tensor, torch::Tensor>> probes = {
        {hist, torch::full({l}, 0.1 * s.clampMin, fopts), fields},
        {hist * (1.0 + 0.2 * wave), torch::linspace(0.5, 3.0, l, fopts) * s.clampMin, fields * 1.5},
        {hist + 0.3 * wave, torch::linspace(2.0, 0.2, l, fopts) * s.clampMin, -fields},
        {hist.narrow(0, 0, 0), torch::zeros({0}, fopts), fields}};
    for (const auto& [h, w, f] : probes) {
      const auto model = m.module.get_method("user_vector")({h, w, f}).toTensor().to(torch::kFloat32);
      const auto closed = closedFormUser(s, t, h, w, f);
      const double scale = std::max(1.0, model.abs().max().item<double>());
      const double diff = (model - closed).abs().max().item<double>();
      if (!(diff <= 1e-4 * scale))
        return fail("user_vector differs from the declared form by " + std::to_string(diff) + " on a probe");
    }
    const auto parts = m.module.get_method("item_field_inputs")({sample}).toTensor().to(torch::kFloat32);
    if (parts.dim() != 3 || parts.size(2) != d) return fail("item parts must have width dim");
    for (const double k : {1.0, -0.5}) {
      const auto p =
          parts * k + 0.1 * torch::cos(torch::arange(0, parts.numel(), fopts).reshape(parts.sizes()));
      const auto model = m.module.get_method("item_vectors")({p}).toTensor().to(torch::kFloat32);
      const double scale = std::max(1.0, model.abs().max().item<double>());
      const double diff = (model - p.sum(1)).abs().max().item<double>();
      if (!(diff <= 1e-4 * scale))
        return fail("item_vectors differs from the sum of the parts by " + std::to_string(diff));
    }
    m.structure = s;
    m.structureTensors = std::move(t);
    m.structureName = explainStructureName(s);
  } catch (const std::exception& e) {
    fail(firstLine(e.what()));
  }
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
  const auto v = version.value().toInt();
  if (v < kOldestModelContractVersion || v > kModelContractVersion) {
    return contractError(m.path, "contract version " + std::to_string(v) + ", this RecLens reads versions " +
                                     std::to_string(kOldestModelContractVersion) + " to " +
                                     std::to_string(kModelContractVersion));
  }
  m.contractVersion = static_cast<int>(v);
  m.batched = m.module.find_method(kBatchedUserMethod).has_value();
  if (v >= 2 && !m.batched) {
    return contractError(m.path, std::string("method '") + kBatchedUserMethod +
                                     "' is missing (required from contract version 2)");
  }
  auto metaText = call(m.module, m.path, "metadata", {});
  if (!metaText) return metaText.error();
  if (!metaText.value().isString()) return contractError(m.path, "metadata() must return a str");
  auto meta = parseModelMetadata(metaText.value().toStringRef());
  if (!meta) return makeError(meta.error().code, "model metadata: " + meta.error().message, m.path);
  m.metadata = std::move(meta.value());
  if (m.metadata.contractVersion != m.contractVersion) {
    return contractError(m.path, "metadata says contract_version " +
                                     std::to_string(m.metadata.contractVersion) +
                                     " but contract_version() returns " + std::to_string(m.contractVersion));
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
  checkExplainStructure(m);
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
int ModelFile::contractVersion() const {
  return m_impl->contractVersion;
}
bool ModelFile::hasBatchedUserVectors() const {
  return m_impl->batched;
}
const std::string& ModelFile::closedFormName() const {
  return m_impl->structureName;
}
const std::string& ModelFile::closedFormNote() const {
  return m_impl->structureNote;
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
