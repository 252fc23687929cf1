#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace reclens {

// The character encoding of an imported text file. RecLens stores UTF-8; the single-byte encodings are
// converted on read.
enum class TextEncoding {
  Utf8,    // bytes are checked; a row that is not valid UTF-8 is a bad row
  Latin1,  // ISO-8859-1: byte b is U+00bb
  Cp1252,  // Windows-1252: Latin-1 except 0x80-0x9F, which hold typographic characters (euro sign,
           // curly quotes, dashes ...); the five bytes 0x81 0x8D 0x8F 0x90 0x9D, unassigned, stay C1
           // control characters (and so are refused in ids and attribute values)
};

// "utf8", "latin1" or "cp1252" (also "utf-8", "iso-8859-1", "windows-1252"), or nullopt.
std::optional<TextEncoding> textEncodingFromName(std::string_view name);
const char* textEncodingName(TextEncoding encoding);

// The Unicode code point of byte `byte` in the single-byte `encoding` (Latin1 or Cp1252).
char32_t singleByteCodePoint(unsigned char byte, TextEncoding encoding);

// Converts `size` bytes of single-byte `encoding` text to UTF-8 into `out`, which must have room for
// 3 * size bytes (the largest UTF-8 form of a character of these encodings); returns the bytes written.
// Stateless, so a file may be converted block by block.
std::size_t convertToUtf8(const char* data, std::size_t size, TextEncoding encoding, char* out);

}  // namespace reclens
