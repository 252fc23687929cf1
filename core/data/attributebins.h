#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reclens {

// Groups of a numeric attribute, from ascending edges e1 < ... < ek: group 0 holds x < e1, group i holds
// e_i <= x < e_{i+1}, group k holds x >= e_k. Labels: "<e1", "e1–e2'", ..., "ek+", where for integer
// edges e2' = e2 - 1 (ages 18–24 are 18 <= x < 25; a group of one integer is labelled by it alone)
// and otherwise the group is written "[e1, e2)".
std::vector<std::string> binLabels(const std::vector<double>& edges);
// The group of `x` under `edges`.
std::size_t binOf(const std::vector<double>& edges, double x);
// Edges cutting `values` into `groups` quantile groups: the values at ranks floor(j * n / groups) of the
// sorted values for j = 1 .. groups-1, repeats and an edge at the minimum dropped (such a group would be
// empty). Empty for no values.
std::vector<double> quantileEdges(std::vector<double> values, int groups);
// `text` as a finite number (leading '+' allowed), or nullopt.
std::optional<double> parseNumber(std::string_view text);

}  // namespace reclens
