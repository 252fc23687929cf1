#pragma once
#include <QString>

#include <cstdint>

#include "data/dataset.h"

namespace reclens {

// Formatting of core values for display: shared by the pages so every table reads the same.
namespace display {

// A timestamp as "2023-04-01 13:05" (UTC) for Unix seconds, "#12" for sequence positions, "" when unknown.
QString time(std::int64_t value, TimeUnit unit);
// A count with the locale's digit grouping ("1,234,567").
QString count(std::int64_t value);
// A price with two decimals, "" when unknown (NaN).
QString price(double value);
// A UTF-8 std::string as QString.
inline QString text(const std::string& value) {
  return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
}

// An item's title, or its id when it has none (a catalog without titles, an untitled row).
inline QString itemName(const Catalog& catalog, std::size_t row) {
  if (row < catalog.titles.size() && !catalog.titles[row].empty()) return text(catalog.titles[row]);
  return row < catalog.ids.size() ? text(catalog.ids[row]) : QString();
}

}  // namespace display
}  // namespace reclens
