#include "data/attributebins.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace reclens {

namespace {

bool integral(double x) {
  return std::floor(x) == x && std::fabs(x) < 1e15;
}

std::string number(double x) {
  char buffer[32];
  if (integral(x)) {
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(x));
  } else {
    std::snprintf(buffer, sizeof buffer, "%g", x);
  }
  return buffer;
}

}  // namespace

std::vector<std::string> binLabels(const std::vector<double>& edges) {
  std::vector<std::string> out;
  if (edges.empty()) return out;
  const bool integers = std::all_of(edges.begin(), edges.end(), integral);
  out.push_back("<" + number(edges.front()));
  for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
    const double lo = edges[i];
    const double hi = edges[i + 1];
    if (!integers) {
      out.push_back("[" + number(lo) + ", " + number(hi) + ")");
    } else if (hi - 1 == lo) {
      out.push_back(number(lo));
    } else {
      out.push_back(number(lo) + "\u2013" + number(hi - 1));
    }
  }
  out.push_back(number(edges.back()) + "+");
  return out;
}

std::size_t binOf(const std::vector<double>& edges, double x) {
  return static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), x) - edges.begin());
}

std::vector<double> quantileEdges(std::vector<double> values, int groups) {
  std::vector<double> edges;
  if (values.empty() || groups < 2) return edges;
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  for (int j = 1; j < groups; ++j) {
    const double edge = values[static_cast<std::size_t>(j) * n / static_cast<std::size_t>(groups)];
    if (edge > values.front() && (edges.empty() || edge > edges.back())) edges.push_back(edge);
  }
  return edges;
}

std::optional<double> parseNumber(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double x = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

}  // namespace reclens
