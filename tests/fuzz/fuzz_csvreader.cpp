// Fuzz target: the CSV reader (any delimiter, quoting on or off, with or without a header) and the
// timestamp parsers applied to every field it returns.
#include <cstdint>

#include "data/csvreader.h"
#include "data/timestampparser.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  using namespace reclens;
  const std::uint8_t options = data[0];
  static const char kDelimiters[] = {',', ';', '\t', '|'};
  CsvFormat format;
  format.delimiter = kDelimiters[options & 3];
  format.quote = (options & 4) != 0 ? '\0' : '"';
  format.header = (options & 8) == 0;
  fuzz::MemoryFile file(data + 1, size - 1);
  if (!file.ok()) return 0;
  auto reader = CsvReader::open(file.path(), format);
  if (!reader) return 0;
  auto& r = *reader.value();
  (void)r.columnList();
  (void)r.columnIndex("user");
  for (int rows = 0; rows < 100000; ++rows) {
    auto next = r.next();
    if (!next) {
      if (r.broken()) break;
      continue;
    }
    if (!next.value()) break;
    for (const auto field : r.fields()) {
      (void)parseTimestamp(field, TimestampFormat::Auto);
      (void)parseUnixSeconds(field);
    }
  }
  return 0;
}
