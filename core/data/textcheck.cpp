#include "data/textcheck.h"

#include <cstdio>

namespace reclens {

namespace {

bool isC0OrDel(unsigned char c) {
  return c < 0x20U || c == 0x7FU;
}

// C1 controls are the two-byte sequences C2 80 .. C2 9F.
bool isC1At(std::string_view text, std::size_t i) {
  return static_cast<unsigned char>(text[i]) == 0xC2U && i + 1 < text.size() &&
         static_cast<unsigned char>(text[i + 1]) >= 0x80U && static_cast<unsigned char>(text[i + 1]) <= 0x9FU;
}

bool allowedIn(TextRule rule, unsigned char c) {
  return rule == TextRule::FreeText && (c == '\t' || c == '\n' || c == '\r');
}

}  // namespace

std::size_t firstForbiddenControl(std::string_view text, TextRule rule) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20U && c < 0x7FU) continue;  // printable ASCII, the common case
    if (isC0OrDel(c)) {
      if (allowedIn(rule, c)) continue;
      return i;
    }
    if (isC1At(text, i)) return i;
  }
  return std::string_view::npos;
}

std::string printableText(std::string_view text, std::size_t maxBytes) {
  std::string out;
  const std::size_t n = text.size() < maxBytes ? text.size() : maxBytes;
  out.reserve(n + 8);
  char hex[8];
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (isC0OrDel(c)) {
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else if (isC1At(text, i)) {
      std::snprintf(hex, sizeof hex, "\\u%04X", static_cast<unsigned char>(text[i + 1]));
      out += hex;
      ++i;
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out += static_cast<char>(c);
    }
  }
  if (n < text.size()) out += "...";
  return out;
}

std::string controlCharacterName(std::string_view text, std::size_t offset) {
  static const char* const kC0[] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                                    "BS",  "TAB", "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                                    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                    "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
  char buf[32];
  const auto c = static_cast<unsigned char>(text[offset]);
  if (c < 0x20U) {
    std::snprintf(buf, sizeof buf, "%s (\\x%02X)", kC0[c], c);
  } else if (c == 0x7FU) {
    std::snprintf(buf, sizeof buf, "DEL (\\x7F)");
  } else {
    const auto code = static_cast<unsigned char>(text[offset + 1]);
    std::snprintf(buf, sizeof buf, "U+%04X (\\u%04X)", code, code);
  }
  return buf;
}

}  // namespace reclens
