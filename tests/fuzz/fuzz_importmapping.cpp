// Fuzz target: the import mapping file parser (a small JSON file naming columns, formats and filters)
// and the mapping check that follows it.
#include <cstdint>

#include "data/importmapping.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  reclens::fuzz::MemoryFile file(data, size);
  if (!file.ok()) return 0;
  auto mapping = reclens::loadImportMapping(file.path());
  if (mapping) (void)reclens::validateImportMapping(mapping.value());
  return 0;
}
