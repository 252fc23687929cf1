#pragma once
#include <string>

namespace reclens {

// Which device the compute core runs on, chosen once at start-up.
struct ComputeDevice {
  enum class Kind { Cpu, Cuda };
  Kind kind = Kind::Cpu;
  int index = 0;
  std::string description;  // e.g. "CPU (2 threads)" or "CUDA 0: NVIDIA H100 80GB HBM3"

  // The device as LibTorch and PyTorch name it: "cpu" or "cuda:N".
  std::string torchName() const { return kind == Kind::Cuda ? "cuda:" + std::to_string(index) : "cpu"; }
};

// Preference given by the user: "auto" (CUDA when present, else CPU), "cpu" or "cuda[:N]".
// Returns the device to use; `error` is set when a requested CUDA device is unavailable and CPU was chosen.
ComputeDevice chooseComputeDevice(const std::string& preference, std::string* error = nullptr);

// Versions of the numeric libraries, for provenance ("LibTorch 1.13.1, CUDA none").
std::string computeLibraryVersions();

}  // namespace reclens
