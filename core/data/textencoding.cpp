#include "data/textencoding.h"

namespace reclens {

namespace {

// Windows-1252 bytes 0x80-0x9F (the Unicode consortium's mapping table, cp1252.txt); 0 marks the five
// unassigned bytes, which map to the C1 control of the same value.
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88-8F
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98-9F
};

}  // namespace

std::optional<TextEncoding> textEncodingFromName(std::string_view name) {
  if (name == "utf8" || name == "utf-8" || name == "UTF-8") return TextEncoding::Utf8;
  if (name == "latin1" || name == "iso-8859-1" || name == "ISO-8859-1") return TextEncoding::Latin1;
  if (name == "cp1252" || name == "windows-1252") return TextEncoding::Cp1252;
  return std::nullopt;
}

const char* textEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::Utf8:
      return "utf8";
    case TextEncoding::Latin1:
      return "latin1";
    case TextEncoding::Cp1252:
      return "cp1252";
  }
  return "utf8";
}

char32_t singleByteCodePoint(unsigned char byte, TextEncoding encoding) {
  if (encoding == TextEncoding::Cp1252 && byte >= 0x80 && byte <= 0x9F) {
    const char32_t mapped = kCp1252High[byte - 0x80];
    return mapped == 0 ? char32_t{byte} : mapped;
  }
  return char32_t{byte};
}

std::size_t convertToUtf8(const char* data, std::size_t size, TextEncoding encoding, char* out) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const auto byte = static_cast<unsigned char>(data[i]);
    if (byte < 0x80) {
      out[w++] = static_cast<char>(byte);
      continue;
    }
    const char32_t c = singleByteCodePoint(byte, encoding);
    if (c < 0x800) {
      out[w++] = static_cast<char>(0xC0 | (c >> 6));
      out[w++] = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out[w++] = static_cast<char>(0xE0 | (c >> 12));
      out[w++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out[w++] = static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return w;
}

}  // namespace reclens
