#include <torch/script.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "model/modelcontract.h"
#include "model/modelexport.h"

namespace reclens {

namespace {

// A view of the spec's values, not a copy: a million-item model's tables are 512 MiB, and the module
// lives only while the spec does (writeModelFile).
at::Tensor toTensor(const ExportTensor& t) {
  if (t.isLong) {
    return torch::from_blob(const_cast<std::int64_t*>(t.longValues.data()), t.shape, torch::kLong);
  }
  return torch::from_blob(const_cast<float*>(t.values.data()), t.shape, torch::kFloat);
}

torch::jit::Module buildModule(const ExportSpec& spec, const std::string& metadataJson) {
  torch::jit::Module module(c10::QualifiedName("__torch__.reclens." + spec.className),
                            std::make_shared<torch::jit::CompilationUnit>());
  for (const auto& t : spec.tensors) module.register_buffer(t.name, toTensor(t));
  module.register_attribute("reclens_metadata", c10::StringType::get(), metadataJson);
  module.define("def contract_version(self) -> int:\n    return " + std::to_string(kModelContractVersion) +
                "\n\ndef metadata(self) -> str:\n    return self.reclens_metadata\n");
  module.define(spec.source);
  return module;
}

at::Tensor scoresFor(torch::jit::Module& module, const at::Tensor& items, const at::Tensor& weights,
                     const at::Tensor& codes) {
  auto history = module.run_method("history_inputs", items).toTensor();
  auto fields = module.run_method("user_field_inputs", codes).toTensor();
  auto user = module.run_method("user_vector", history, weights, fields).toTensor();
  auto emb = module.run_method("item_embeddings").toTensor();
  return torch::mv(emb, user);
}

}  // namespace

const char* pooledSqrtUserSource() {
  return R"(
def user_vectors(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    total = torch.clamp(weights.sum(1), min=1.0)
    return (weights.unsqueeze(2) * history).sum(1) / torch.sqrt(total).unsqueeze(1) + fields.sum(1)

def explain_structure(self) -> str:
    return '{"user": {"form": "pooled", "norm": "sqrt", "clamp_min": 1.0}, "items": "sum_parts"}'
)";
}

Status writeModelFile(const ExportSpec& spec, const std::string& metadataJson, const std::string& path) {
  const std::string part = path + ".part";
  try {
    auto module = buildModule(spec, metadataJson);
    // Saving through a stream keeps the archive's inner folder name fixed, so the bytes depend on
    // the weights only and not on the file name. Straight into the file: a copy in memory first would
    // hold the whole archive twice more.
    {
      std::ofstream out(part, std::ios::binary | std::ios::trunc);
      if (!out) return makeError(ErrorCode::Io, "cannot write the model file", part);
      module.save(out);
      out.flush();
      if (!out) {
        out.close();
        std::remove(part.c_str());
        return makeError(ErrorCode::Io, "could not write the whole model file (disk full?)", part);
      }
    }
    if (std::rename(part.c_str(), path.c_str()) != 0) {
      std::remove(part.c_str());
      return makeError(ErrorCode::Io, "cannot move the finished model file into place", path);
    }
  } catch (const std::exception& e) {
    std::remove(part.c_str());
    return makeError(ErrorCode::Internal, std::string("exporting the model failed: ") + e.what(), path);
  }
  return Status::success();
}

Status checkModelScores(const std::string& path, const std::vector<ProbeUser>& probes, double tolerance) {
  try {
    torch::NoGradGuard noGrad;
    auto module = torch::jit::load(path, torch::kCPU);
    for (std::size_t p = 0; p < probes.size(); ++p) {
      const auto& probe = probes[p];
      auto scores =
          scoresFor(module, torch::tensor(probe.items, torch::kLong),
                    torch::tensor(probe.weights, torch::kFloat), torch::tensor(probe.codes, torch::kLong));
      auto expected = torch::tensor(probe.expectedScores, torch::kFloat);
      if (scores.sizes() != expected.sizes()) {
        return makeError(ErrorCode::Internal,
                         "the saved model scores " + std::to_string(scores.numel()) +
                             " items but the trainer scored " + std::to_string(expected.numel()),
                         path);
      }
      const double scale = std::max(1.0, expected.abs().max().item<double>());
      const double diff = (scores - expected).abs().max().item<double>();
      if (!(diff <= tolerance * scale)) {
        return makeError(ErrorCode::Internal,
                         "the saved model does not reproduce the trainer's scores (probe " +
                             std::to_string(p) + ", largest difference " + std::to_string(diff) + ")",
                         path);
      }
    }
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, std::string("cannot check the saved model: ") + e.what(), path);
  }
  return Status::success();
}

Result<std::vector<float>> scoreWithModelFile(const std::string& path, const std::vector<std::int64_t>& items,
                                              const std::vector<float>& weights,
                                              const std::vector<std::int64_t>& codes) {
  try {
    torch::NoGradGuard noGrad;
    auto module = torch::jit::load(path, torch::kCPU);
    auto scores = scoresFor(module, torch::tensor(items, torch::kLong), torch::tensor(weights, torch::kFloat),
                            torch::tensor(codes, torch::kLong))
                      .contiguous();
    return std::vector<float>(scores.data_ptr<float>(), scores.data_ptr<float>() + scores.numel());
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, std::string("cannot score with the model: ") + e.what(), path);
  }
}

Result<std::string> verifyExportedModel(const std::string& path) {
  try {
    torch::NoGradGuard noGrad;
    auto module = torch::jit::load(path, torch::kCPU);
    for (const auto& name : modelContractMethods()) {
      if (!module.find_method(name))
        return makeError(ErrorCode::Schema, "the model has no method " + name, path);
    }
    if (!module.find_method(kBatchedUserMethod))
      return makeError(ErrorCode::Schema, std::string("the model has no method ") + kBatchedUserMethod, path);
    const auto version = module.run_method("contract_version").toInt();
    if (version != kModelContractVersion) {
      return makeError(ErrorCode::Schema,
                       "contract version " + std::to_string(version) + " instead of " +
                           std::to_string(kModelContractVersion),
                       path);
    }
    const auto meta = module.run_method("metadata").toStringRef();
    auto emb = module.run_method("item_embeddings").toTensor();
    if (emb.dim() != 2 || emb.size(0) == 0)
      return makeError(ErrorCode::Schema, "item_embeddings is not [N, D]", path);
    const auto n = emb.size(0);
    auto sample = torch::arange(0, n, std::max<std::int64_t>(1, n / 64), torch::kLong);
    auto parts = module.run_method("item_field_inputs", sample).toTensor();
    auto vectors = module.run_method("item_vectors", parts).toTensor();
    if (parts.dim() != 3 || !vectors.allclose(emb.index_select(0, sample), 1e-4, 1e-5)) {
      return makeError(ErrorCode::Schema, "item_vectors(item_field_inputs(i)) differs from item_embeddings()",
                       path);
    }
    auto history = module.run_method("history_inputs", sample.slice(0, 0, 3)).toTensor();
    auto fields = module.run_method("user_field_inputs", torch::empty({0}, torch::kLong)).toTensor();
    auto user = module.run_method("user_vector", history, torch::ones({history.size(0)}), fields).toTensor();
    if (user.dim() != 1 || user.size(0) != emb.size(1)) {
      return makeError(ErrorCode::Schema, "user_vector does not return [D]", path);
    }
    return meta;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Schema,
                     std::string("the model file does not follow the contract: ") + e.what(), path);
  }
}

}  // namespace reclens
