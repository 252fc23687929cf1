#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/result.h"

namespace reclens {

// The zip layout of a TorchScript file, read without LibTorch: the archive's root folder and its
// entries. torch.jit.save writes "<root>/data.pkl", "<root>/constants.pkl", "<root>/version" and the
// TorchScript source under "<root>/code/".
struct ModelArchive {
  struct Entry {
    std::string name;
    std::uint64_t offset = 0;  // of the entry's local header
    std::uint64_t compressedSize = 0;
    std::uint64_t size = 0;
  };
  std::string root;
  std::vector<Entry> entries;
};

// Limits on what the structural check accepts (hostile archives are refused before LibTorch reads them).
inline constexpr std::uint64_t kMaxModelArchiveEntries = 100000;
inline constexpr std::uint64_t kMaxModelEntryNameBytes = 4096;

// Reads `size` bytes at `offset` into `out`; false when the source cannot deliver them.
using ArchiveReader = std::function<bool(std::uint64_t offset, std::size_t size, char* out)>;

// Walks the zip directory of a file of `fileSize` bytes read through `read`. Succeeds only for a
// complete, self-consistent archive in which every entry lies inside the file, no name escapes the
// root folder, and the TorchScript entries are present; the error (Parse) is one sentence.
Result<ModelArchive> inspectModelArchive(const ArchiveReader& read, std::uint64_t fileSize);

// inspectModelArchive on the file at `path`; errors name the file.
Result<ModelArchive> inspectModelArchiveFile(const std::string& path);

}  // namespace reclens
