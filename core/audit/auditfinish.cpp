#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

#include "audit/audit.h"
#include "audit/auditgroupings.h"
#include "audit/auditinternal.h"
#include "audit/beyondaccuracy.h"
#include "audit/exposure.h"
#include "audit/fairnessstats.h"
#include "audit/longtailmetrics.h"
#include "data/generatorrng.h"
#include "data/popularitytiers.h"
#include "engine/computethreads.h"
#include "engine/userprofilebuilder.h"

namespace reclens {

namespace {

// Sub-streams of the audit seed: one per attribute for the bootstrap, one for the permutation test.
std::uint64_t bootstrapSeed(std::uint64_t seed, std::size_t attribute) {
  return GeneratorRng::derive(seed, 2 * attribute);
}
std::uint64_t permutationSeed(std::uint64_t seed, std::size_t attribute) {
  return GeneratorRng::derive(seed, 2 * attribute + 1);
}

// The fairness metrics of every record with a test item, in fairnessMetricNames() order, row-major
// (records without a test item get zeros and are never read).
std::vector<double> fairnessRows(const AuditPartial& partial, bool withCalibration, std::size_t width) {
  std::vector<double> rows(partial.users.size() * width, 0.0);
  for (std::size_t i = 0; i < partial.users.size(); ++i) {
    const auto& r = partial.users[i];
    if (!r.hasTest) continue;
    double* row = rows.data() + i * width;
    const double values[] = {r.accuracy.ndcg,
                             r.accuracy.recall,
                             r.accuracy.hit,
                             r.averagePopularity,
                             r.longTailShare,
                             r.tailPercentage,
                             r.listLength > 0 ? r.novelty / double(r.listLength) : 0.0,
                             r.intraListDiversity,
                             r.miscalibration};
    std::copy(values, values + (withCalibration ? 9 : 8), row);
  }
  return rows;
}

// Distinct items listed to each group's audited users.
std::vector<GroupCoverage> groupCoverage(const AuditPartial& partial, const audit_detail::UserGrouping& g) {
  std::vector<std::vector<std::int32_t>> items(g.groups.size());
  std::vector<std::size_t> users(g.groups.size(), 0);
  for (std::size_t r = 0; r < partial.users.size(); ++r) {
    if (g.codes[r] < 0) continue;
    const auto code = static_cast<std::size_t>(g.codes[r]);
    ++users[code];
    items[code].insert(items[code].end(), partial.users[r].items.begin(), partial.users[r].items.end());
  }
  std::vector<GroupCoverage> out;
  for (std::size_t code = 0; code < items.size(); ++code) {
    if (users[code] == 0) continue;
    auto& list = items[code];
    std::sort(list.begin(), list.end());
    const auto distinct = static_cast<std::size_t>(std::unique(list.begin(), list.end()) - list.begin());
    out.push_back({g.groups[code], users[code], distinct,
                   partial.numItems > 0 ? double(distinct) / double(partial.numItems) : 0.0});
  }
  return out;
}

AttributeFairness groupingFairness(const AuditPartial& partial, const audit_detail::UserGrouping& grouping,
                                   std::size_t index, const std::vector<double>& rows,
                                   const std::vector<std::string>& names) {
  const auto width = names.size();
  GroupedValues grouped;
  grouped.metrics = static_cast<int>(width);
  grouped.groups.resize(grouping.groups.size());
  for (std::size_t r = 0; r < partial.users.size(); ++r) {
    const auto code = grouping.codes[r];
    if (!partial.users[r].hasTest || code < 0) continue;
    auto& into = grouped.groups[static_cast<std::size_t>(code)];
    into.insert(into.end(), rows.begin() + static_cast<std::ptrdiff_t>(r * width),
                rows.begin() + static_cast<std::ptrdiff_t>((r + 1) * width));
  }
  const auto& config = partial.config;
  std::vector<std::vector<double>> resampled;
  const auto intervals = bootstrapGroupMeans(grouped, config.bootstrapSamples,
                                             bootstrapSeed(config.seed, index), 0.95, &resampled);
  const auto pValues =
      permutationGapPValues(grouped, config.permutations, permutationSeed(config.seed, index));
  AttributeFairness out;
  out.attribute = grouping.name;
  out.kind = grouping.kind;
  for (std::size_t m = 0; m < width; ++m) {
    MetricFairness f;
    f.metric = names[m];
    std::vector<double> means;
    std::size_t high = 0, low = 0;
    for (std::size_t g = 0; g < grouping.groups.size(); ++g) {
      const auto users = grouped.users(g);
      if (users == 0) continue;
      const auto& ci = intervals[g][m];
      if (means.empty() || ci.mean > intervals[high][m].mean) high = g;
      if (means.empty() || ci.mean < intervals[low][m].mean) low = g;
      f.groups.push_back({grouping.groups[g], users, ci.mean, ci.low, ci.high});
      means.push_back(ci.mean);
    }
    f.maxMinGap = maxMinGap(means);
    f.meanAbsPairwiseGap = meanAbsolutePairwiseGap(means);
    f.pValue = pValues[m];
    if (means.size() >= 2) {
      const int mi = static_cast<int>(m);
      f.highGroup = grouping.groups[high];
      f.lowGroup = grouping.groups[low];
      const auto gap = bootstrapDifference(resampled[high], resampled[low], grouped.metrics, mi, f.maxMinGap);
      f.gapCiLow = gap.low;
      f.gapCiHigh = gap.high;
      f.effectSize = cohensD(intervals[high][m].mean, groupVariance(grouped, high, mi), grouped.users(high),
                             intervals[low][m].mean, groupVariance(grouped, low, mi), grouped.users(low));
    }
    out.metrics.push_back(std::move(f));
  }
  out.coverage = groupCoverage(partial, grouping);
  return out;
}

// Every grouping's fairness, groupings spread over the CPU cores, then the Benjamini–Hochberg
// adjustment over all their tests. Each grouping has its own seeded streams, so the result does not
// depend on which thread computes it.
std::vector<AttributeFairness> allGroupingFairness(const AuditPartial& partial, bool withCalibration,
                                                   const TaskControl& control) {
  const auto names = audit_detail::fairnessMetricNames(withCalibration);
  const auto rows = fairnessRows(partial, withCalibration, names.size());
  const auto groupings = audit_detail::userGroupings(partial, audit_detail::recordProfiles(partial));
  const std::size_t n = groupings.size();
  std::vector<AttributeFairness> out(n);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t a = next++; a < n && !control.cancelled(); a = next++)
      out[a] = groupingFairness(partial, groupings[a], a, rows, names);
  };
  // As many threads as the compute library may use (--threads), so a benchmark or a busy machine is honoured.
  const auto threads = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, computeThreads())), n);
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (auto& h : helpers) h.join();
  std::vector<double> pValues;
  for (const auto& a : out) {
    for (const auto& m : a.metrics) pValues.push_back(m.pValue);
  }
  const auto adjusted = benjaminiHochberg(pValues);
  std::size_t t = 0;
  for (auto& a : out) {
    for (auto& m : a.metrics) m.pAdjusted = adjusted[t++];
  }
  return out;
}

void listMetrics(const AuditPartial& partial, bool withCalibration, AuditResult& result) {
  AccuracyMean accuracy;
  double popularity = 0.0, longTail = 0.0, tail = 0.0, diversity = 0.0, novelty = 0.0, miscalibration = 0.0;
  std::size_t diverseLists = 0;
  std::int64_t listed = 0;
  for (const auto& r : partial.users) {
    novelty += r.novelty;
    listed += r.listLength;
    if (!r.hasTest) continue;
    accuracy.add(r.accuracy);
    popularity += r.averagePopularity;
    longTail += r.longTailShare;
    tail += r.tailPercentage;
    miscalibration += r.miscalibration;
    if (r.listLength >= 2) {
      diversity += r.intraListDiversity;
      ++diverseLists;
    }
  }
  const double n = double(accuracy.users);
  result.evaluatedUsers = accuracy.users;
  result.accuracy = accuracy.mean();
  result.averagePopularity = n > 0 ? popularity / n : 0.0;
  result.aplt = n > 0 ? longTail / n : 0.0;
  result.tailPercentage = n > 0 ? tail / n : 0.0;
  result.intraListDiversity = diverseLists > 0 ? diversity / double(diverseLists) : 0.0;
  result.novelty = listed > 0 ? novelty / double(listed) : 0.0;
  result.miscalibration = !withCalibration ? std::numeric_limits<double>::quiet_NaN()
                          : n > 0          ? miscalibration / n
                                           : 0.0;
}

}  // namespace

Result<AuditResult> finishAudit(const AuditPartial& partial, const Dataset& dataset,
                                const TrainTestSplit& split, const TaskControl& control) {
  if (auto s = audit_detail::checkAuditInputs(dataset, split, partial.config); !s) return s.error();
  if (partial.dataFingerprint != auditDataFingerprint(dataset) || partial.numItems != dataset.items.size() ||
      partial.exposureCount.size() != partial.numItems || partial.exposureWeight.size() != partial.numItems) {
    return makeError(ErrorCode::InvalidArgument, "the partial audit was made on other data");
  }
  if (partial.userAttributeValues.size() != partial.userAttributes.size())
    return makeError(ErrorCode::InvalidArgument, "the partial audit's user attributes are inconsistent");
  auto groupings = audit_detail::resolveItemGroupings(dataset, partial.config.itemGroupings);
  if (!groupings) return groupings.error();

  for (const auto& r : partial.users) {
    if (r.items.size() != static_cast<std::size_t>(r.listLength)) {
      return makeError(
          ErrorCode::InvalidArgument,
          "the partial audit holds no per-user lists (written by an older RecLens?); audit again");
    }
  }
  const bool withCalibration = dataset.items.fieldIndex(audit_detail::kCalibrationField) >= 0;

  AuditResult result;
  result.partial = partial;
  listMetrics(partial, withCalibration, result);
  result.itemCoverage = itemCoverage(partial.exposureCount);
  result.gini = giniIndex(partial.exposureCount);
  result.exposureEntropyBits = entropyBits(partial.exposureCount);

  std::vector<bool> history(split.part.size());
  for (std::size_t r = 0; r < split.part.size(); ++r) history[r] = split.part[r] != SplitPart::Test;
  const auto trainCounts = itemPopularity(dataset.interactions, dataset.items.size(), &history);
  result.popularityRankCorrelation = audit_detail::popularityRankCorrelation(partial, trainCounts);
  result.popularityLift = audit_detail::popularityLift(partial, audit_detail::recordProfiles(partial));
  const auto tallies = audit_detail::itemTallies(partial, split);
  ItemGroupCodes codes;
  std::vector<std::string> names;
  for (const auto& grouping : groupings.value()) {
    audit_detail::itemGroupCodes(dataset, grouping, trainCounts, codes, names);
    ItemGrouping g;
    g.name = grouping;
    g.groups = groupExposure(codes, names, partial.exposureWeight, trainCounts);
    audit_detail::itemGroupFairness(partial, tallies, codes, g);
    result.itemGroups.push_back(std::move(g));
  }

  for (std::size_t f = 0; f < partial.flipAttributes.size(); ++f) {
    FlipRate rate;
    rate.attribute = partial.flipAttributes[f];
    double flipped = 0.0, overlap = 0.0;
    for (const auto& r : partial.users) {
      if (f >= r.flipped.size() || f >= r.flipJaccard.size()) continue;
      flipped += r.flipped[f];
      overlap += r.flipJaccard[f];
      ++rate.users;
    }
    rate.rate = rate.users > 0 ? flipped / double(rate.users) : 0.0;
    rate.meanJaccard = rate.users > 0 ? overlap / double(rate.users) : 0.0;
    result.flips.push_back(rate);
  }

  control.report(0.0, "fairness statistics");
  result.fairness = allGroupingFairness(partial, withCalibration, control);
  if (control.cancelled()) return makeError(ErrorCode::Cancelled, "cancelled while finishing the audit");
  control.report(1.0, "fairness statistics");
  return result;
}

}  // namespace reclens
