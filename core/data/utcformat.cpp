#include "data/utcformat.h"

#include <charconv>
#include <chrono>

namespace reclens {

namespace {
char* twoDigits(char* out, unsigned v) {
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
  return out + 2;
}
}  // namespace

char* writeUtcIso(char* out, std::int64_t t) {
  using namespace std::chrono;
  // Floor division so that times before 1970 land on the right day.
  std::int64_t days = t / 86400;
  std::int64_t secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  const int y = static_cast<int>(ymd.year());
  if (y >= 0 && y <= 9999) {
    out = twoDigits(out, static_cast<unsigned>(y / 100));
    out = twoDigits(out, static_cast<unsigned>(y % 100));
  } else {
    out = std::to_chars(out, out + 12, y).ptr;
  }
  *out++ = '-';
  out = twoDigits(out, static_cast<unsigned>(ymd.month()));
  *out++ = '-';
  out = twoDigits(out, static_cast<unsigned>(ymd.day()));
  *out++ = 'T';
  const auto s = static_cast<unsigned>(secs);
  out = twoDigits(out, s / 3600);
  *out++ = ':';
  out = twoDigits(out, s / 60 % 60);
  *out++ = ':';
  out = twoDigits(out, s % 60);
  *out++ = 'Z';
  return out;
}

std::string formatUtcIso(std::int64_t t) {
  char buf[32];
  return std::string(buf, writeUtcIso(buf, t));
}

}  // namespace reclens
