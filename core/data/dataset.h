#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "data/categoricalfield.h"

namespace reclens {

inline constexpr std::int64_t kNoTime = std::numeric_limits<std::int64_t>::min();

// How interaction timestamps are to be read.
enum class TimeUnit {
  UnixSeconds,  // seconds since 1970-01-01 UTC (or naive local time read as UTC)
  Sequence,     // only the order is known: 0, 1, 2, ... per user
};

// The product catalog. Row r is item index r everywhere in RecLens.
struct Catalog {
  std::vector<std::string> ids;         // external id as in the source data, unique
  std::vector<std::string> titles;      // may be empty
  std::vector<double> prices;           // NaN when unknown
  std::vector<std::int64_t> firstSeen;  // kNoTime when unknown
  // Categorical attributes. "category" and "brand" come first when present, then extras.
  std::vector<CategoricalField> fields;

  std::size_t size() const { return ids.size(); }
  // Index of the field called `name`, or -1.
  int fieldIndex(const std::string& name) const;
};

// Users and their categorical attributes (gender, age band, region, country, ...).
struct UserTable {
  std::vector<std::string> ids;
  std::vector<CategoricalField> fields;

  std::size_t size() const { return ids.size(); }
  int fieldIndex(const std::string& name) const;
};

// The interaction log in columnar form, in no particular order.
struct InteractionLog {
  std::vector<std::int32_t> user;
  std::vector<std::int32_t> item;
  std::vector<std::int64_t> ts;
  std::vector<float> weight;
  std::vector<std::uint8_t> kind;      // index into kindNames
  std::vector<std::string> kindNames;  // e.g. "purchase", "view"

  std::size_t size() const { return user.size(); }
  void reserve(std::size_t n);
  void append(std::int32_t u, std::int32_t i, std::int64_t t, float w, std::uint8_t k);
  // Index of kind `name`, adding it when new.
  std::uint8_t kindIndex(const std::string& name);
};

// Descriptive information stored with a project's dataset.
struct DatasetInfo {
  std::string name;    // e.g. "Online Retail (UCI, first 8 weeks)"
  std::string source;  // how it was made: preset, files, generator and seed
  TimeUnit timeUnit = TimeUnit::UnixSeconds;
};

// Everything an analysis needs, held in memory.
struct Dataset {
  DatasetInfo info;
  Catalog items;
  UserTable users;
  InteractionLog interactions;
};

// SHA-256 over the catalog's item ids in row order (each followed by '\n'): models record it so that a
// model is never applied to a catalog whose rows mean other items.
std::string catalogFingerprint(const Catalog& catalog);

const char* timeUnitName(TimeUnit unit);
TimeUnit timeUnitFromName(const std::string& name);

}  // namespace reclens
