// The LibTorch half of the warm start: reading the parent's buffers back and copying rows of them into
// the new model's parameters.
#include <torch/script.h>
#include <torch/torch.h>

#include <optional>

#include "model/modelfile.h"
#include "model/warmstart.h"

namespace reclens {

namespace detail {
torch::jit::Module modelModule(const ModelFile& model);
}  // namespace detail

namespace {

std::string shapeText(at::IntArrayRef shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

Error bufferError(const WarmStartParent& parent, const std::string& name, const std::string& what) {
  return makeError(ErrorCode::Schema,
                   "cannot warm-start from this model: its buffer '" + name + "' " + what +
                       " (a file exported by RecLens's trainer has it)",
                   parent.path);
}

// The parent's buffer `name` on the CPU, when the module has one.
std::optional<at::Tensor> buffer(const WarmStartParent& parent, const std::string& name) {
  if (!parent.model) return std::nullopt;
  const auto module = detail::modelModule(*parent.model);
  for (const auto& b : module.named_buffers(/*recurse=*/false)) {
    if (b.name == name) return b.value.detach().to(torch::kCPU);
  }
  return std::nullopt;
}

Result<at::Tensor> floatBuffer(const WarmStartParent& parent, const std::string& name) {
  auto t = buffer(parent, name);
  if (!t) return bufferError(parent, name, "is missing");
  if (t->scalar_type() != torch::kFloat) return bufferError(parent, name, "is not float32");
  return *t;
}

}  // namespace

Status copyParentRows(const WarmStartParent& parent, const std::string& name, at::Tensor& target,
                      const RowMap& map) {
  auto source = floatBuffer(parent, name);
  if (!source) return source.error();
  const auto& s = source.value();
  if (s.dim() != 2 || target.dim() != 2 || s.size(1) != target.size(1)) {
    return bufferError(parent, name,
                       "has shape " + shapeText(s.sizes()) + " where rows of width " +
                           std::to_string(target.size(1)) + " are expected");
  }
  if (map.to.empty()) return Status::success();
  const auto highest = *std::max_element(map.from.begin(), map.from.end());
  if (highest >= s.size(0)) {
    return bufferError(parent, name,
                       "has " + std::to_string(s.size(0)) + " rows, fewer than its own index tables use");
  }
  torch::NoGradGuard noGrad;
  const auto from = torch::tensor(map.from, torch::kLong);
  const auto to = torch::tensor(map.to, torch::kLong).to(target.device());
  target.index_copy_(0, to, s.index_select(0, from).to(target.device(), target.scalar_type()));
  return Status::success();
}

Status copyParentTensor(const WarmStartParent& parent, const std::string& name, at::Tensor& target) {
  auto source = floatBuffer(parent, name);
  if (!source) return source.error();
  if (source.value().sizes() != target.sizes()) {
    return bufferError(
        parent, name,
        "has shape " + shapeText(source.value().sizes()) + ", expected " + shapeText(target.sizes()));
  }
  torch::NoGradGuard noGrad;
  target.copy_(source.value().to(target.device(), target.scalar_type()));
  return Status::success();
}

Result<std::vector<std::int64_t>> parentLongBuffer(const WarmStartParent& parent, const std::string& name,
                                                   std::vector<std::int64_t>* shape) {
  auto t = buffer(parent, name);
  if (!t) return bufferError(parent, name, "is missing");
  if (t->scalar_type() != torch::kLong) return bufferError(parent, name, "is not int64");
  const auto c = t->contiguous();
  if (shape != nullptr) *shape = c.sizes().vec();
  return std::vector<std::int64_t>(c.data_ptr<std::int64_t>(), c.data_ptr<std::int64_t>() + c.numel());
}

}  // namespace reclens
