#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace reclens {

// Incremental SHA-256 (FIPS 180-4). Used for model file hashes and data fingerprints.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // The digest as 64 lowercase hex digits; the object must not be updated afterwards.
  std::string hexDigest();

 private:
  void block(const unsigned char* p);
  std::uint32_t m_h[8];
  unsigned char m_buf[64];
  std::size_t m_used = 0;
  std::uint64_t m_bits = 0;
};

// SHA-256 of `bytes` as hex.
std::string sha256Hex(std::string_view bytes);
// SHA-256 of a whole file as hex; the error names the file.
Result<std::string> sha256File(const std::string& path);

}  // namespace reclens
