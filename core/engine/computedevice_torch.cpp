#include <torch/torch.h>

#include "engine/computedevice.h"
#include "engine/cpudescription.h"

namespace reclens {

ComputeDevice chooseComputeDevice(const std::string& preference, std::string* error) {
  ComputeDevice cpu;
  cpu.kind = ComputeDevice::Kind::Cpu;
  cpu.description = cpuDescription(at::get_num_threads());
  const bool wantCuda = preference.rfind("cuda", 0) == 0;
  if (preference == "cpu") return cpu;
  if (!torch::cuda::is_available()) {
    if (wantCuda && error) *error = "CUDA was requested but no CUDA device is available; using the CPU";
    return cpu;
  }
  int index = 0;
  if (wantCuda && preference.size() > 5 && preference[4] == ':') {
    try {
      index = std::stoi(preference.substr(5));
    } catch (const std::exception&) {
      if (error) *error = "cannot read the CUDA device number in '" + preference + "'; using CUDA 0";
    }
  }
  const auto count = static_cast<int>(torch::cuda::device_count());
  if (index < 0 || index >= count) {
    if (error) *error = "CUDA device " + std::to_string(index) + " does not exist; using CUDA 0";
    index = 0;
  }
  ComputeDevice cuda;
  cuda.kind = ComputeDevice::Kind::Cuda;
  cuda.index = index;
  cuda.description = "CUDA " + std::to_string(index);
  return cuda;
}

std::string computeLibraryVersions() {
  std::string cuda = torch::cuda::is_available() ? "available" : "none";
  return std::string("LibTorch ") + TORCH_VERSION + ", CUDA " + cuda;
}

}  // namespace reclens
