#include <torch/torch.h>

#include "model/tensorconvert.h"

namespace reclens {

at::Tensor longTensor(const std::vector<std::int64_t>& values, const c10::Device& device) {
  return torch::tensor(values, torch::kLong).to(device);
}

at::Tensor floatTensor(const std::vector<float>& values, const c10::Device& device) {
  return torch::tensor(values, torch::kFloat).to(device);
}

std::vector<float> plain(const at::Tensor& tensor) {
  auto c = tensor.detach().to(torch::kCPU).contiguous();
  return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

}  // namespace reclens
