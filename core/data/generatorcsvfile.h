#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace reclens {

// A CSV file written through one large buffer, with hand-made number and time formatting so that
// millions of rows per second are possible. Write errors are remembered and reported by close().
class GeneratorCsvFile {
 public:
  GeneratorCsvFile() = default;
  ~GeneratorCsvFile();
  GeneratorCsvFile(const GeneratorCsvFile&) = delete;
  GeneratorCsvFile& operator=(const GeneratorCsvFile&) = delete;

  // Creates (truncates) `path` for writing.
  Status open(const std::string& path);
  // Appends raw text (no quoting).
  void put(std::string_view text) {
    if (m_used + text.size() > m_buffer.size()) drain();
    if (text.size() > m_buffer.size()) {
      writeRaw(text.data(), text.size());
      return;
    }
    text.copy(m_buffer.data() + m_used, text.size());
    m_used += text.size();
  }
  void put(char c) {
    if (m_used == m_buffer.size()) drain();
    m_buffer[m_used++] = c;
  }
  // Appends a field, quoted as RFC 4180 requires when it holds a comma, quote or line break.
  void putField(std::string_view text);
  void putInt(std::int64_t v);
  // Fixed notation with two decimals (prices).
  void putFixed2(double v);
  // ISO-8601 UTC; the date part is cached, as consecutive rows are mostly on the same day.
  void putUtc(std::int64_t t);
  // Flushes and closes; an error names the file when any write failed.
  Status close();

 private:
  void drain();
  void writeRaw(const char* data, std::size_t size);

  std::FILE* m_file = nullptr;
  std::string m_path;
  std::vector<char> m_buffer;
  std::size_t m_used = 0;
  bool m_failed = false;
  std::int64_t m_cachedDay = INT64_MIN;
  char m_cachedDate[24] = {};
  std::size_t m_cachedDateLength = 0;
};

}  // namespace reclens
