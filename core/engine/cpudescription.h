#pragma once
#include <string>

namespace reclens {

// How a CPU device is named to the user: "CPU (1 thread)", "CPU (2 threads)". Bench reports read the
// count back after "CPU (".
inline std::string cpuDescription(int threads) {
  return "CPU (" + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)");
}

}  // namespace reclens
