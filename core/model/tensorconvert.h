#pragma once
// Conversions between plain vectors and tensors shared by the built-in models' *_torch.cpp files.
// Only forward declarations here, so that this header stays free of LibTorch; callers include torch.
#include <cstdint>
#include <vector>

namespace at {
class Tensor;
}
namespace c10 {
struct Device;
}

namespace reclens {

// A 1-D int64 / float32 tensor holding `values`, on `device`.
at::Tensor longTensor(const std::vector<std::int64_t>& values, const c10::Device& device);
at::Tensor floatTensor(const std::vector<float>& values, const c10::Device& device);
// The elements of a float32 tensor in row-major order, copied to the CPU.
std::vector<float> plain(const at::Tensor& tensor);

}  // namespace reclens
