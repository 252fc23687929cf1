#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace reclens {

// Which control characters a piece of imported text may hold. Control characters are C0
// (U+0000-U+001F), DEL (U+007F) and C1 (U+0080-U+009F, bytes C2 80-C2 9F in UTF-8).
enum class TextRule {
  Label,     // ids, attribute values, kind names: no control character at all
  FreeText,  // titles: tab, LF and CR only (a quoted CSV field may span lines)
};

// Byte offset of the first control character of `text` that `rule` forbids, or std::string_view::npos.
// `text` is expected to be UTF-8; a lone C2 byte at the end is not a control character.
std::size_t firstForbiddenControl(std::string_view text, TextRule rule);

// `text` for a one-line message: control characters written as \xNN (C0, DEL) or \u00NN (C1), a
// backslash doubled, cut after `maxBytes` bytes of input with "..." appended.
std::string printableText(std::string_view text, std::size_t maxBytes = 64);

// The control character at `offset` of `text` named for a message: "NUL (\x00)", "ESC (\x1B)",
// "U+009B (\u009B)". `offset` must be a position firstForbiddenControl() returned.
std::string controlCharacterName(std::string_view text, std::size_t offset);

}  // namespace reclens
