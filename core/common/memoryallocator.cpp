#include "common/memoryallocator.h"

#include <cstdlib>
#include <cstring>
#include <mutex>

#if defined(__GLIBC__)
#include <gnu/libc-version.h>
#include <malloc.h>
#endif

namespace reclens {

namespace {

std::mutex g_mutex;
std::string g_description = "library default";

#if defined(__GLIBC__)
bool userSetAllocator() {
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") || std::getenv("MALLOC_TRIM_THRESHOLD_")) return true;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  return tunables != nullptr && std::strstr(tunables, "glibc.malloc.") != nullptr;
}
#endif

}  // namespace

void tuneMemoryAllocator() {
#if defined(__GLIBC__)
  std::lock_guard lock(g_mutex);
  const std::string glibc = std::string("glibc ") + gnu_get_libc_version();
  if (userSetAllocator()) {
    g_description = glibc + ", as set in the environment";
    return;
  }
  // Fixing either threshold turns glibc's moving thresholds off; both are set so that neither falls
  // back to its small default.
  if (mallopt(M_MMAP_THRESHOLD, static_cast<int>(kAllocatorMmapThreshold)) != 1 ||
      mallopt(M_TRIM_THRESHOLD, static_cast<int>(kAllocatorTrimThreshold)) != 1) {
    g_description = glibc + ", defaults (the thresholds were refused)";
    return;
  }
  setenv("MALLOC_MMAP_THRESHOLD_", std::to_string(kAllocatorMmapThreshold).c_str(), 0);
  setenv("MALLOC_TRIM_THRESHOLD_", std::to_string(kAllocatorTrimThreshold).c_str(), 0);
  g_description = glibc + ", heap blocks up to " + std::to_string(kAllocatorMmapThreshold >> 20) + " MiB, " +
                  std::to_string(kAllocatorTrimThreshold >> 20) + " MiB of freed memory kept";
#endif
}

std::string memoryAllocatorDescription() {
  std::lock_guard lock(g_mutex);
  return g_description;
}

}  // namespace reclens
