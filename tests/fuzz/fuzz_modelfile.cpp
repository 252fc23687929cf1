// Fuzz target: the LibTorch-free part of the model-file validator, i.e. the zip structure check that
// runs before torch::jit::load, and the metadata JSON parser with the catalog check. The TorchScript
// loader itself is LibTorch's; docs/security.md says why RecLens runs it in a child process instead.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "model/modelarchive.h"
#include "model/modelfile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reclens;
  if (size < 1) return 0;
  const char* bytes = reinterpret_cast<const char*>(data) + 1;
  const std::size_t n = size - 1;
  if ((data[0] & 1) == 0) {
    const ArchiveReader read = [bytes, n](std::uint64_t offset, std::size_t count, char* out) {
      if (offset > n || count > n - offset) return false;
      std::memcpy(out, bytes + offset, count);
      return true;
    };
    (void)inspectModelArchive(read, n);
    return 0;
  }
  auto meta = parseModelMetadata(std::string(bytes, n));
  if (meta) {
    Catalog catalog;
    catalog.ids = {"i0", "i1", "i2"};
    (void)checkModelCatalog(meta.value(), catalog);
  }
  return 0;
}
