#include "sim/policy.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace reclens::sim {

namespace {

struct Entry {
  const char* name;
  PolicySpec::Kind kind;
  bool hasParameter;
  double defaultValue;
  double low;
  double high;
};

const Entry kEntries[] = {
    {"greedy", PolicySpec::Kind::Greedy, false, 0.0, 0.0, 0.0},
    {"egreedy", PolicySpec::Kind::EpsilonGreedy, true, 0.1, 0.0, 1.0},
    {"thompson", PolicySpec::Kind::Thompson, true, 0.02, 1e-6, 10.0},
    {"linucb", PolicySpec::Kind::LinUcb, true, 1.0, 0.0, 100.0},
    {"random", PolicySpec::Kind::Random, false, 0.0, 0.0, 0.0},
    {"popularity", PolicySpec::Kind::PopularityPenalty, true, 0.5, 0.0, 10.0},
    {"mmr", PolicySpec::Kind::Mmr, true, 0.3, 0.0, 1.0},
    {"catcap", PolicySpec::Kind::CategoryCap, true, 3.0, 1.0, 1000.0},
    {"calibrated", PolicySpec::Kind::Calibrated, true, 0.5, 0.0, 1.0},
    {"providerfair", PolicySpec::Kind::ProviderFair, true, 0.5, 0.0, 1.0},
    {"useraware", PolicySpec::Kind::UserAwarePenalty, true, 1.0, 0.0, 10.0},
    {"oracle", PolicySpec::Kind::Oracle, false, 0.0, 0.0, 0.0},
};

std::string formatNumber(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

}  // namespace

const std::vector<std::string>& policyNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& e : kEntries) names.emplace_back(e.name);
    return names;
  }();
  return kNames;
}

Result<PolicySpec> PolicySpec::parse(const std::string& text) {
  const auto colon = text.find(':');
  const std::string head = text.substr(0, colon);
  for (const auto& e : kEntries) {
    if (head != e.name) continue;
    PolicySpec spec;
    spec.kind = e.kind;
    spec.parameter = e.defaultValue;
    if (colon != std::string::npos) {
      const std::string number = text.substr(colon + 1);
      char* end = nullptr;
      const double value = std::strtod(number.c_str(), &end);
      if (!e.hasParameter || number.empty() || end != number.c_str() + number.size() ||
          !std::isfinite(value) || value < e.low || value > e.high) {
        return makeError(ErrorCode::InvalidArgument,
                         "policy '" + text + "': " +
                             (e.hasParameter ? "the parameter must be a number in [" + formatNumber(e.low) +
                                                   ", " + formatNumber(e.high) + "]"
                                             : std::string("takes no parameter")));
      }
      spec.parameter = value;
    }
    if (spec.kind == Kind::CategoryCap) spec.parameter = std::floor(spec.parameter);
    spec.name = e.hasParameter ? head + ":" + formatNumber(spec.parameter) : head;
    return spec;
  }
  std::string known;
  for (const auto& n : policyNames()) known += (known.empty() ? "" : ", ") + n;
  return makeError(ErrorCode::InvalidArgument, "unknown policy '" + text + "' (known: " + known + ")");
}

Result<std::vector<PolicySpec>> PolicySpec::parseList(const std::string& text) {
  std::vector<PolicySpec> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const std::string part =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) {
      auto spec = parse(part);
      if (!spec) return spec.error();
      for (const auto& o : out) {
        if (o.name == spec.value().name)
          return makeError(ErrorCode::InvalidArgument, "policy '" + o.name + "' is listed twice");
      }
      out.push_back(spec.value());
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (out.empty()) return makeError(ErrorCode::InvalidArgument, "no policy given");
  return out;
}

}  // namespace reclens::sim
