#include "audit/auditgroupings.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "audit/beyondaccuracy.h"
#include "audit/evaluation.h"
#include "data/popularitytiers.h"

namespace reclens::audit_detail {

namespace {

// The number `text` spells, when all of it is one finite number.
bool parseNumber(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(out);
}

std::string shortNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

UserGrouping attributeGrouping(const AuditPartial& partial, std::size_t attribute) {
  UserGrouping g;
  g.name = partial.userAttributes[attribute];
  g.kind = "attribute";
  g.groups = partial.userAttributeValues[attribute];
  g.codes.resize(partial.users.size());
  for (std::size_t r = 0; r < partial.users.size(); ++r) {
    const auto& codes = partial.users[r].groupCodes;
    const auto code = attribute < codes.size() ? codes[attribute] : -1;
    g.codes[r] = code >= 0 && static_cast<std::size_t>(code) < g.groups.size() ? code : -1;
  }
  const int bins = partial.config.numericBins;
  std::vector<double> numbers(g.groups.size());
  if (bins < 2 || g.groups.size() <= static_cast<std::size_t>(bins)) return g;
  for (std::size_t v = 0; v < g.groups.size(); ++v) {
    if (!parseNumber(g.groups[v], numbers[v])) return g;
  }
  // Equal-frequency bins over the audited users' values: cut points at the b/bins quantiles (the value
  // at index ⌊b·n/bins⌋ of the sorted values), repeated cuts and cuts at the minimum dropped.
  std::vector<double> values;
  for (const auto code : g.codes) {
    if (code >= 0) values.push_back(numbers[static_cast<std::size_t>(code)]);
  }
  if (values.empty()) return g;
  std::sort(values.begin(), values.end());
  std::vector<double> cuts;
  for (int b = 1; b < bins; ++b) {
    const double cut = values[values.size() * static_cast<std::size_t>(b) / static_cast<std::size_t>(bins)];
    if (cut > values.front() && (cuts.empty() || cut > cuts.back())) cuts.push_back(cut);
  }
  std::vector<double> edges = {values.front()};
  edges.insert(edges.end(), cuts.begin(), cuts.end());
  std::vector<std::string> names;
  for (std::size_t j = 0; j < edges.size(); ++j) {
    names.push_back(j + 1 < edges.size()
                        ? "[" + shortNumber(edges[j]) + ", " + shortNumber(edges[j + 1]) + ")"
                        : "[" + shortNumber(edges[j]) + ", " + shortNumber(values.back()) + "]");
  }
  for (auto& code : g.codes) {
    if (code < 0) continue;
    const double x = numbers[static_cast<std::size_t>(code)];
    code = static_cast<std::int32_t>(std::upper_bound(cuts.begin(), cuts.end(), x) - cuts.begin());
  }
  g.kind = "binned";
  g.groups = std::move(names);
  return g;
}

UserGrouping intersection(const UserGrouping& a, const UserGrouping& b) {
  UserGrouping g;
  g.name = a.name + " × " + b.name;
  g.kind = "intersection";
  for (const auto& x : a.groups) {
    for (const auto& y : b.groups) g.groups.push_back(x + " × " + y);
  }
  g.codes.resize(a.codes.size());
  const auto width = static_cast<std::int32_t>(b.groups.size());
  for (std::size_t r = 0; r < g.codes.size(); ++r)
    g.codes[r] = a.codes[r] < 0 || b.codes[r] < 0 ? -1 : a.codes[r] * width + b.codes[r];
  return g;
}

}  // namespace

std::vector<std::int32_t> recordProfiles(const AuditPartial& partial) {
  std::vector<double> share(partial.users.size());
  std::vector<std::uint8_t> eligible(partial.users.size());
  for (std::size_t r = 0; r < partial.users.size(); ++r) {
    share[r] = partial.users[r].historyPopularShare;
    eligible[r] = partial.users[r].historyLength > 0 ? 1 : 0;
  }
  return popularityProfiles(share, eligible);
}

std::vector<UserGrouping> userGroupings(const AuditPartial& partial,
                                        const std::vector<std::int32_t>& profiles) {
  std::vector<UserGrouping> out;
  for (std::size_t a = 0; a < partial.userAttributes.size(); ++a)
    out.push_back(attributeGrouping(partial, a));
  const auto byName = [&out](const std::string& name) {
    return std::find_if(out.begin(), out.end(), [&name](const UserGrouping& g) { return g.name == name; });
  };
  const std::size_t attributes = out.size();
  for (const auto& pair : partial.config.intersections) {
    const auto a = byName(pair[0]), b = byName(pair[1]);
    if (a - out.begin() >= static_cast<std::ptrdiff_t>(attributes) ||
        b - out.begin() >= static_cast<std::ptrdiff_t>(attributes))
      continue;  // startPartial refuses unknown names; a hand-edited partial is skipped
    auto g = intersection(*a, *b);
    out.push_back(std::move(g));
  }
  UserGrouping p;
  p.name = "popularity_profile";
  p.kind = "popularity_profile";
  p.groups = popularityProfileNames();
  p.codes = profiles;
  out.push_back(std::move(p));
  // Cold start: users by their distinct history items (the bands of historyBand).
  UserGrouping activity;
  activity.name = kActivityGrouping;
  activity.kind = "activity";
  activity.groups = activityBandNames();
  for (const auto& u : partial.users) activity.codes.push_back(historyBand(u.historyLength));
  out.push_back(std::move(activity));
  return out;
}

std::vector<PopularityLiftGroup> popularityLift(const AuditPartial& partial,
                                                const std::vector<std::int32_t>& profiles) {
  const auto& names = popularityProfileNames();
  std::vector<PopularityLiftGroup> out(names.size());
  for (std::size_t g = 0; g < out.size(); ++g) {
    out[g].group = names[g];
    out[g].minShare = std::numeric_limits<double>::infinity();
    out[g].maxShare = -std::numeric_limits<double>::infinity();
  }
  for (std::size_t r = 0; r < partial.users.size(); ++r) {
    if (profiles[r] < 0) continue;
    const auto& u = partial.users[r];
    auto& g = out[static_cast<std::size_t>(profiles[r])];
    ++g.users;
    g.minShare = std::min(g.minShare, u.historyPopularShare);
    g.maxShare = std::max(g.maxShare, u.historyPopularShare);
    g.profilePopularity += u.historyPopularity;
    g.listPopularity += u.averagePopularity;
  }
  for (auto& g : out) {
    if (g.users == 0) {
      g.minShare = g.maxShare = 0.0;
      g.deltaGap = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    g.profilePopularity /= double(g.users);
    g.listPopularity /= double(g.users);
    g.deltaGap = deltaGap(g.profilePopularity, g.listPopularity);
  }
  return out;
}

double popularityRankCorrelation(const AuditPartial& partial, const std::vector<std::int64_t>& trainCounts) {
  double sum = 0.0;
  std::size_t lists = 0;
  std::vector<double> popularity;
  for (const auto& r : partial.users) {
    popularity.clear();
    for (const auto item : r.items) {
      const auto i = static_cast<std::size_t>(item);
      popularity.push_back(i < trainCounts.size() ? double(trainCounts[i]) : 0.0);
    }
    const double rho = spearmanWithPosition(popularity);
    if (std::isnan(rho)) continue;
    sum += rho;
    ++lists;
  }
  return lists > 0 ? -sum / double(lists) : std::numeric_limits<double>::quiet_NaN();
}

const std::vector<std::string>& activityBandNames() {
  static const std::vector<std::string> kNames = {"cold (0)", "light (1-4)", "regular (5-19)", "heavy (20+)"};
  return kNames;
}

bool builtInItemGrouping(const Dataset& dataset, const std::string& name) {
  if (name == "tier") return true;
  return (name == kInteractionsGrouping || name == kLaunchGrouping) && dataset.items.fieldIndex(name) < 0;
}

void itemGroupCodes(const Dataset& dataset, const std::string& grouping,
                    const std::vector<std::int64_t>& trainCounts, ItemGroupCodes& codes,
                    std::vector<std::string>& names) {
  codes.extra.clear();
  if (grouping == kInteractionsGrouping && builtInItemGrouping(dataset, grouping)) {
    // Interactions so far (the rows before the test part), in the bands of the evaluation's item groups.
    codes.first.assign(dataset.items.size(), 0);
    for (std::size_t i = 0; i < codes.first.size() && i < trainCounts.size(); ++i)
      codes.first[i] = historyBand(trainCounts[i]);
    names.clear();
    for (const auto& g : itemHistoryGroups()) names.push_back(g.name);
    return;
  }
  if (grouping == kLaunchGrouping && builtInItemGrouping(dataset, grouping)) {
    // Launched in the last tenth of the log (by rows: at or after the time 90% of the rows precede) or
    // before; an item's launch is its catalog first-seen time, else its first row; neither: no group.
    const auto& log = dataset.interactions;
    std::vector<std::int64_t> launch(dataset.items.size(), kNoTime);
    for (std::size_t i = 0; i < launch.size() && i < dataset.items.firstSeen.size(); ++i)
      launch[i] = dataset.items.firstSeen[i];
    std::vector<std::int64_t> firstRow(dataset.items.size(), kNoTime);
    for (std::size_t r = 0; r < log.size(); ++r) {
      auto& t = firstRow[static_cast<std::size_t>(log.item[r])];
      if (t == kNoTime || log.ts[r] < t) t = log.ts[r];
    }
    auto times = log.ts;
    std::int64_t cut = std::numeric_limits<std::int64_t>::max();
    if (!times.empty()) {
      const auto at = times.begin() + static_cast<std::ptrdiff_t>(times.size() * 9 / 10);
      std::nth_element(times.begin(), at, times.end());
      cut = *at;
    }
    codes.first.assign(dataset.items.size(), CategoricalField::kMissing);
    for (std::size_t i = 0; i < codes.first.size(); ++i) {
      const auto t = launch[i] != kNoTime ? launch[i] : firstRow[i];
      if (t != kNoTime) codes.first[i] = t >= cut ? 1 : 0;
    }
    names = {"earlier", "last tenth"};
    return;
  }
  if (grouping == "tier") {
    const auto tiers = popularityTiers(trainCounts);
    codes.first.resize(tiers.size());
    for (std::size_t i = 0; i < tiers.size(); ++i) codes.first[i] = static_cast<std::int32_t>(tiers[i]);
    names = {"head", "mid", "tail"};
    return;
  }
  const auto& field = dataset.items.fields[static_cast<std::size_t>(dataset.items.fieldIndex(grouping))];
  codes.first.resize(dataset.items.size());
  if (!field.setValued()) {
    for (std::size_t i = 0; i < codes.first.size(); ++i) codes.first[i] = field.codeAt(i);
    names = field.vocabulary();
    return;
  }
  CategoricalField members(field.name());
  for (std::size_t i = 0; i < codes.first.size(); ++i) {
    codes.first[i] = CategoricalField::kMissing;
    for (const auto member : setMembers(field.valueAt(i), true)) {
      const auto g = members.intern(member);
      if (codes.first[i] == CategoricalField::kMissing) {
        codes.first[i] = g;
      } else {
        codes.extra.emplace_back(i, g);
      }
    }
  }
  names = members.vocabulary();
}

}  // namespace reclens::audit_detail
