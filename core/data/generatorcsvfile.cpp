#include "data/generatorcsvfile.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>

#include "data/utcformat.h"

namespace reclens {

namespace {
constexpr std::size_t kBufferSize = 4u << 20;
}

GeneratorCsvFile::~GeneratorCsvFile() {
  if (m_file != nullptr) std::fclose(m_file);
}

Status GeneratorCsvFile::open(const std::string& path) {
  m_path = path;
  m_file = std::fopen(path.c_str(), "wb");
  if (m_file == nullptr) {
    return makeError(ErrorCode::Io, std::string("cannot create the file: ") + std::strerror(errno), path);
  }
  m_buffer.resize(kBufferSize);
  m_used = 0;
  m_failed = false;
  return Status::success();
}

void GeneratorCsvFile::writeRaw(const char* data, std::size_t size) {
  if (m_file == nullptr || m_failed) return;
  if (std::fwrite(data, 1, size, m_file) != size) m_failed = true;
}

void GeneratorCsvFile::drain() {
  writeRaw(m_buffer.data(), m_used);
  m_used = 0;
}

void GeneratorCsvFile::putField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    put(text);
    return;
  }
  put('"');
  for (char c : text) {
    if (c == '"') put('"');
    put(c);
  }
  put('"');
}

void GeneratorCsvFile::putInt(std::int64_t v) {
  if (m_used + 24 > m_buffer.size()) drain();
  m_used = static_cast<std::size_t>(
      std::to_chars(m_buffer.data() + m_used, m_buffer.data() + m_buffer.size(), v).ptr - m_buffer.data());
}

void GeneratorCsvFile::putFixed2(double v) {
  if (!std::isfinite(v)) return;  // an unknown value is an empty field
  if (m_used + 64 > m_buffer.size()) drain();
  m_used = static_cast<std::size_t>(std::to_chars(m_buffer.data() + m_used, m_buffer.data() + m_buffer.size(),
                                                  v, std::chars_format::fixed, 2)
                                        .ptr -
                                    m_buffer.data());
}

void GeneratorCsvFile::putUtc(std::int64_t t) {
  std::int64_t day = t / 86400;
  std::int64_t secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    --day;
  }
  if (day != m_cachedDay) {
    char full[32];
    const char* end = writeUtcIso(full, day * 86400);
    m_cachedDateLength = static_cast<std::size_t>(end - full) - 9;  // without "00:00:00Z"
    std::memcpy(m_cachedDate, full, m_cachedDateLength);
    m_cachedDay = day;
  }
  if (m_used + 32 > m_buffer.size()) drain();
  char* out = m_buffer.data() + m_used;
  std::memcpy(out, m_cachedDate, m_cachedDateLength);
  out += m_cachedDateLength;
  const auto s = static_cast<unsigned>(secs);
  const unsigned parts[3] = {s / 3600, s / 60 % 60, s % 60};
  for (int k = 0; k < 3; ++k) {
    *out++ = static_cast<char>('0' + parts[k] / 10);
    *out++ = static_cast<char>('0' + parts[k] % 10);
    *out++ = k < 2 ? ':' : 'Z';
  }
  m_used = static_cast<std::size_t>(out - m_buffer.data());
}

Status GeneratorCsvFile::close() {
  if (m_file == nullptr) return Status::success();
  drain();
  const bool closeFailed = std::fclose(m_file) != 0;
  m_file = nullptr;
  if (m_failed || closeFailed) {
    return makeError(ErrorCode::Io, "cannot write the file (disk full or no permission?)", m_path);
  }
  return Status::success();
}

}  // namespace reclens
