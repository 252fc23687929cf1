#pragma once
// Internal to core/audit: the JSON plumbing shared by auditjson.cpp (writing) and auditjsonread.cpp.
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace reclens::auditjson {

using Out = nlohmann::ordered_json;
using In = nlohmann::json;

inline constexpr const char* kRunFormat = "reclens-audit";
inline constexpr const char* kPartialFormat = "reclens-audit-partial";
inline constexpr int kFormatVersion = 1;

// Names of the per-user value columns, in AuditUserRecord order; the last kNewUserColumns came with
// metric definitions version 2 and may be absent from older files.
inline constexpr int kUserColumnCount = 14;
inline constexpr int kNewUserColumns = 3;
inline constexpr const char* kUserColumns[kUserColumnCount] = {"hit",
                                                               "precision",
                                                               "recall",
                                                               "mrr",
                                                               "map",
                                                               "ndcg",
                                                               "average_popularity",
                                                               "long_tail_share",
                                                               "tail_percentage",
                                                               "novelty",
                                                               "intra_list_diversity",
                                                               "miscalibration",
                                                               "history_popularity",
                                                               "history_popular_share"};

// A malformed document; caught at the API boundary and turned into a Parse error.
struct BadJson : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// JSON numbers cannot hold NaN or infinities; they travel as strings.
inline Out number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return v;
}

inline const In& field(const In& j, const char* key, const std::string& where) {
  if (!j.is_object()) throw BadJson("\"" + where + "\" is not an object");
  const auto it = j.find(key);
  if (it == j.end()) throw BadJson("\"" + where + "\" has no key \"" + key + "\"");
  return *it;
}

inline double readDouble(const In& v, const std::string& where) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
  }
  throw BadJson("\"" + where + "\" is not a number");
}

inline double getDouble(const In& j, const char* key, const std::string& where) {
  return readDouble(field(j, key, where), where + "." + key);
}

// A key added after format version 1: `fallback` when absent, else it must be a number.
inline double optionalDouble(const In& j, const char* key, const std::string& where, double fallback) {
  return j.contains(key) ? getDouble(j, key, where) : fallback;
}

inline std::string optionalString(const In& j, const char* key, const std::string& where,
                                  const std::string& fallback = {}) {
  if (!j.contains(key)) return fallback;
  const auto& v = j[key];
  if (!v.is_string()) throw BadJson("\"" + where + "." + key + "\" is not a string");
  return v.get<std::string>();
}

template <class T>
T getInteger(const In& j, const char* key, const std::string& where) {
  const auto& v = field(j, key, where);
  if (!v.is_number_integer()) throw BadJson("\"" + where + "." + key + "\" is not an integer");
  return v.get<T>();
}

inline std::string getString(const In& j, const char* key, const std::string& where) {
  const auto& v = field(j, key, where);
  if (!v.is_string()) throw BadJson("\"" + where + "." + key + "\" is not a string");
  return v.get<std::string>();
}

inline const In& getArray(const In& j, const char* key, const std::string& where) {
  const auto& v = field(j, key, where);
  if (!v.is_array()) throw BadJson("\"" + where + "." + key + "\" is not an array");
  return v;
}

inline std::vector<std::string> getStrings(const In& j, const char* key, const std::string& where) {
  std::vector<std::string> out;
  for (const auto& v : getArray(j, key, where)) {
    if (!v.is_string()) throw BadJson("\"" + where + "." + key + "\" holds a value that is not a string");
    out.push_back(v.get<std::string>());
  }
  return out;
}

template <class T>
std::vector<T> getIntegers(const In& a, const std::string& where) {
  if (!a.is_array()) throw BadJson("\"" + where + "\" is not an array");
  std::vector<T> out;
  out.reserve(a.size());
  for (const auto& v : a) {
    if (!v.is_number_integer()) throw BadJson("\"" + where + "\" holds a value that is not an integer");
    out.push_back(v.get<T>());
  }
  return out;
}

inline std::vector<double> getDoubles(const In& a, const std::string& where) {
  if (!a.is_array()) throw BadJson("\"" + where + "\" is not an array");
  std::vector<double> out;
  out.reserve(a.size());
  for (const auto& v : a) out.push_back(readDouble(v, where));
  return out;
}

}  // namespace reclens::auditjson
