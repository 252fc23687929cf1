#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "data/importmapping.h"

namespace reclens {

// Reads an ISO-8601 date-time ("2010-12-01 08:26:00", "2010-12-01T08:26:00Z", "2010-12-01T08:26:00+01:00",
// "2010-12-01T08:26", "2010-12-01", fractions of a second ignored) as seconds since 1970-01-01. A time
// without an offset is naive local time and is returned as if it were UTC; an offset is subtracted.
// Returns nullopt for anything else, including impossible dates such as 2011-02-30.
std::optional<std::int64_t> parseIso8601(std::string_view text);

// Reads Unix seconds ("1291191960", "-5", "1291191960.25" truncated toward zero); nullopt otherwise.
std::optional<std::int64_t> parseUnixSeconds(std::string_view text);

// Reads `text` in `format`; Auto takes all-digit text as Unix seconds and anything else as ISO-8601.
// RowOrder has no timestamp text and always gives nullopt.
std::optional<std::int64_t> parseTimestamp(std::string_view text, TimestampFormat format);

}  // namespace reclens
