#include "model/modelarchive.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <string_view>

namespace reclens {

namespace {

// Zip record signatures and fixed sizes (PKWARE APPNOTE 6.3, sections 4.3.7 to 4.3.16).
constexpr std::uint32_t kLocalSig = 0x04034b50;
constexpr std::uint32_t kCentralSig = 0x02014b50;
constexpr std::uint32_t kEndSig = 0x06054b50;
constexpr std::uint32_t kZip64EndSig = 0x06064b50;
constexpr std::uint32_t kZip64LocatorSig = 0x07064b50;
constexpr std::size_t kLocalSize = 30;
constexpr std::size_t kCentralSize = 46;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kZip64EndSize = 56;
constexpr std::size_t kZip64LocatorSize = 20;
constexpr std::size_t kMaxComment = 0xffff;
constexpr std::uint64_t kMaxDirectoryBytes = std::uint64_t{64} << 20;

std::uint64_t readLe(const char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

Error archiveError(const std::string& what) {
  return makeError(ErrorCode::Parse, "not a TorchScript model file: " + what);
}

struct Directory {
  std::uint64_t entries = 0;
  std::uint64_t size = 0;
  std::uint64_t offset = 0;
  std::uint64_t end = 0;  // where the directory must end (start of the end records)
};

// Finds the end-of-central-directory record (and its zip64 form) in the file's tail.
Result<Directory> findDirectory(const ArchiveReader& read, std::uint64_t fileSize) {
  if (fileSize < kEndSize) return archiveError("the file is too short to be a zip archive");
  const std::size_t tailSize =
      static_cast<std::size_t>(std::min<std::uint64_t>(fileSize, kEndSize + kMaxComment));
  std::string tail(tailSize, '\0');
  const std::uint64_t tailStart = fileSize - tailSize;
  if (!read(tailStart, tailSize, tail.data())) return archiveError("cannot read the end of the file");
  std::size_t at = std::string::npos;
  for (std::size_t i = tailSize - kEndSize + 1; i-- > 0;) {
    if (readLe(tail.data() + i, 4) == kEndSig && i + kEndSize + readLe(tail.data() + i + 20, 2) == tailSize) {
      at = i;
      break;
    }
  }
  if (at == std::string::npos) {
    return archiveError(
        "no zip directory at the end of the file (the file is truncated or not a zip archive)");
  }
  const char* e = tail.data() + at;
  if (readLe(e + 4, 2) != 0 || readLe(e + 6, 2) != 0)
    return archiveError("multi-part zip archives are not supported");
  Directory dir{readLe(e + 10, 2), readLe(e + 12, 4), readLe(e + 16, 4), tailStart + at};
  const std::uint64_t endAt = tailStart + at;
  if (endAt >= kZip64LocatorSize) {
    char loc[kZip64LocatorSize];
    if (!read(endAt - kZip64LocatorSize, kZip64LocatorSize, loc))
      return archiveError("cannot read the zip directory");
    if (readLe(loc, 4) == kZip64LocatorSig) {
      const std::uint64_t z64 = readLe(loc + 8, 8);
      if (z64 > endAt - kZip64LocatorSize || endAt - kZip64LocatorSize - z64 < kZip64EndSize) {
        return archiveError("the zip64 directory record lies outside the file");
      }
      char rec[kZip64EndSize];
      if (!read(z64, kZip64EndSize, rec) || readLe(rec, 4) != kZip64EndSig) {
        return archiveError("the zip64 directory record is damaged");
      }
      dir = Directory{readLe(rec + 32, 8), readLe(rec + 40, 8), readLe(rec + 48, 8), z64};
    }
  }
  if (dir.offset > dir.end || dir.size > dir.end - dir.offset) {
    return archiveError("the zip directory lies outside the file (the file is truncated)");
  }
  if (dir.entries == 0) return archiveError("the zip archive is empty");
  if (dir.entries > kMaxModelArchiveEntries) {
    return archiveError("the zip archive has " + std::to_string(dir.entries) + " entries, more than the " +
                        std::to_string(kMaxModelArchiveEntries) + " a model may have");
  }
  if (dir.size > kMaxDirectoryBytes) return archiveError("the zip directory is larger than 64 MiB");
  if (dir.size < dir.entries * kCentralSize)
    return archiveError("the zip directory is shorter than its entry count");
  return dir;
}

// Applies the zip64 extra field of a central header to the fields that overflowed 32 bits.
Status applyZip64(std::string_view extra, ModelArchive::Entry& entry, bool bigSize, bool bigCompressed,
                  bool bigOffset) {
  while (extra.size() >= 4) {
    const auto id = readLe(extra.data(), 2);
    const auto len = static_cast<std::size_t>(readLe(extra.data() + 2, 2));
    if (len > extra.size() - 4)
      return archiveError("an extra field of entry '" + entry.name + "' is cut short");
    if (id == 1) {
      std::string_view data = extra.substr(4, len);
      for (auto [need, field] :
           {std::pair{bigSize, &entry.size}, std::pair{bigCompressed, &entry.compressedSize},
            std::pair{bigOffset, &entry.offset}}) {
        if (!need) continue;
        if (data.size() < 8)
          return archiveError("the zip64 field of entry '" + entry.name + "' is cut short");
        *field = readLe(data.data(), 8);
        data.remove_prefix(8);
      }
      return Status::success();
    }
    extra.remove_prefix(4 + len);
  }
  if (bigSize || bigCompressed || bigOffset) {
    return archiveError("entry '" + entry.name + "' lacks its zip64 sizes");
  }
  return Status::success();
}

bool unsafeName(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos ||
      name.find('\0') != std::string_view::npos) {
    return true;
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto end = std::min(name.find('/', start), name.size());
    if (name.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

// Reads one central header at `pos` of `cd`; advances `pos` past it.
Result<ModelArchive::Entry> readEntry(std::string_view cd, std::size_t& pos) {
  if (cd.size() - pos < kCentralSize || readLe(cd.data() + pos, 4) != kCentralSig) {
    return archiveError("the zip directory is damaged at byte " + std::to_string(pos));
  }
  const char* h = cd.data() + pos;
  const auto nameLen = static_cast<std::size_t>(readLe(h + 28, 2));
  const auto extraLen = static_cast<std::size_t>(readLe(h + 30, 2));
  const auto commentLen = static_cast<std::size_t>(readLe(h + 32, 2));
  if (cd.size() - pos - kCentralSize < nameLen + extraLen + commentLen) {
    return archiveError("the zip directory is cut short at byte " + std::to_string(pos));
  }
  ModelArchive::Entry entry;
  entry.name.assign(h + kCentralSize, nameLen);
  entry.compressedSize = readLe(h + 20, 4);
  entry.size = readLe(h + 24, 4);
  entry.offset = readLe(h + 42, 4);
  if ((readLe(h + 8, 2) & 1) != 0) return archiveError("entry '" + entry.name + "' is encrypted");
  const auto extra = cd.substr(pos + kCentralSize + nameLen, extraLen);
  constexpr std::uint64_t kMax32 = 0xffffffff;
  if (auto s = applyZip64(extra, entry, entry.size == kMax32, entry.compressedSize == kMax32,
                          entry.offset == kMax32);
      !s) {
    return s.error();
  }
  pos += kCentralSize + nameLen + extraLen + commentLen;
  return entry;
}

// Checks that the entry's local header and data lie before the directory.
Status checkEntryData(const ArchiveReader& read, const ModelArchive::Entry& entry, std::uint64_t dirOffset) {
  const auto outside = [&entry] { return archiveError("entry '" + entry.name + "' lies outside the file"); };
  if (entry.offset > dirOffset || dirOffset - entry.offset < kLocalSize) return outside();
  char local[kLocalSize];
  if (!read(entry.offset, kLocalSize, local) || readLe(local, 4) != kLocalSig) {
    return archiveError("the header of entry '" + entry.name + "' is damaged");
  }
  const std::uint64_t dataStart = entry.offset + kLocalSize + readLe(local + 26, 2) + readLe(local + 28, 2);
  if (dataStart > dirOffset || entry.compressedSize > dirOffset - dataStart) return outside();
  return Status::success();
}

}  // namespace

Result<ModelArchive> inspectModelArchive(const ArchiveReader& read, std::uint64_t fileSize) {
  auto dir = findDirectory(read, fileSize);
  if (!dir) return dir.error();
  std::string cd(static_cast<std::size_t>(dir.value().size), '\0');
  if (!read(dir.value().offset, cd.size(), cd.data())) return archiveError("cannot read the zip directory");

  ModelArchive archive;
  std::set<std::string, std::less<>> names;
  std::size_t pos = 0;
  for (std::uint64_t i = 0; i < dir.value().entries; ++i) {
    auto entry = readEntry(cd, pos);
    if (!entry) return entry.error();
    auto& e = entry.value();
    if (e.name.size() > kMaxModelEntryNameBytes || unsafeName(e.name)) {
      return archiveError("entry name '" + e.name.substr(0, 80) + "' is not a plain relative path");
    }
    const auto slash = e.name.find('/');
    if (slash == std::string::npos || slash == 0) {
      return archiveError("entry '" + e.name + "' is not inside the archive's root folder");
    }
    if (archive.root.empty()) archive.root = e.name.substr(0, slash);
    if (e.name.compare(0, slash, archive.root) != 0 || slash != archive.root.size()) {
      return archiveError("entries lie in two root folders ('" + archive.root + "' and '" +
                          e.name.substr(0, slash) + "')");
    }
    if (!names.insert(e.name).second) return archiveError("entry '" + e.name + "' appears twice");
    if (auto s = checkEntryData(read, e, dir.value().offset); !s) return s.error();
    archive.entries.push_back(std::move(e));
  }
  const auto has = [&](std::string_view leaf) {
    return names.count(archive.root + "/" + std::string(leaf)) > 0;
  };
  const auto code = names.lower_bound(archive.root + "/code/");
  const bool hasCode = code != names.end() && code->rfind(archive.root + "/code/", 0) == 0;
  if (!has("data.pkl")) return archiveError("the archive has no '" + archive.root + "/data.pkl'");
  if (!hasCode || !has("constants.pkl")) {
    return archiveError("the archive holds no TorchScript code (saved with torch.save, not torch.jit.save?)");
  }
  return archive;
}

Result<ModelArchive> inspectModelArchiveFile(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return makeError(ErrorCode::Io, "cannot read the size of the model file", path);
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return makeError(ErrorCode::Io, "cannot open the model file for reading", path);
  const ArchiveReader read = [&file, size](std::uint64_t offset, std::size_t n, char* out) {
    if (offset > size || n > size - offset) return false;
    if (std::fseek(file.get(), static_cast<long>(offset), SEEK_SET) != 0) return false;
    return std::fread(out, 1, n, file.get()) == n;
  };
  auto archive = inspectModelArchive(read, size);
  if (!archive) return makeError(archive.error().code, archive.error().message, path);
  return archive;
}

}  // namespace reclens
