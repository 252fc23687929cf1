#pragma once
#include <cstdint>
#include <string>

namespace reclens {

// Writes Unix seconds `t` as ISO-8601 UTC "YYYY-MM-DDTHH:MM:SSZ" at `out` (room for 32 chars needed)
// and returns the end of what was written. Years outside 0..9999 are written with as many digits as needed.
char* writeUtcIso(char* out, std::int64_t t);
// The same as a string.
std::string formatUtcIso(std::int64_t t);

}  // namespace reclens
